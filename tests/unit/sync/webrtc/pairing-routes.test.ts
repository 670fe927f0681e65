import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { FakePeer, FakeSignalling } from './fake-layer';
import { PeerSync } from '../../../../src/sync/peer-sync';
import { deriveWorkspaceKeys } from '../../../../src/sync/keys';
import { encryptJson } from '../../../../src/sync/webrtc/crypto';
import { UNREACHABLE_AFTER_MS } from '../../../../src/sync/peer-routes';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

/** The Team page's and the connection check's count, from the connections PeerSync really holds. */
describe('routes of a device pairing by code', () => {
  // PeerSync checks these exist; the fake simple-peer makes no real connection.
  beforeEach(() => {
    for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    FakePeer.made.length = 0;
  });

  it('an answer waiting to be carried back is no unreachable device; a device the relay introduced that never connects is', async () => {
    const relay = 'ws://relay-pairing-routes.test';
    const doc = new Y.Doc();
    const keys = await deriveWorkspaceKeys('ws-pairing-routes', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    const sync = new PeerSync(doc, keys, { relays: [relay], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: () => {} });
    try {
      const key = await sync.provider.key;
      const room = sync.provider.room!;
      // This device answers a code from peer-a; the person has not carried the answer back yet.
      room.pairAnswer('peer-a', 'v=0 offer').catch(() => {});
      FakeSignalling.made.get(relay)!.open();
      FakeSignalling.made.get(relay)!.deliver(keys.room, toBase64(await encryptJson({ type: 'announce', from: 'peer-x' }, key)));
      await vi.waitFor(() => expect([...room.webrtcConns.keys()].sort()).toEqual(['peer-a', 'peer-x']));
      const start = Date.now();
      sync.provider.emit('peers', [{ removed: [], added: [], webrtcPeers: [], bcPeers: [] }]);
      // Both are still trying a minute later (a fake "now": their own 20 s and 15 min timers are real).
      vi.spyOn(Date, 'now').mockReturnValue(start + UNREACHABLE_AFTER_MS + 60_000);
      await vi.waitFor(() => {
        sync.provider.emit('peers', [{ removed: [], added: [], webrtcPeers: [], bcPeers: [] }]);
        expect(sync.routes.unknown.map((u) => u.peerId)).toEqual(['peer-x']);
      });
    } finally {
      sync.destroy();
      doc.destroy();
    }
  });
});

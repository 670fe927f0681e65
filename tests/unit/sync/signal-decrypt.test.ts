// A signalling message that does not decrypt, through the real relay (server/signal.js) on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { PeerSync } from '../../../src/sync/peer-sync';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';
import { startRelay, subscriber } from '../server/support/relay-clients';
import { recorder } from './webrtc/recorder';

describe('PeerSync: a relayed message it cannot decrypt', () => {
  beforeEach(() => {
    for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
    vi.stubGlobal('WebSocket', WebSocket);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is reported under Data problems (once, however often it comes), not thrown in the page', async () => {
    const { url } = await startRelay();
    const keys = await deriveWorkspaceKeys('ws-signal-garbage', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    // Someone on the room's topic without its key: it sees the device announce itself, then sends garbage.
    const stranger = await subscriber(url, [keys.room]);
    const doc = new Y.Doc();
    const problems: string[] = [];
    const sync = new PeerSync(doc, keys, { relays: [url], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: (p) => problems.push(p) });
    // Every report the room makes, before PeerSync keeps only the first of a kind.
    const guard = sync.provider.bcGuard!;
    const report = guard.onProblem.bind(guard);
    const reported = recorder<string>();
    guard.onProblem = (problem) => {
      report(problem);
      reported.push(problem);
    };
    await stranger.waitFor((m) => m.type === 'publish', "the device's announcement");

    for (const data of ['bm90IGZvciB0aGlzIHJvb20', 'AAAA', 'not base64 %%%']) stranger.send({ type: 'publish', topic: keys.room, data });
    // All three were read (and refused) before the count is looked at.
    await reported.until((all) => all.length === 3);

    expect(reported.items).toEqual(['undecryptable-signal', 'undecryptable-signal', 'undecryptable-signal']);
    expect(problems).toEqual(['undecryptable-signal']);
    sync.destroy();
    doc.destroy();
  });
});

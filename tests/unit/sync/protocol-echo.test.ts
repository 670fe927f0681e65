import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { FakePeer } from './webrtc/fake-layer';
import { openProvider } from './webrtc/open-provider';
import { syncMessage, syncPayload } from '../../../src/sync/sync-messages';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./webrtc/fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./webrtc/fake-layer')).FakeSignalling }));

/**
 * docs/sync-protocol.md, "What arrives is checked": y-webrtc (Kehu's copy as upstream) sends every
 * update it applies back to the peer it came from, so a client written from the docs should
 * drop such echoes. Kehu's chunked channel drops them (chunked-data-channel.test.ts); this is
 * the y-webrtc side the docs describe.
 */
describe('y-webrtc echoes an update to the peer that sent it', () => {
  afterEach(() => {
    FakePeer.made.length = 0;
  });

  it('sends a received update straight back on the same connection', async () => {
    const device = await openProvider();
    device.relay.open();
    device.announce('peer-b');
    const peer = FakePeer.made[0]!;
    peer.emit('connect');
    const theirs = new Y.Doc();
    theirs.getMap('customers').set('c1', 'from peer-b');
    const sentBefore = peer.sent.length;

    peer.emit('data', syncMessage(syncProtocol.messageYjsUpdate, Y.encodeStateAsUpdate(theirs)));

    expect(device.doc.getMap('customers').get('c1')).toBe('from peer-b');
    const echoed = peer.sent.slice(sentBefore).map((m) => syncPayload(m, syncProtocol.messageYjsUpdate)).filter((u) => u !== null);
    expect(echoed).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, echoed[0]!);
    expect(copy.getMap('customers').get('c1')).toBe('from peer-b');
    device.close();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeer } from './fake-layer';
import { openProvider } from './open-provider';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

// Kehu changes to y-webrtc's signalling (src/sync/webrtc/README.md, CHANGES): which signal makes
// a connection, what an offer does to one being made, and whose close removes a peer.
describe('vendored y-webrtc: connection handling', () => {
  const opened: Array<{ close(): void }> = [];
  const open = async () => {
    const device = await openProvider();
    opened.push(device);
    device.relay.open();
    return device;
  };
  afterEach(() => {
    for (const device of opened.splice(0)) device.close();
    FakePeer.made.length = 0;
  });

  it('a candidate from a peer it has no connection with starts none', async () => {
    const { room, signal } = await open();
    signal('peer-b', { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' } });
    expect(room.webrtcConns.size).toBe(0);
    expect(FakePeer.made).toEqual([]);
  });

  it('an offer still starts a connection that answers it', async () => {
    const { room, signal } = await open();
    const offer = { type: 'offer', sdp: 'v=0' };
    signal('peer-b', offer, { token: 1 });
    const conn = room.webrtcConns.get('peer-b');
    expect(conn?.peer).toBe(FakePeer.made[0]);
    expect(FakePeer.made[0]).toMatchObject({ initiator: false, signals: [offer] });
  });

  it("an offer that arrives before this side's own offer gets a new connection, and the replaced one's close leaves it", async () => {
    const { room, signal, announce, provider } = await open();
    announce('peer-b'); // this side starts a connection (initiator) ...
    const ours = FakePeer.made[0]!;
    expect(ours.initiator).toBe(true);
    const removed: string[][] = [];
    provider.on('peers', ({ removed: r }) => removed.push(r));
    const offer = { type: 'offer', sdp: 'v=0' };
    signal('peer-b', offer, { token: 1 }); // ... and the peer's offer comes before ours was made
    expect(ours.destroyed).toBe(true);
    expect(ours.signals).toEqual([]); // upstream handed it to ours: ERR_CREATE_OFFER, both waited for ever
    const theirs = FakePeer.made[1]!;
    expect(theirs).toMatchObject({ initiator: false, signals: [offer] });
    await ours.closed; // the replaced connection's 'close'
    expect(room.webrtcConns.get('peer-b')?.peer).toBe(theirs);
    expect(removed).toEqual([]);
  });

  it('an offer loses the glare when this side offered later with a higher token (as upstream)', async () => {
    const { room, signal, announce } = await open();
    announce('peer-b');
    const ours = FakePeer.made[0]!;
    ours.emit('signal', { type: 'offer', sdp: 'ours' }); // sets our glare token (now + random)
    signal('peer-b', { type: 'offer', sdp: 'theirs' }, { token: 0 });
    expect(ours.destroyed).toBe(false);
    expect(room.webrtcConns.get('peer-b')?.peer).toBe(ours);
    expect(FakePeer.made).toHaveLength(1);
  });

  it("the close of a connection that was replaced does not remove its successor", async () => {
    const { room, signal, announce } = await open();
    announce('peer-b');
    const first = room.webrtcConns.get('peer-b')!;
    room.webrtcConns.delete('peer-b'); // as a connect timeout or a replacing offer leaves it
    signal('peer-b', { type: 'offer', sdp: 'v=0' }, { token: 1 });
    const second = room.webrtcConns.get('peer-b')!;
    first.destroy();
    await (first.peer as unknown as FakePeer).closed;
    expect(first.closed).toBe(true);
    expect(room.webrtcConns.get('peer-b')).toBe(second);
  });

  it('an answer for a connection that is gone is dropped without an error', async () => {
    const { room, signal } = await open();
    expect(() => signal('peer-b', { type: 'answer', sdp: 'v=0' })).not.toThrow();
    expect(room.webrtcConns.size).toBe(0);
  });

  it('a signalling message without a sender or without its signal is dropped without an error', async () => {
    const { room, roomName, relay } = await open();
    expect(() => relay.deliver(roomName, { type: 'signal', from: 'peer-b', to: room.peerId })).not.toThrow();
    expect(() => relay.deliver(roomName, { type: 'signal', from: 'peer-b', to: room.peerId, signal: null })).not.toThrow();
    expect(() => relay.deliver(roomName, { type: 'announce' })).not.toThrow();
    expect(() => relay.deliver(roomName, 'announce')).not.toThrow();
    expect(room.webrtcConns.size).toBe(0);
  });

  it('lists open connections and sends on one through typed methods', async () => {
    const { room, provider, signal, relay } = await open();
    expect(provider.signalingConnected()).toBe(true);
    signal('peer-b', { type: 'offer', sdp: 'v=0' }, { token: 1 });
    signal('peer-c', { type: 'offer', sdp: 'v=0' }, { token: 1 });
    const [b, c] = FakePeer.made;
    expect(provider.openConnections()).toEqual([]);
    c!.emit('connect');
    expect(provider.openConnections()).toEqual([room.webrtcConns.get('peer-c')]);
    const conn = provider.openConnections()[0]!;
    expect(conn.dataChannel()).toBeNull();
    const channel = { label: 'ours' };
    c!._channel = channel;
    expect(conn.dataChannel()).toBe(channel);
    conn.send(Uint8Array.of(7));
    expect(c!.sent.at(-1)).toEqual(Uint8Array.of(7));
    expect(b!.sent).toEqual([]);
    relay.disconnect();
    expect(provider.signalingConnected()).toBe(false);
  });
});

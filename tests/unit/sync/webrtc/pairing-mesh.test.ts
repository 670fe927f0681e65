import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeer } from './fake-layer';
import { openProvider } from './open-provider';
import * as cryptoutils from '../../../../src/sync/webrtc/crypto';
import { decodeMeshEnvelope, encodeMeshEnvelope, MESSAGE_MESH_SIGNAL, type MeshEnvelope } from '../../../../src/sync/mesh-relay';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

// Kehu changes 18 to 20 (src/sync/webrtc/README.md): connections made by code, and signals carried by the mesh.
describe('vendored y-webrtc: pairing by code and the mesh', () => {
  const opened: Array<{ close(): void }> = [];
  const problems: string[] = [];
  const open = async () => {
    const device = await openProvider({ password: 'workspace password', signaling: [], bcGuard: { rejectReason: () => null, onProblem: (p) => problems.push(p) } });
    opened.push(device);
    return device;
  };
  afterEach(() => {
    for (const device of opened.splice(0)) device.close();
    FakePeer.made.length = 0;
    problems.length = 0;
  });

  it('an offer by code waits for its answer, which makes it the connection of the answering peer', async () => {
    const { room } = await open();
    const offered = room.pairOffer();
    const peer = FakePeer.made[0]!;
    expect(peer.initiator).toBe(true);
    peer.emit('signal', { type: 'offer', sdp: 'v=0 offer' });
    const { pairId, sdp } = await offered;
    expect(sdp).toBe('v=0 offer');
    expect(room.webrtcConns.size).toBe(0);
    expect(room.acceptPairAnswer('pair-unknown', 'peer-b', 'v=0')).toBe('expired');
    expect(room.acceptPairAnswer(pairId, room.peerId, 'v=0')).toBe('own');
    expect(room.acceptPairAnswer(pairId, 'peer-b', 'v=0 answer')).toBeNull();
    expect(room.webrtcConns.get('peer-b')?.peer).toBe(peer);
    // It waited for a person, not the network: no device seen on a relay that could not be reached (peer-routes.ts).
    expect(room.webrtcConns.get('peer-b')?.byCode).toBe(true);
    expect(peer.signals).toEqual([{ type: 'answer', sdp: 'v=0 answer' }]);
    expect(room.acceptPairAnswer(pairId, 'peer-c', 'v=0'), 'an answer is taken once').toBe('expired');
  });

  it('keeps a few offers waiting at most: a fifth closes the oldest', async () => {
    const { room } = await open();
    const offers = Array.from({ length: 5 }, () => room.pairOffer());
    for (const offer of offers) offer.catch(() => {});
    expect(room.pendingPairs.size).toBe(4);
    expect(FakePeer.made[0]!.destroyed).toBe(true);
    await expect(offers[0]).rejects.toThrow();
    expect(FakePeer.made.slice(1).every((peer) => !peer.destroyed)).toBe(true);
  });

  it('an answer by code is the whole answer of a connection keyed by the offering peer', async () => {
    const { room } = await open();
    const answered = room.pairAnswer('peer-a', 'v=0 offer');
    const peer = FakePeer.made[0]!;
    expect(peer).toMatchObject({ initiator: false, signals: [{ type: 'offer', sdp: 'v=0 offer' }] });
    peer.emit('signal', { type: 'answer', sdp: 'v=0 answer' });
    expect(await answered).toBe('v=0 answer');
    expect(room.webrtcConns.get('peer-a')?.peer).toBe(peer);
    expect(room.webrtcConns.get('peer-a')?.byCode).toBe(true);
    await expect(room.pairAnswer(room.peerId, 'v=0')).rejects.toThrow();
  });

  /** A device B connected to neighbour A (by code), as the mesh sees it. */
  async function connectedToA() {
    const device = await open();
    void device.room.pairAnswer('peer-a', 'v=0 offer');
    const peerA = FakePeer.made.at(-1)!;
    peerA.emit('signal', { type: 'answer', sdp: 'v=0' });
    peerA.emit('connect');
    const connA = device.room.webrtcConns.get('peer-a')!;
    const meshSent = () => peerA.sent.filter((m) => m[0] === MESSAGE_MESH_SIGNAL).map((m) => decodeMeshEnvelope(m) as MeshEnvelope);
    return { ...device, peerA, connA, meshSent };
  }

  it('a device announces itself through the mesh when a connection opens', async () => {
    const { room, meshSent } = await connectedToA();
    await vi.waitFor(() => expect(meshSent()).toHaveLength(1), { timeout: 5_000 });
    const [announce] = meshSent();
    expect(announce).toMatchObject({ from: room.peerId, to: '', ttl: 4 });
    expect(await cryptoutils.decryptJson(announce!.sealed, room.key)).toEqual({ type: 'announce', from: room.peerId });
  });

  it("an announce of a peer met through the mesh starts a connection whose offer goes back the way the announce came", async () => {
    const { room, connA, meshSent } = await connectedToA();
    await vi.waitFor(() => expect(meshSent()).toHaveLength(1), { timeout: 5_000 });
    const sealed = await cryptoutils.encryptJson({ type: 'announce', from: 'peer-c' }, room.key);
    room.receiveMesh(connA, encodeMeshEnvelope({ id: 'c-announce', from: 'peer-c', to: '', ttl: 3, sealed }));
    await vi.waitFor(() => expect(room.webrtcConns.has('peer-c')).toBe(true));
    const toC = room.webrtcConns.get('peer-c')!.peer as unknown as FakePeer;
    expect(toC.initiator).toBe(true);
    // Not reached by a code: if it never opens, it counts as not reachable like a relay's.
    expect(room.webrtcConns.get('peer-c')!.byCode).toBe(false);
    toC.emit('signal', { type: 'offer', sdp: 'v=0 for C' });
    await vi.waitFor(() => expect(meshSent()).toHaveLength(2));
    const offer = meshSent()[1]!;
    expect(offer).toMatchObject({ from: room.peerId, to: 'peer-c' });
    expect(await cryptoutils.decryptJson(offer.sealed, room.key)).toMatchObject({ type: 'signal', from: room.peerId, to: 'peer-c', signal: { type: 'offer', sdp: 'v=0 for C' } });
    // The same announce again (through another neighbour, or replayed) is handled once.
    room.receiveMesh(connA, encodeMeshEnvelope({ id: 'c-announce', from: 'peer-c', to: '', ttl: 3, sealed }));
    expect(problems).toEqual([]);
  });

  it('a signal whose clear addressee or sender is not the sealed one is dropped and reported', async () => {
    const { room, connA } = await connectedToA();
    const sealed = await cryptoutils.encryptJson({ type: 'signal', from: 'peer-c', to: 'peer-z', token: 1, signal: { type: 'offer', sdp: 'v=0' } }, room.key);
    room.receiveMesh(connA, encodeMeshEnvelope({ id: 'redirected', from: 'peer-c', to: room.peerId, ttl: 3, sealed }));
    room.receiveMesh(connA, encodeMeshEnvelope({ id: 'garbled', from: 'peer-c', to: room.peerId, ttl: 3, sealed: Uint8Array.of(1, 2, 3) }));
    room.receiveMesh(connA, Uint8Array.of(MESSAGE_MESH_SIGNAL, 200));
    await vi.waitFor(() => expect(problems).toEqual(['mesh-signal', 'mesh-signal', 'mesh-signal']));
    expect(room.webrtcConns.has('peer-c')).toBe(false);
  });
});

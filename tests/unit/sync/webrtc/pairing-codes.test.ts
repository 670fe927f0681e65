import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeer } from './fake-layer';
import { openProvider } from './open-provider';
import { Pairing, readInviteOffer } from '../../../../src/sync/pairing';
import { toBase64Url } from '../../../../src/sync/base64url';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

const workspace = { id: '01938f2e-7b1c-7a00-8000-0123456789ab', secret: toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 3)) };
const other = { id: '01938f2e-7b1c-7a00-8000-0123456789ac', secret: workspace.secret };

/** The whole path of a pairing by code, from one device's Pairing to the other's, over the fake simple-peer. */
describe('pairing by code between two devices', () => {
  const opened: Array<{ close(): void }> = [];
  const device = async (ws = workspace) => {
    const d = await openProvider({ password: 'workspace password', signaling: [] });
    opened.push(d);
    return { ...d, pairing: new Pairing(() => d.provider, ws, () => 'Harbor Team') };
  };
  afterEach(() => {
    for (const d of opened.splice(0)) d.close();
    FakePeer.made.length = 0;
  });

  /** Makes `pairing` produce its code: the fake peer it just made gives its whole description. */
  async function withDescription<T>(make: () => Promise<T>, sdp: string): Promise<T> {
    const before = FakePeer.made.length;
    const made = make();
    await vi.waitFor(() => expect(FakePeer.made.length).toBeGreaterThan(before));
    const peer = FakePeer.made[before]!;
    peer.emit('signal', { type: peer.initiator ? 'offer' : 'answer', sdp });
    return made;
  }

  it("a teammate's device answers an offer, and the answer connects the offer to it", async () => {
    const a = await device();
    const b = await device();
    const offer = await withDescription(() => a.pairing.createOffer(false), 'v=0 offer of A');
    if (!offer.ok) throw new Error(offer.error);
    const answer = await withDescription(() => b.pairing.answerOffer(offer.value.code), 'v=0 answer of B');
    if (!answer.ok) throw new Error(answer.error);
    const toA = b.room.webrtcConns.get(a.room.peerId)!.peer as unknown as FakePeer;
    expect(toA.signals).toEqual([{ type: 'offer', sdp: 'v=0 offer of A' }]);
    expect(await a.pairing.acceptAnswer(offer.value.pairId, answer.value)).toBeNull();
    const toB = a.room.webrtcConns.get(b.room.peerId)!.peer as unknown as FakePeer;
    expect(toB.signals).toEqual([{ type: 'answer', sdp: 'v=0 answer of B' }]);
    // The same answer again: that offer no longer waits.
    expect(await a.pairing.acceptAnswer(offer.value.pairId, answer.value)).toBe('errors.pairingExpired');
  });

  it('an offer for a new device carries the workspace, read before anything is created', async () => {
    const a = await device();
    const offer = await withDescription(() => a.pairing.createOffer(true), 'v=0 offer of A');
    if (!offer.ok) throw new Error(offer.error);
    expect(await readInviteOffer(offer.value.code)).toEqual({ ok: true, value: { workspaceId: workspace.id, secret: workspace.secret, name: 'Harbor Team' } });
    const forMember = await withDescription(() => a.pairing.createOffer(false), 'v=0 second offer');
    if (!forMember.ok) throw new Error(forMember.error);
    expect(await readInviteOffer(forMember.value.code)).toEqual({ ok: false, error: 'errors.pairingNeedsInvite' });
  });

  it("refuses another workspace's offer and a damaged answer, and changes nothing", async () => {
    const a = await device();
    const stranger = await device(other);
    const offer = await withDescription(() => a.pairing.createOffer(true), 'v=0 offer of A');
    if (!offer.ok) throw new Error(offer.error);
    const made = FakePeer.made.length;
    expect(await stranger.pairing.answerOffer(offer.value.code)).toEqual({ ok: false, error: 'errors.pairingOtherWorkspace' });
    expect(await a.pairing.answerOffer(offer.value.code)).toEqual({ ok: false, error: 'errors.pairingOwnCode' });
    expect(await a.pairing.acceptAnswer(offer.value.pairId, offer.value.code)).toBe('errors.pairingWrongKind');
    expect(await a.pairing.acceptAnswer(offer.value.pairId, 'not a code at all')).toBe('errors.pairingNotACode');
    expect(FakePeer.made.length).toBe(made);
    expect(a.room.webrtcConns.size + stranger.room.webrtcConns.size).toBe(0);
    expect(a.room.pendingPairs.size).toBe(1);
  });
});

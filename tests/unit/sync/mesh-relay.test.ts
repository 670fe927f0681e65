import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import {
  decodeMeshEnvelope,
  encodeMeshEnvelope,
  ANNOUNCE_FORWARD_MS,
  MAX_MESH_BYTES,
  MAX_TTL,
  MeshRelay,
  MESSAGE_MESH_SIGNAL,
  RATE_PER_WINDOW,
  RATE_WINDOW_MS,
  type MeshEnvelope,
} from '../../../src/sync/mesh-relay';
import { inspectPeerMessage } from '../../../src/sync/update-guard';

const sealed = Uint8Array.of(1, 2, 3);
const envelope = (over: Partial<MeshEnvelope> = {}): MeshEnvelope => ({ id: 'm1', from: 'C', to: 'B', ttl: MAX_TTL, sealed, ...over });

/** A by hand: the bytes of a mesh message with the given fields. */
function raw(fields: { id?: string; from?: string; to?: string; ttl?: number; sealed?: Uint8Array; extra?: boolean }) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_MESH_SIGNAL);
  encoding.writeVarString(encoder, fields.id ?? 'm1');
  encoding.writeVarString(encoder, fields.from ?? 'C');
  encoding.writeVarString(encoder, fields.to ?? 'B');
  encoding.writeVarUint(encoder, fields.ttl ?? 2);
  encoding.writeVarUint8Array(encoder, fields.sealed ?? sealed);
  if (fields.extra) encoding.writeVarUint(encoder, 7);
  return encoding.toUint8Array(encoder);
}

describe('mesh signal envelopes', () => {
  it('round-trip, and pass the data-channel guard as a known message type', () => {
    const bytes = encodeMeshEnvelope(envelope());
    expect(decodeMeshEnvelope(bytes)).toEqual(envelope());
    expect(inspectPeerMessage(bytes)).toEqual({ ok: true });
  });

  it.each([
    ['too large', new Uint8Array(MAX_MESH_BYTES + 1).fill(5), 'mesh-oversized'],
    ['empty', new Uint8Array(0), 'mesh-malformed'],
    ['cut short', raw({}).subarray(0, 6), 'mesh-malformed'],
    ['with bytes after it', raw({ extra: true }), 'mesh-malformed'],
    ['with more hops than anyone sends', raw({ ttl: MAX_TTL + 1 }), 'mesh-malformed'],
    ['with no id', raw({ id: '' }), 'mesh-malformed'],
    ['with no sender', raw({ from: '' }), 'mesh-malformed'],
    ['with a huge sender', raw({ from: 'x'.repeat(65) }), 'mesh-malformed'],
    ['with nothing sealed', raw({ sealed: new Uint8Array(0) }), 'mesh-malformed'],
    ['of another type', Uint8Array.of(0, 0, 0), 'mesh-malformed'],
  ])('are dropped when %s', (_name, bytes, reason) => {
    expect(decodeMeshEnvelope(bytes)).toBe(reason);
  });
});

describe('mesh relay rules', () => {
  const at = 1_000_000;

  it('delivers a message addressed here and passes it no further', () => {
    const b = new MeshRelay(() => 'B');
    expect(b.receive(envelope(), 'A', ['A', 'D'], at)).toEqual({ deliver: true, forward: null });
  });

  it('passes a message for a neighbour to that neighbour only, one hop fewer', () => {
    const a = new MeshRelay(() => 'A');
    expect(a.receive(envelope(), 'C', ['B', 'C', 'D'], at)).toEqual({ deliver: false, forward: { to: ['B'], envelope: envelope({ ttl: MAX_TTL - 1 }) } });
  });

  it('passes an announce to every other neighbour and reads it too', () => {
    const a = new MeshRelay(() => 'A');
    const announce = envelope({ to: '' });
    expect(a.receive(announce, 'C', ['B', 'C', 'D'], at)).toEqual({ deliver: true, forward: { to: ['B', 'D'], envelope: envelope({ to: '', ttl: MAX_TTL - 1 }) } });
  });

  it('sends a message for a device it does not reach back the way that device was heard from', () => {
    const a = new MeshRelay(() => 'A');
    a.receive(envelope({ id: 'announce-of-E', from: 'E', to: '' }), 'D', ['B', 'C', 'D'], at);
    expect(a.receive(envelope({ id: 'm2', to: 'E' }), 'C', ['B', 'C', 'D'], at)).toMatchObject({ forward: { to: ['D'] } });
    // Never heard of: every neighbour but the one it came from and its sender.
    expect(a.receive(envelope({ id: 'm3', to: 'F' }), 'C', ['B', 'C', 'D'], at)).toMatchObject({ forward: { to: ['B', 'D'] } });
    const { to } = a.originate('E', sealed, ['B', 'C', 'D'], at);
    expect(to).toEqual(['D']);
  });

  it("passes on one announce of a device per 30 s (it announces at every connection it opens), and still reads each", () => {
    const a = new MeshRelay(() => 'A');
    const announce = (id: string, now: number) => a.receive(envelope({ id, to: '' }), 'C', ['B', 'C', 'D'], now);
    expect(announce('first', at)).toMatchObject({ deliver: true, forward: { to: ['B', 'D'] } });
    expect(announce('second', at + ANNOUNCE_FORWARD_MS - 1)).toEqual({ deliver: true, forward: null });
    expect(announce('third', at + ANNOUNCE_FORWARD_MS)).toMatchObject({ deliver: true, forward: { to: ['B', 'D'] } });
    // Offers and answers are never held back.
    expect(a.receive(envelope({ id: 'offer', to: 'B' }), 'C', ['B', 'C', 'D'], at + 1)).toMatchObject({ forward: { to: ['B'] } });
  });

  it('stops a message whose hops are spent', () => {
    const a = new MeshRelay(() => 'A');
    expect(a.receive(envelope({ ttl: 0, to: 'Z' }), 'C', ['B', 'C'], at)).toEqual({ deliver: false, forward: null });
    expect(a.receive(envelope({ id: 'm2', ttl: 0, to: '' }), 'C', ['B', 'C'], at)).toEqual({ deliver: true, forward: null });
  });

  it('handles a message once, whichever neighbour brings it again, and never its own', () => {
    const a = new MeshRelay(() => 'A');
    expect(a.receive(envelope({ to: '' }), 'C', ['B', 'C', 'D'], at)).not.toBe('seen');
    expect(a.receive(envelope({ to: '' }), 'D', ['B', 'C', 'D'], at)).toBe('seen');
    const own = a.originate('', sealed, ['B'], at).envelope;
    expect(a.receive({ ...own, id: 'other' }, 'B', ['B'], at)).toBe('seen');
    expect(a.receive({ ...own, from: 'B' }, 'B', ['B'], at)).toBe('seen');
  });

  it('drops what a neighbour sends beyond its rate, and takes it again in the next window', () => {
    const a = new MeshRelay(() => 'A');
    for (let i = 0; i < RATE_PER_WINDOW; i++) expect(a.receive(envelope({ id: `m${i}` }), 'C', ['B', 'C'], at)).not.toBe('mesh-flood');
    expect(a.receive(envelope({ id: 'over' }), 'C', ['B', 'C'], at)).toBe('mesh-flood');
    // Another neighbour is not held back by this one.
    expect(a.receive(envelope({ id: 'from-B', from: 'B', to: 'C' }), 'B', ['B', 'C'], at)).not.toBe('mesh-flood');
    expect(a.receive(envelope({ id: 'later' }), 'C', ['B', 'C'], at + RATE_WINDOW_MS)).not.toBe('mesh-flood');
  });

  it('keeps its memory of seen messages bounded under a flood of new ids', () => {
    const a = new MeshRelay(() => 'A');
    let t = at;
    for (let i = 0; i < 20_000; i++) {
      if (i % RATE_PER_WINDOW === 0) t += RATE_WINDOW_MS;
      a.receive(envelope({ id: `flood-${i}`, to: '' }), `N${i % 3}`, ['B'], t);
    }
    // The newest are still recognised; the table did not grow without end (4,000 entries at most).
    expect(a.receive(envelope({ id: 'flood-19999', to: '' }), 'N9', ['B'], t)).toBe('seen');
  });
});

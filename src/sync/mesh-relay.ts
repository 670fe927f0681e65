import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/**
 * Signalling through the mesh (docs/sync-protocol.md, "Signalling through the mesh"): a device
 * connected to teammates carries sealed offers and answers between teammates that are not
 * connected to each other, so a team with no relay pairs each new device once, by code, and
 * the mesh connects it to everyone else. Whatever a peer sends here is untrusted: each message
 * is bounded in size, hops and rate, and seen once.
 */

/** The data-channel message type (after y-webrtc's 0 to 4). */
export const MESSAGE_MESH_SIGNAL = 5;
/** An offer with every candidate is ~1 to 3 KiB sealed; far more is not a signal. */
export const MAX_MESH_BYTES = 16 * 1024;
/** Hops a message may still take when it is sent: a team of 24 devices is well connected in far fewer. */
export const MAX_TTL = 4;
/** Messages a neighbour may hand over in one window; an announce round of a 24-device team is well under it. */
export const RATE_PER_WINDOW = 60;
export const RATE_WINDOW_MS = 10_000;
/**
 * A device announces itself at every connection it opens (a burst at start); one of its announces
 * is passed on per this time, so a team of 24 starting at once stays far below RATE_PER_WINDOW.
 */
export const ANNOUNCE_FORWARD_MS = 30_000;
const SEEN_MS = 5 * 60_000;
const MAX_SEEN = 4_000;
const MAX_ROUTES = 256;
const MAX_ID_CHARS = 64;

export interface MeshEnvelope {
  /** Random, so that a message met again (through another neighbour) is dropped. */
  id: string;
  /** The sender's peer id (y-webrtc's), repeated inside `sealed`, which the receiver compares. */
  from: string;
  /** The addressee's peer id, or '' for an announce to everyone. */
  to: string;
  /** Hops left after this one. */
  ttl: number;
  /** The signalling message, encrypted with the room key as on a relay. */
  sealed: Uint8Array;
}

export function encodeMeshEnvelope(envelope: MeshEnvelope): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_MESH_SIGNAL);
  encoding.writeVarString(encoder, envelope.id);
  encoding.writeVarString(encoder, envelope.from);
  encoding.writeVarString(encoder, envelope.to);
  encoding.writeVarUint(encoder, envelope.ttl);
  encoding.writeVarUint8Array(encoder, envelope.sealed);
  return encoding.toUint8Array(encoder);
}

export type MeshDrop = 'mesh-malformed' | 'mesh-oversized' | 'mesh-flood';

/** The envelope of a data-channel message of type MESSAGE_MESH_SIGNAL, or why it is dropped. */
export function decodeMeshEnvelope(message: Uint8Array): MeshEnvelope | MeshDrop {
  if (message.length > MAX_MESH_BYTES) return 'mesh-oversized';
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_MESH_SIGNAL) return 'mesh-malformed';
    const id = decoding.readVarString(decoder);
    const from = decoding.readVarString(decoder);
    const to = decoding.readVarString(decoder);
    const ttl = decoding.readVarUint(decoder);
    const sealed = decoding.readVarUint8Array(decoder);
    const bad = (text: string, empty: boolean) => text.length > MAX_ID_CHARS || (!empty && text.length === 0);
    if (bad(id, false) || bad(from, false) || bad(to, true) || ttl > MAX_TTL || sealed.length === 0 || decoding.hasContent(decoder)) return 'mesh-malformed';
    return { id, from, to, ttl, sealed };
  } catch {
    return 'mesh-malformed';
  }
}

/** What to do with an envelope: hand it to this device, and which neighbours to pass it to. */
export interface MeshDecision {
  deliver: boolean;
  forward: { to: string[]; envelope: MeshEnvelope } | null;
}

/**
 * The rules of one device's mesh signalling, without the channels: dedupe, rate per neighbour,
 * hop count, and where a message goes. Neighbours and peers are named by their peer ids.
 */
export class MeshRelay {
  readonly #seen = new Map<string, number>();
  /** The neighbour a peer's last message came through: replies to it go back that way. */
  readonly #routes = new Map<string, string>();
  readonly #rates = new Map<string, { start: number; count: number }>();
  /** When an announce of each peer was last passed on. */
  readonly #announced = new Map<string, number>();

  constructor(private readonly self: () => string) {}

  /** A message this device sends: its envelope and the neighbours it goes to. */
  originate(to: string, sealed: Uint8Array, neighbours: readonly string[], now: number): { envelope: MeshEnvelope; to: string[] } {
    const envelope: MeshEnvelope = { id: randomId(), from: this.self(), to, ttl: MAX_TTL, sealed };
    this.#markSeen(envelope.id, now);
    return { envelope, to: this.#nextHops(envelope, neighbours, null) };
  }

  /** An envelope that came from neighbour `via`; a string is why it was dropped. */
  receive(envelope: MeshEnvelope, via: string, neighbours: readonly string[], now: number): MeshDecision | MeshDrop | 'seen' {
    if (!this.#withinRate(via, now)) return 'mesh-flood';
    const self = this.self();
    if (envelope.from === self || this.#seen.has(envelope.id)) return 'seen';
    this.#markSeen(envelope.id, now);
    this.#learnRoute(envelope.from, via);
    const deliver = envelope.to === self || envelope.to === '';
    const passOn = envelope.to !== self && envelope.ttl > 0 && (envelope.to !== '' || this.#passAnnounce(envelope.from, now));
    if (!passOn) return { deliver, forward: null };
    const next = { ...envelope, ttl: envelope.ttl - 1 };
    const to = this.#nextHops(next, neighbours, via);
    return { deliver, forward: to.length > 0 ? { to, envelope: next } : null };
  }

  /** The addressee if it is a neighbour; else the way its messages came; else every neighbour but where it came from. */
  #nextHops(envelope: MeshEnvelope, neighbours: readonly string[], via: string | null): string[] {
    const others = neighbours.filter((n) => n !== via && n !== envelope.from);
    if (envelope.to === '') return others;
    if (neighbours.includes(envelope.to)) return [envelope.to];
    const route = this.#routes.get(envelope.to);
    if (route !== undefined && others.includes(route)) return [route];
    return others;
  }

  #passAnnounce(from: string, now: number): boolean {
    const last = this.#announced.get(from);
    if (last !== undefined && now - last < ANNOUNCE_FORWARD_MS) return false;
    this.#announced.delete(from);
    if (this.#announced.size >= MAX_ROUTES) this.#announced.delete(this.#announced.keys().next().value!);
    this.#announced.set(from, now);
    return true;
  }

  #withinRate(via: string, now: number): boolean {
    let rate = this.#rates.get(via);
    if (!rate || now - rate.start >= RATE_WINDOW_MS) {
      if (this.#rates.size >= MAX_ROUTES) this.#rates.clear();
      rate = { start: now, count: 0 };
      this.#rates.set(via, rate);
    }
    rate.count++;
    return rate.count <= RATE_PER_WINDOW;
  }

  #markSeen(id: string, now: number) {
    if (this.#seen.size >= MAX_SEEN) {
      for (const [seenId, at] of this.#seen) if (now - at > SEEN_MS) this.#seen.delete(seenId);
      // Still full within SEEN_MS: the oldest go (a Map iterates in insertion order).
      for (const seenId of this.#seen.keys()) {
        if (this.#seen.size < MAX_SEEN) break;
        this.#seen.delete(seenId);
      }
    }
    this.#seen.set(id, now);
  }

  #learnRoute(from: string, via: string) {
    this.#routes.delete(from);
    if (this.#routes.size >= MAX_ROUTES) this.#routes.delete(this.#routes.keys().next().value!);
    this.#routes.set(from, via);
  }
}

function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

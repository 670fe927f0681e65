/**
 * Reading a teammate's presence (awareness state): plain JSON from the network, of any shape and
 * size. It is checked and bounded before anything walks it; what does not fit is not read.
 */

import { parsePeerFormat, type PeerFormat } from './peer-format';

/** What each device publishes through awareness (docs/sync-protocol.md, "Awareness fields"). */
export interface PresenceState {
  member: { id: string; name: string };
  /** Id of the customer this person has open, or null. */
  viewing: string | null;
  /** The device's state vector, so others can tell whether it holds all of their changes. */
  sv: Record<string, number>;
  /** The formats the device's app reads and writes (peer-format.ts); absent from apps before formats were announced. */
  format?: PeerFormat;
  /** The device's connection id in the room (y-webrtc's peer id), so teammates can tell which connection reaches it. */
  peer?: string;
}

/** A presence as read: `sv` is null when it was missing or not a valid, bounded state vector. */
export interface ReadPresence {
  member: { id: string; name: string };
  viewing: string | null;
  sv: Map<number, number> | null;
  /** null when absent or not a valid format. */
  format: PeerFormat | null;
  /** null when absent or not a bounded string. */
  peer: string | null;
}

export const PRESENCE_LIMITS = {
  /** Other devices' presence read at once; a team has far fewer devices online. */
  maxStates: 200,
  /** Clients in one state vector: every browser session that ever wrote adds one. */
  maxSvEntries: 100_000,
  /** Clients in all state vectors together, so that comparing them on every refresh stays cheap. */
  maxSvEntriesTotal: 400_000,
  maxIdLength: 64,
  maxNameLength: 100,
} as const;

// Yjs client ids are unsigned 32-bit integers, written in decimal without leading zeros.
const CLIENT_KEY = /^(0|[1-9][0-9]{0,9})$/;
const MAX_CLIENT = 0xffff_ffff;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A state vector from JSON, or null when it is not one or has more than `maxEntries` clients. */
export function boundedSv(value: unknown, maxEntries: number): Map<number, number> | null {
  if (!isRecord(value)) return null;
  const out = new Map<number, number>();
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (out.size >= maxEntries || !CLIENT_KEY.test(key)) return null;
    const client = Number(key);
    const clock = value[key];
    if (client > MAX_CLIENT || typeof clock !== 'number' || !Number.isSafeInteger(clock) || clock < 0) return null;
    out.set(client, clock);
  }
  return out;
}

/**
 * Reads one presence. Null when it names no member (not a presence at all); a missing or invalid
 * `sv` is read as null and reported by the caller, the rest is still shown.
 */
export function parsePresence(raw: unknown, maxSvEntries: number = PRESENCE_LIMITS.maxSvEntries): ReadPresence | null {
  if (!isRecord(raw) || !isRecord(raw.member)) return null;
  const { id, name } = raw.member;
  if (typeof id !== 'string' || id.length === 0 || id.length > PRESENCE_LIMITS.maxIdLength) return null;
  const viewing = typeof raw.viewing === 'string' && raw.viewing.length <= PRESENCE_LIMITS.maxIdLength ? raw.viewing : null;
  return {
    member: { id, name: typeof name === 'string' ? name.slice(0, PRESENCE_LIMITS.maxNameLength) : '' },
    viewing,
    sv: boundedSv(raw.sv, maxSvEntries),
    format: parsePeerFormat(raw.format),
    peer: typeof raw.peer === 'string' && raw.peer.length > 0 && raw.peer.length <= PRESENCE_LIMITS.maxIdLength ? raw.peer : null,
  };
}

/**
 * Reads the presence of every other device, within PRESENCE_LIMITS. `refused` lists the awareness
 * clients whose state was not a presence, or whose state vector was missing, invalid or too large.
 * Parsed states are remembered by object: awareness replaces a state object when it changes.
 */
export class PresenceReader {
  #parsed = new WeakMap<object, ReadPresence | null>();

  read(states: Iterable<[number, unknown]>, myClientId: number): { presences: Map<number, ReadPresence>; refused: number[] } {
    const presences = new Map<number, ReadPresence>();
    const refused: number[] = [];
    let entries = 0;
    for (const [clientId, raw] of states) {
      if (clientId === myClientId || raw === null || raw === undefined) continue;
      if (presences.size >= PRESENCE_LIMITS.maxStates) {
        refused.push(clientId);
        continue;
      }
      const presence = this.#parse(raw);
      if (presence && presence.sv && entries + presence.sv.size > PRESENCE_LIMITS.maxSvEntriesTotal) {
        presences.set(clientId, { ...presence, sv: null });
        refused.push(clientId);
        continue;
      }
      if (!presence || !presence.sv) refused.push(clientId);
      if (!presence) continue;
      entries += presence.sv?.size ?? 0;
      presences.set(clientId, presence);
    }
    return { presences, refused };
  }

  #parse(raw: unknown): ReadPresence | null {
    if (typeof raw !== 'object' || raw === null) return parsePresence(raw);
    if (!this.#parsed.has(raw)) this.#parsed.set(raw, parsePresence(raw));
    return this.#parsed.get(raw) ?? null;
  }
}

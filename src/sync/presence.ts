import { holdsAll, svFromJson } from './state-vectors';

/** What each device publishes through awareness (docs/sync-protocol.md, "Awareness"). */
export interface PresenceState {
  member: { id: string; name: string };
  /** Id of the customer this person has open, or null. */
  viewing: string | null;
  /** The device's state vector, so others can tell whether it holds all of their changes. */
  sv: Record<string, number>;
}

export interface Teammate {
  memberId: string;
  name: string;
  online: boolean;
  lastSeen: string;
  viewing: string | null;
  /** Whether their device holds every change this device has. */
  hasAllMine: boolean;
}

type StateVector = ReadonlyMap<number, number>;

/**
 * Updates `teammates` from the awareness states a device holds: everyone present is online and
 * seen `now`; the others are kept, offline. A state is someone else's presence only if it is
 * not this device's client and names a member other than this device's; anything a peer sent
 * is read defensively (it is plain JSON from the network). Returns whether a teammate holds
 * changes this device lacks.
 */
export function readPresence(
  teammates: Map<string, Teammate>,
  states: Iterable<[number, unknown]>,
  me: { clientId: number; memberId: string; sv: StateVector },
  now: string,
): { behind: boolean } {
  const seen = new Set<string>();
  let behind = false;
  for (const [clientId, raw] of states) {
    if (clientId === me.clientId) continue;
    const state = (raw ?? {}) as Partial<PresenceState>;
    const id = state.member?.id;
    if (typeof id !== 'string' || id === me.memberId) continue;
    const theirs = svFromJson(state.sv);
    seen.add(id);
    if (theirs && !holdsAll(me.sv, theirs)) behind = true;
    teammates.set(id, {
      memberId: id,
      name: typeof state.member?.name === 'string' ? state.member.name.slice(0, 100) : '',
      online: true,
      lastSeen: now,
      viewing: typeof state.viewing === 'string' ? state.viewing : null,
      hasAllMine: theirs ? holdsAll(theirs, me.sv) : false,
    });
  }
  for (const t of teammates.values()) if (!seen.has(t.memberId)) t.online = false;
  return { behind };
}

/** True when every other device present holds exactly what this one holds. */
export function allHoldTheSame(states: Iterable<[number, unknown]>, me: { clientId: number; sv: StateVector }): boolean {
  for (const [clientId, raw] of states) {
    if (clientId === me.clientId) continue;
    const theirs = svFromJson((raw as Partial<PresenceState> | null)?.sv);
    if (theirs === null || !holdsAll(theirs, me.sv) || !holdsAll(me.sv, theirs)) return false;
  }
  return true;
}

import { holdsAll } from './state-vectors';
import type { ReadPresence } from './presence-state';

export type { PresenceState } from './presence-state';

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
 * Updates `teammates` from the presence of the other devices (read and bounded by
 * PresenceReader): everyone present is online and seen `now`; the others are kept, offline.
 * A presence that names this device's member (another tab of this person) is not a teammate.
 */
export function readPresence(
  teammates: Map<string, Teammate>,
  presences: ReadonlyMap<number, ReadPresence>,
  me: { memberId: string; sv: StateVector },
  now: string,
): void {
  const seen = new Set<string>();
  for (const { member, viewing, sv } of presences.values()) {
    if (member.id === me.memberId) continue;
    seen.add(member.id);
    teammates.set(member.id, {
      memberId: member.id,
      name: member.name,
      online: true,
      lastSeen: now,
      viewing,
      hasAllMine: sv ? holdsAll(sv, me.sv) : false,
    });
  }
  for (const t of teammates.values()) if (!seen.has(t.memberId)) t.online = false;
}

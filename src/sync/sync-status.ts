/** What the status line says, in words anyone understands (see i18n keys sync.status.*). */
export type SyncPhase = 'offline' | 'looking' | 'syncing' | 'up-to-date';

export interface SyncStatus {
  phase: SyncPhase;
  /** Teammates this device exchanges changes with right now, directly or through another device. */
  peers: number;
  /** Devices with a connection to this one (teammates not among them are reached through them). */
  direct: number;
  /** When this device last knew it and a teammate held the same changes (ISO time). */
  lastSyncAt: string | null;
  /** Bytes of a teammate's large answer received so far while it streams in (large-answer.ts), else null. */
  receivingBytes: number | null;
}

export function syncPhase(input: { online: boolean; peers: number; allInSync: boolean }): SyncPhase {
  if (!input.online && input.peers === 0) return 'offline';
  if (input.peers === 0) return 'looking';
  return input.allInSync ? 'up-to-date' : 'syncing';
}

/**
 * How many teammates this device is connected to: every teammate online, as long as it has a
 * connection at all (a teammate two hops away, reached through another device, exchanges changes
 * with this one too), and at least one while a connection's presence has not arrived yet.
 */
export function teammatesReached(direct: number, online: number): number {
  return direct === 0 ? 0 : Math.max(1, online);
}

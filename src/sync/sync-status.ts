/** What the status line says, in words anyone understands (see i18n keys sync.status.*). */
export type SyncPhase = 'offline' | 'looking' | 'syncing' | 'up-to-date';

export interface SyncStatus {
  phase: SyncPhase;
  /** Teammates' devices this one exchanges changes with right now. */
  peers: number;
  /** When this device last knew it and a teammate held the same changes (ISO time). */
  lastSyncAt: string | null;
}

export function syncPhase(input: { online: boolean; peers: number; allInSync: boolean }): SyncPhase {
  if (!input.online && input.peers === 0) return 'offline';
  if (input.peers === 0) return 'looking';
  return input.allInSync ? 'up-to-date' : 'syncing';
}

import Dexie, { type Table } from 'dexie';

export interface UpdateRow {
  seq?: number;
  data: Uint8Array;
  at: number;
}

export interface SnapshotRow {
  id?: number;
  /** The highest update seq whose content the snapshot includes. */
  seq: number;
  data: Uint8Array;
  /** SHA-256 of data, to detect a snapshot damaged on disk before trusting it. */
  sha256: string;
  at: number;
}

/** A same-field concurrent edit that was merged; kept so the record's page can show the other value. */
export interface ConflictRow {
  id?: number;
  collection: string;
  recordId: string;
  /** The field as the UI names it: a field name, "tags" (with tag) or "custom" (with customId). */
  field: string;
  tag?: string;
  customId?: string;
  keptValue: unknown;
  otherValue: unknown;
  /** Member ids of the writers, when their devices registered them (see sync/conflicts.ts). */
  keptBy: string | null;
  otherBy: string | null;
  at: string;
  dismissed: 0 | 1;
}

/**
 * The update log is primary data: the only place a workspace lives on this device. Chrome
 * commits IndexedDB with relaxed durability since v121, so this database asks for strict.
 */
export class LogDb extends Dexie {
  updates!: Table<UpdateRow, number>;
  snapshots!: Table<SnapshotRow, number>;
  conflicts!: Table<ConflictRow, number>;

  constructor(workspaceId: string) {
    super(`kehu-log-${workspaceId}`, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ updates: '++seq', snapshots: '++id, seq' });
    // Conflicts are found when an update arrives and cannot be derived again later, so they live here.
    this.version(2).stores({ conflicts: '++id, [recordId+dismissed]' });
  }
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

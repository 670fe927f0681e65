import Dexie, { type Table } from 'dexie';
import { sha256 } from './sha256';

/** Where an update came from: this device, a teammate's device over sync, or a change file. */
export type UpdateSource = 'local' | 'peer' | 'file';

export interface UpdateRow {
  seq?: number;
  data: Uint8Array;
  /** When this device wrote or received it (ms since epoch). */
  at: number;
  /**
   * Rows written since version 4 say who they are from, for the workspace history; older rows
   * lack these and read as from an unknown device.
   */
  source?: UpdateSource;
  /** Yjs client ids whose new content the update carries (the `clients` map names their members). */
  clients?: number[];
  /**
   * For a peer's update: member ids of the teammates connected when it arrived. A deletion
   * carries no author in Yjs, so for a delete-only update this is who it can have come from.
   */
  via?: string[];
}

/**
 * A snapshot's metadata. Since version 3 its content lives in `snapshotPieces`, so that listing
 * snapshots reads a few bytes and loading one never deserialises a 50 MB row at once; rows
 * written before hold the whole snapshot in `data` and are still read.
 */
export interface SnapshotRow {
  id?: number;
  /** The highest update seq whose content the snapshot includes. */
  seq: number;
  /**
   * For a snapshot in pieces: SHA-256 of its pieces' checksums in order (see piecesChecksum), so
   * a piece that is missing, extra or out of place is noticed. For an older row: SHA-256 of data.
   */
  sha256: string;
  at: number;
  /** How many rows in snapshotPieces hold this snapshot (index 0 to pieces - 1). */
  pieces?: number;
  /** Stored size of all its pieces, for diagnostics. */
  bytes?: number;
  /** Rows written before version 3 only: the snapshot as stored (see unframePieces). */
  data?: Uint8Array;
}

/** One causal piece of a snapshot: a Yjs update as the codec stored it. */
export interface SnapshotPieceRow {
  snapshotId: number;
  index: number;
  data: Uint8Array;
  /** SHA-256 of data: a damaged piece is never applied. */
  sha256: string;
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
  snapshotPieces!: Table<SnapshotPieceRow, [number, number]>;
  conflicts!: Table<ConflictRow, number>;

  constructor(workspaceId: string) {
    super(`kehu-log-${workspaceId}`, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ updates: '++seq', snapshots: '++id, seq' });
    // Conflicts are found when an update arrives and cannot be derived again later, so they live here.
    this.version(2).stores({ conflicts: '++id, [recordId+dismissed]' });
    // Existing rows keep their in-row data: the next compaction writes pieces and trims them.
    this.version(3).stores({ snapshotPieces: '[snapshotId+index]' });
    // Rows keep their data; `at` gets an index so compaction finds the history window's first
    // row without reading the log. Attribution fields are optional: older rows stay valid as they are.
    this.version(4).stores({ updates: '++seq, at' });
  }
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  // crypto.subtle is missing on a page that is not a secure context (plain http from a network address).
  const digest = globalThis.crypto?.subtle ? new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)) : sha256(data);
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

import type { CollectionName } from '../workspace/layout';
import type { EntryRead } from '../workspace/record-entry';
import type { ProblemRow } from './read-db';

// The batches on the projection's one write path, in each of its forms: as read from the document
// (ProjectionBatch), validated (PreparedBatch), and as told to in-memory views (ProjectedChange).

/**
 * What the projection tells in-memory views (the list and search worker) about each batch, in
 * the order of the batches.
 */
export type ProjectedChange =
  /**
   * A batch's validated rows, sent before they are written: the list shows them without waiting
   * for IndexedDB (after a teammate's whole workspace arrives, that wait is most of the join).
   * The document already holds them, and `batch` names the 'written' that follows.
   */
  | { kind: 'rows'; collection: CollectionName; rows: object[]; gone: string[]; batch: number }
  /**
   * The batch is in the tables, or `failed`. `seq`: its number in the list journal, for the
   * collections the list is built from (the list saves its state with the number it matches).
   */
  | { kind: 'written'; batch: number; seq?: number; failed?: true }
  | { kind: 'reset' };

/** The document state the tables now match; written last, so the tables are "current" only once all of it is in. */
export interface MetaUpdate {
  sv: Uint8Array;
  /** The settings map, when it changed: its values within bounds, and the keys refused (workspace/record-entry.ts). */
  settings?: { values: Record<string, unknown>; refused: { key: string; read: Extract<EntryRead, { refused: unknown }> }[] };
}

/**
 * Plain data read from the document, for the writer: it holds no Yjs types and every value is
 * within bounds (workspace/record-entry.ts), so it can cross to the projection worker. `null`
 * stands for a record that is no longer in the document; a refused entry carries its reasons.
 */
export type ProjectionBatch =
  | { kind: 'records'; collection: CollectionName; entries: [string, EntryRead | null][] }
  /** `replace`: the table's entries go first (the log lost entries; this is all of it). */
  | { kind: 'activity'; entries: EntryRead[]; replace?: boolean }
  | { kind: 'meta'; meta: MetaUpdate }
  | { kind: 'reset' };

/** A batch validated and turned into rows, ready to be written. */
export type PreparedBatch =
  | { kind: 'records'; collection: CollectionName; ids: string[]; rows: object[]; gone: string[]; problems: ProblemRow[] }
  | { kind: 'activity'; rows: object[]; problems: ProblemRow[]; replace?: boolean }
  | { kind: 'meta'; meta: MetaUpdate }
  | { kind: 'reset' }
  /** Validation itself threw: the batch fails in its turn, like one that could not be written. */
  | { kind: 'failed'; error: unknown };

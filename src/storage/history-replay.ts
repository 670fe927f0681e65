import * as Y from 'yjs';
import type { DocCodec } from './codec';
import type { LogDb, UpdateRow } from './log-db';
import { applySnapshot, listSnapshots, newestFirst } from './snapshots';
import { changesOfTransaction } from '../workspace/transaction-changes';
import { collection, collectionNames } from '../workspace/layout';
import type { RecordChange } from '../domain/history-entries';

/** Rows per read: a row is up to 256 KB merged, or one piece of a large answer (about 1 MB). */
const REPLAY_READ_ROWS = 16;

/** One log row as the history sees it: who and when, and what it did to records. */
export interface ReplayedRow {
  seq: number;
  at: number;
  source: NonNullable<UpdateRow['source']> | 'unknown';
  clients: number[];
  via: string[];
  changes: RecordChange[];
}

export interface Replay {
  /** The workspace as it was after row `upTo` (or after everything). The caller destroys it. */
  doc: Y.Doc;
  /** The earliest point the history reaches (the base snapshot's seq, 0 for the first update). */
  fromSeq: number;
  /** When that point was (ms), or null when the history starts with the workspace. */
  fromAt: number | null;
  rows: ReplayedRow[];
}

export interface ReplayOptions {
  /** Stop after this row: the doc is the workspace as it was then. */
  upTo?: number;
  /** Collect what each row changed (costs a pass over each transaction; off for a preview). */
  changes?: boolean;
  pace?: () => Promise<void>;
}

/**
 * Rebuilds the workspace from the start of the history the log keeps (see compaction.ts): from
 * the snapshot the kept updates follow, or from nothing when the log was never trimmed, then
 * every update in order, one transaction each, noting what each changed. An update that cannot
 * be read is skipped (the loader already offered recovery for it).
 */
export async function replayHistory(db: LogDb, codec: DocCodec, options: ReplayOptions = {}): Promise<Replay> {
  const pace = options.pace ?? (async () => {});
  const firstSeq = ((await db.updates.orderBy('seq').firstKey()) as number | undefined) ?? Infinity;
  const doc = new Y.Doc();
  // Defined before anything is applied: a root type first met in an update is a placeholder
  // that getMap replaces later, and the changes noted against it would be lost.
  for (const name of collectionNames) collection(doc, name);
  let fromSeq = 0;
  let fromAt: number | null = null;
  if (firstSeq > 1) {
    // The snapshot right before the first kept update, or failing that the oldest readable one.
    const snapshots = newestFirst(await listSnapshots(db));
    const ordered = [...snapshots.filter((s) => s.seq < firstSeq), ...snapshots.filter((s) => s.seq >= firstSeq).reverse()];
    for (const snapshot of ordered) {
      if (await applySnapshot(doc, db, snapshot.id, codec, undefined, pace)) {
        fromSeq = snapshot.seq;
        fromAt = (await db.snapshots.get(snapshot.id))?.at ?? null;
        break;
      }
    }
  }
  const rows: ReplayedRow[] = [];
  let current: RecordChange[] = [];
  const collect = (tr: Y.Transaction) => void current.push(...changesOfTransaction(doc, tr));
  if (options.changes) doc.on('afterTransaction', collect);
  try {
    let after = fromSeq;
    for (;;) {
      const batch = await db.updates.where('seq').above(after).limit(REPLAY_READ_ROWS).toArray();
      for (const row of batch) {
        if (options.upTo !== undefined && row.seq! > options.upTo) return { doc, fromSeq, fromAt, rows };
        current = [];
        try {
          Y.applyUpdate(doc, await codec.decode(row.data));
        } catch {
          continue;
        }
        rows.push({ seq: row.seq!, at: row.at, source: row.source ?? 'unknown', clients: row.clients ?? [], via: row.via ?? [], changes: current });
        await pace();
      }
      if (batch.length < REPLAY_READ_ROWS) return { doc, fromSeq, fromAt, rows };
      after = batch[batch.length - 1]!.seq!;
    }
  } finally {
    doc.off('afterTransaction', collect);
  }
}

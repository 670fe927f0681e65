import * as Y from 'yjs';
import { PIECES_PER_READ, docFromNewestSnapshot, historyIsComplete, listSnapshots, piecesOf } from './snapshots';
import { LOAD_ORIGIN } from '../workspace/origins';
import type { DocCodec } from './codec';
import type { LogDb, UpdateRow } from './log-db';
import { WorkspaceOpenError } from './errors';

export interface LoadReport {
  snapshotId: number | null;
  skippedSnapshots: number[];
  updatesApplied: number;
  skippedUpdates: number[];
}

export interface LoadOptions {
  /** Open even if some stored updates cannot be read (after the user exported the raw log). */
  skipUnreadable?: boolean;
  /** Called between pieces of work, to let the page respond while a big workspace loads. */
  pace?: () => Promise<void>;
  /** The document to fill (a new one by default). */
  doc?: Y.Doc;
}

/**
 * Loads a workspace from its newest readable snapshot plus the updates after it. The log keeps
 * the updates after the older kept snapshot too, for when the newest is damaged: then the older
 * one is applied and the updates after it. A damaged update stops the load unless the user
 * chose to skip it. On failure the caller owns (and destroys) the half-filled doc.
 */
export async function loadDoc(db: LogDb, codec: DocCodec, workspaceId: string, options: LoadOptions = {}) {
  // Ids and seqs only: the snapshot to use is read a few pieces at a time, the others not at all.
  const snapshots = await listSnapshots(db);
  const pace = options.pace ?? (async () => {});
  const { doc, snapshotId, skipped } = await docFromNewestSnapshot(db, snapshots, codec, LOAD_ORIGIN, pace, options.doc);
  const report: LoadReport = { snapshotId, skippedSnapshots: skipped, updatesApplied: 0, skippedUpdates: [] };
  if (!historyIsComplete(snapshots.length, snapshotId, (await db.updates.orderBy('seq').firstKey()) as number | undefined)) {
    throw new WorkspaceOpenError(workspaceId, skipped.map((key) => ({ kind: 'snapshot', key })));
  }
  // Right after a large import the rows the snapshot already holds are most of the log (95 MB
  // at 100k customers): applying them again changed nothing and cost seconds of the page's time.
  const after = snapshots.find((s) => s.id === snapshotId)?.seq ?? 0;
  let updates = 0;
  for await (const rows of updateBatches(db, after)) {
    for (const row of rows) {
      try {
        Y.applyUpdate(doc, await codec.decode(row.data), LOAD_ORIGIN);
        report.updatesApplied += 1;
      } catch {
        report.skippedUpdates.push(row.seq!);
      }
      updates += 1;
      await pace();
    }
  }
  if (report.skippedUpdates.length > 0 && !options.skipUnreadable) {
    throw new WorkspaceOpenError(workspaceId, report.skippedUpdates.map((key) => ({ kind: 'update', key })));
  }
  return { doc, report, updatesSinceSnapshot: updates };
}

/** One read of update rows aims at about this many bytes: a few ms of deserialising on the page. */
const UPDATES_READ_BYTES = 2 * 2 ** 20;

/**
 * The log in seq order, a few rows per read. Rows range from a keystroke to a MB (a thousand
 * imported customers), so the number per read follows the sizes seen: small rows are read many
 * at a time, large ones a few.
 */
async function* updateBatches(db: LogDb, after = 0): AsyncGenerator<UpdateRow[]> {
  let limit = 1;
  for (;;) {
    const rows = await db.updates.where('seq').above(after).limit(limit).toArray();
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
    after = rows[rows.length - 1]!.seq!;
    const bytes = rows.reduce((n, row) => n + row.data.length, 0);
    if (bytes > UPDATES_READ_BYTES) limit = Math.max(1, limit >> 1);
    else if (bytes < UPDATES_READ_BYTES / 2) limit = Math.min(1024, limit * 2);
  }
}

const RAW_LOG_VERSION = 2;

/**
 * Everything in the log, as stored, for the "export before reset" path. Version 2 added
 * `snapshotPieces` (the content of snapshots whose row has `pieces` instead of `data`); a
 * version 1 file has snapshots with `data` only. The file is assembled from one part per row,
 * so no single string holds the whole workspace.
 */
export async function exportRawLog(db: LogDb): Promise<Blob> {
  const toBase64 = (data: Uint8Array) => btoa(Array.from(data, (b) => String.fromCharCode(b)).join(''));
  const withData = <T extends { data?: Uint8Array }>(row: T) => JSON.stringify({ ...row, ...(row.data && { data: toBase64(row.data) }) });
  const parts: string[] = [`{"format":"kehu-raw-log","version":${RAW_LOG_VERSION},"snapshots":[`];
  const snapshots = await db.snapshots.orderBy('id').toArray();
  parts.push(snapshots.map(withData).join(','), '],"snapshotPieces":[');
  let first = true;
  for (const snapshot of snapshots) {
    // By key range, not by the row's count: a snapshot missing a piece still exports the rest.
    for (let from = 0; ; ) {
      const batch = await piecesOf(db, snapshot.id!, from).limit(PIECES_PER_READ).toArray();
      for (const piece of batch) {
        parts.push((first ? '' : ',') + withData(piece));
        first = false;
      }
      if (batch.length < PIECES_PER_READ) break;
      from = batch[batch.length - 1]!.index + 1;
    }
  }
  parts.push('],"updates":[');
  first = true;
  for await (const rows of updateBatches(db)) {
    parts.push((first ? '' : ',') + rows.map(withData).join(','));
    first = false;
  }
  parts.push(']}');
  return new Blob(parts, { type: 'application/json' });
}

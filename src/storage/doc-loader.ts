import * as Y from 'yjs';
import { docFromNewestSnapshot, historyIsComplete } from './snapshots';
import { LOAD_ORIGIN } from '../workspace/origins';
import type { DocCodec } from './codec';
import type { LogDb } from './log-db';
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
 * Loads a workspace from its newest readable snapshot plus the updates after the oldest kept
 * snapshot (applying an update twice is harmless in Yjs). A damaged snapshot is skipped; a
 * damaged update stops the load unless the user chose to skip it. On failure the caller owns
 * (and destroys) the half-filled doc.
 */
export async function loadDoc(db: LogDb, codec: DocCodec, workspaceId: string, options: LoadOptions = {}) {
  const snapshots = await db.snapshots.toArray();
  const pace = options.pace ?? (async () => {});
  const { doc, snapshotId, skipped } = await docFromNewestSnapshot(snapshots, codec, LOAD_ORIGIN, pace, options.doc);
  const report: LoadReport = { snapshotId, skippedSnapshots: skipped, updatesApplied: 0, skippedUpdates: [] };
  if (!historyIsComplete(snapshots.length, snapshotId, (await db.updates.orderBy('seq').first())?.seq)) {
    throw new WorkspaceOpenError(workspaceId, skipped.map((key) => ({ kind: 'snapshot', key })));
  }
  const rows = await db.updates.orderBy('seq').toArray();
  for (const row of rows) {
    try {
      Y.applyUpdate(doc, await codec.decode(row.data), LOAD_ORIGIN);
      report.updatesApplied += 1;
    } catch {
      report.skippedUpdates.push(row.seq!);
    }
    await pace();
  }
  if (report.skippedUpdates.length > 0 && !options.skipUnreadable) {
    throw new WorkspaceOpenError(workspaceId, report.skippedUpdates.map((key) => ({ kind: 'update', key })));
  }
  return { doc, report, updatesSinceSnapshot: rows.length };
}

/** Everything in the log, as stored, for the "export before reset" path. */
export async function exportRawLog(db: LogDb): Promise<Blob> {
  const toBase64 = (data: Uint8Array) => btoa(Array.from(data, (b) => String.fromCharCode(b)).join(''));
  const snapshots = (await db.snapshots.toArray()).map((s) => ({ ...s, data: toBase64(s.data) }));
  const updates = (await db.updates.toArray()).map((u) => ({ ...u, data: toBase64(u.data) }));
  return new Blob([JSON.stringify({ format: 'kehu-raw-log', version: 1, snapshots, updates })], { type: 'application/json' });
}

import * as Y from 'yjs';
import { newestFirst } from './compaction';
import { LOAD_ORIGIN } from '../workspace/origins';
import type { DocCodec } from './codec';
import { sha256Hex, type LogDb, type SnapshotRow } from './log-db';
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
}

/**
 * Loads a workspace from its newest readable snapshot plus the updates after the oldest kept
 * snapshot (applying an update twice is harmless in Yjs). A damaged snapshot is skipped; a
 * damaged update stops the load unless the user chose to skip it.
 */
export async function loadDoc(db: LogDb, codec: DocCodec, workspaceId: string, options: LoadOptions = {}) {
  let doc = new Y.Doc();
  const report: LoadReport = { snapshotId: null, skippedSnapshots: [], updatesApplied: 0, skippedUpdates: [] };
  const snapshots = newestFirst(await db.snapshots.toArray());
  for (const snapshot of snapshots) {
    if (await applySnapshot(doc, snapshot, codec)) {
      report.snapshotId = snapshot.id!;
      break;
    }
    report.skippedSnapshots.push(snapshot.id!);
    // A failed apply may have left half a snapshot in the doc: start the next try clean.
    doc.destroy();
    doc = new Y.Doc();
  }
  // Without any readable snapshot the trimmed part of the history is gone: never guess. A log that
  // still starts at its first update (seq 1) was never trimmed, so it alone holds the whole history.
  if (snapshots.length > 0 && report.snapshotId === null && (await db.updates.orderBy('seq').first())?.seq !== 1) {
    doc.destroy();
    throw new WorkspaceOpenError(workspaceId, report.skippedSnapshots.map((key) => ({ kind: 'snapshot', key })));
  }
  const rows = await db.updates.orderBy('seq').toArray();
  for (const row of rows) {
    try {
      Y.applyUpdate(doc, await codec.decode(row.data), LOAD_ORIGIN);
      report.updatesApplied += 1;
    } catch {
      report.skippedUpdates.push(row.seq!);
    }
  }
  if (report.skippedUpdates.length > 0 && !options.skipUnreadable) {
    doc.destroy();
    throw new WorkspaceOpenError(workspaceId, report.skippedUpdates.map((key) => ({ kind: 'update', key })));
  }
  return { doc, report, updatesSinceSnapshot: rows.length };
}

async function applySnapshot(doc: Y.Doc, snapshot: SnapshotRow, codec: DocCodec): Promise<boolean> {
  try {
    if ((await sha256Hex(snapshot.data)) !== snapshot.sha256) return false;
    Y.applyUpdate(doc, await codec.decode(snapshot.data), LOAD_ORIGIN);
    return true;
  } catch {
    return false;
  }
}

/** Everything in the log, as stored, for the "export before reset" path. */
export async function exportRawLog(db: LogDb): Promise<Blob> {
  const toBase64 = (data: Uint8Array) => btoa(Array.from(data, (b) => String.fromCharCode(b)).join(''));
  const snapshots = (await db.snapshots.toArray()).map((s) => ({ ...s, data: toBase64(s.data) }));
  const updates = (await db.updates.toArray()).map((u) => ({ ...u, data: toBase64(u.data) }));
  return new Blob([JSON.stringify({ format: 'kehu-raw-log', version: 1, snapshots, updates })], { type: 'application/json' });
}

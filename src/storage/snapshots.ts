import * as Y from 'yjs';
import type { DocCodec } from './codec';
import { sha256Hex, type SnapshotRow } from './log-db';

/** Snapshots by the history they cover, newest first; the loader and compaction try them in this order. */
export function newestFirst<T extends { seq: number; id?: number }>(snapshots: T[]): T[] {
  return [...snapshots].sort((a, b) => b.seq - a.seq || (b.id ?? 0) - (a.id ?? 0));
}

/**
 * A document from the newest snapshot whose checksum matches and which Yjs can read; damaged
 * ones are skipped. Opening a workspace and building a new snapshot both start here.
 */
export async function docFromNewestSnapshot(snapshots: SnapshotRow[], codec: DocCodec, origin?: unknown) {
  let doc = new Y.Doc();
  const skipped: number[] = [];
  for (const snapshot of newestFirst(snapshots)) {
    if (await applySnapshot(doc, snapshot, codec, origin)) return { doc, snapshotId: snapshot.id!, skipped };
    skipped.push(snapshot.id!);
    // A failed apply may have left half a snapshot in the doc: start the next try clean.
    doc.destroy();
    doc = new Y.Doc();
  }
  return { doc, snapshotId: null, skipped };
}

/**
 * Without any readable snapshot the trimmed part of the history is gone: never guess. A log that
 * still starts at its first update (seq 1) was never trimmed, so it alone holds the whole history.
 */
export function historyIsComplete(snapshotCount: number, snapshotId: number | null, firstSeq: number | undefined): boolean {
  return snapshotCount === 0 || snapshotId !== null || firstSeq === 1;
}

export async function applySnapshot(doc: Y.Doc, snapshot: Pick<SnapshotRow, 'data' | 'sha256'>, codec: DocCodec, origin?: unknown): Promise<boolean> {
  try {
    if ((await sha256Hex(snapshot.data)) !== snapshot.sha256) return false;
    Y.applyUpdate(doc, await codec.decode(snapshot.data), origin);
    return true;
  } catch {
    return false;
  }
}

import * as Y from 'yjs';
import type { DocCodec } from './codec';
import { sha256Hex, type LogDb, type SnapshotRow } from './log-db';
import { applySnapshot, docFromNewestSnapshot, framePieces, historyIsComplete, newestFirst } from './snapshots';
import { statePieces } from '../workspace/state-pieces';

/** Small enough that applying one piece is a few milliseconds on a phone. */
const SNAPSHOT_PIECE_STRUCTS = 2000;

/**
 * Folds the log into a new snapshot, built from what is stored (the newest readable snapshot
 * plus every update row), not from the live document, so it can run in a worker while the page
 * goes on. The snapshot is read back and checked before anything is trimmed, and the previous
 * snapshot with the updates after it is kept, so a snapshot damaged later on disk can be skipped
 * without losing anything.
 */
export async function compactLog(db: LogDb, codec: DocCodec): Promise<void> {
  const [snapshots, rows] = await db.transaction('r', db.snapshots, db.updates, () =>
    Promise.all([db.snapshots.toArray(), db.updates.orderBy('seq').toArray()]),
  );
  const last = rows[rows.length - 1];
  if (!last) return;
  const { doc: scratch, snapshotId } = await docFromNewestSnapshot(snapshots, codec);
  // Never fold a partial history into a snapshot that looks complete (the loader's rule).
  if (!historyIsComplete(snapshots.length, snapshotId, rows[0]!.seq)) {
    scratch.destroy();
    throw new Error('snapshot verification failed; log kept as it was (no readable snapshot, log trimmed)');
  }
  let state: Uint8Array;
  let stateVector: Uint8Array;
  try {
    // An unreadable row stops compaction: folding it away could turn a passing problem (a
    // codec that cannot decode right now) into loss. The log keeps growing instead, and the
    // next open offers the recovery screen.
    for (const row of rows) Y.applyUpdate(scratch, await codec.decode(row.data));
    // Stored in causal pieces, so opening the workspace can apply it a slice at a time.
    state = framePieces(statePieces(scratch, new Map(), SNAPSHOT_PIECE_STRUCTS));
    stateVector = Y.encodeStateVector(scratch);
  } catch (error) {
    throw new Error('snapshot verification failed; log kept as it was (an update could not be read)', { cause: error });
  } finally {
    scratch.destroy();
  }
  const data = await codec.encode(state);
  const sha256 = await sha256Hex(data);
  const id = await db.snapshots.add({ seq: last.seq!, data, sha256, at: Date.now() });
  const stored = await db.snapshots.get(id);
  if (!stored || !(await verifySnapshot(stored, codec, stateVector))) {
    await db.snapshots.delete(id);
    throw new Error('snapshot verification failed; log kept as it was');
  }
  // Keep the two snapshots that cover the most (by seq, not by when they were written: two
  // compactions may overlap, and the slower one writes the older snapshot last), and the
  // updates after the older of them.
  await db.transaction('rw', db.snapshots, db.updates, async () => {
    const [, previous, ...older] = newestFirst(await db.snapshots.toArray());
    await db.snapshots.bulkDelete(older.map((s) => s.id!));
    if (previous) await db.updates.where('seq').belowOrEqual(previous.seq).delete();
  });
}

/** The stored snapshot reads back (checksum and Yjs) into exactly the state it was made from. */
async function verifySnapshot(stored: SnapshotRow, codec: DocCodec, expected: Uint8Array): Promise<boolean> {
  const scratch = new Y.Doc();
  try {
    if (!(await applySnapshot(scratch, stored, codec))) return false;
    const actual = Y.encodeStateVector(scratch);
    return actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  } finally {
    scratch.destroy();
  }
}

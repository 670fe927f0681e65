import * as Y from 'yjs';
import type { DocCodec } from './codec';
import type { LogDb } from './log-db';
import { applySnapshot, deleteSnapshots, docFromNewestSnapshot, historyIsComplete, listSnapshots, newestFirst, writeSnapshot } from './snapshots';
import { statePieces } from '../workspace/state-pieces';

/**
 * Small enough that applying one piece is a few milliseconds on a phone; each is one row in
 * snapshotPieces. By count only (no byte budget, unlike pieces sent to a peer): the loader reads
 * several rows per request and paces itself, and more, smaller rows would lengthen every start.
 */
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
    Promise.all([listSnapshots(db), db.updates.orderBy('seq').toArray()]),
  );
  const last = rows[rows.length - 1];
  if (!last) return;
  const { doc: scratch, snapshotId } = await docFromNewestSnapshot(db, snapshots, codec);
  // Never fold a partial history into a snapshot that looks complete (the loader's rule).
  if (!historyIsComplete(snapshots.length, snapshotId, rows[0]!.seq)) {
    scratch.destroy();
    throw new Error('snapshot verification failed; log kept as it was (no readable snapshot, log trimmed)');
  }
  let pieces: Uint8Array[];
  let stateVector: Uint8Array;
  try {
    // An unreadable row stops compaction: folding it away could turn a passing problem (a
    // codec that cannot decode right now) into loss. The log keeps growing instead, and the
    // next open offers the recovery screen.
    for (const row of rows) Y.applyUpdate(scratch, await codec.decode(row.data));
    // Stored in causal pieces, so opening the workspace can read and apply it a slice at a time.
    pieces = [...statePieces(scratch, new Map(), SNAPSHOT_PIECE_STRUCTS, undefined, Infinity)];
    stateVector = Y.encodeStateVector(scratch);
  } catch (error) {
    throw new Error('snapshot verification failed; log kept as it was (an update could not be read)', { cause: error });
  } finally {
    scratch.destroy();
  }
  const id = await writeSnapshot(db, codec, last.seq!, pieces);
  pieces.length = 0; // the read-back below should not have the whole state in memory twice
  if (!(await verifySnapshot(db, id, codec, stateVector))) {
    await db.transaction('rw', db.snapshots, db.snapshotPieces, () => deleteSnapshots(db, [id]));
    throw new Error('snapshot verification failed; log kept as it was');
  }
  // Keep the two snapshots that cover the most (by seq, not by when they were written: two
  // compactions may overlap, and the slower one writes the older snapshot last), and the
  // updates after the older of them.
  await db.transaction('rw', db.snapshots, db.snapshotPieces, db.updates, async () => {
    const [, previous, ...older] = newestFirst(await listSnapshots(db));
    await deleteSnapshots(db, older.map((s) => s.id));
    if (previous) await db.updates.where('seq').belowOrEqual(previous.seq).delete();
  });
}

/**
 * The stored snapshot reads back (checksums and Yjs, a few pieces per read) into exactly the
 * state it was made from.
 */
async function verifySnapshot(db: LogDb, snapshotId: number, codec: DocCodec, expected: Uint8Array): Promise<boolean> {
  const scratch = new Y.Doc();
  try {
    if (!(await applySnapshot(scratch, db, snapshotId, codec))) return false;
    const actual = Y.encodeStateVector(scratch);
    return actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  } finally {
    scratch.destroy();
  }
}

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

export interface CompactionOptions {
  /**
   * The workspace history's window (ms since epoch): every update received at or after this
   * time is kept, with a snapshot from before it, so any point since can be rebuilt. Without it
   * only what recovery from a damaged snapshot needs is kept.
   */
  keepSince?: number;
}

/**
 * Folds the log into a new snapshot, built from what is stored (the newest readable snapshot
 * plus the update rows after it), not from the live document, so it can run in a worker while
 * the page goes on. The snapshot is read back and checked before anything is trimmed, and an
 * older snapshot with the updates after it is kept (see historyRetention), so a snapshot damaged
 * later on disk can be skipped without losing anything.
 */
export async function compactLog(db: LogDb, codec: DocCodec, options: CompactionOptions = {}): Promise<void> {
  // Keys only: with a history window the log keeps weeks of rows the snapshot already holds.
  const [snapshots, firstSeq, lastSeq] = await db.transaction('r', db.snapshots, db.updates, () =>
    Promise.all([listSnapshots(db), db.updates.orderBy('seq').firstKey() as Promise<number | undefined>, db.updates.orderBy('seq').lastKey() as Promise<number | undefined>]),
  );
  if (lastSeq === undefined || firstSeq === undefined) return;
  const { doc: scratch, snapshotId, skipped } = await docFromNewestSnapshot(db, snapshots, codec);
  // Never fold a partial history into a snapshot that looks complete (the loader's rule).
  if (!historyIsComplete(snapshots.length, snapshotId, firstSeq)) {
    scratch.destroy();
    throw new Error('snapshot verification failed; log kept as it was (no readable snapshot, log trimmed)');
  }
  const after = snapshots.find((s) => s.id === snapshotId)?.seq ?? 0;
  let pieces: Uint8Array[];
  let stateVector: Uint8Array;
  try {
    // An unreadable row stops compaction: folding it away could turn a passing problem (a
    // codec that cannot decode right now) into loss. The log keeps growing instead, and the
    // next open offers the recovery screen.
    // Only the rows after the snapshot used, up to the last one seen: rows written meanwhile
    // go into the next snapshot.
    for (const row of await db.updates.where('seq').between(after, lastSeq, false, true).toArray()) {
      Y.applyUpdate(scratch, await codec.decode(row.data));
    }
    // Stored in causal pieces, so opening the workspace can read and apply it a slice at a time.
    pieces = [...statePieces(scratch, new Map(), SNAPSHOT_PIECE_STRUCTS, undefined, Infinity)];
    stateVector = Y.encodeStateVector(scratch);
  } catch (error) {
    throw new Error('snapshot verification failed; log kept as it was (an update could not be read)', { cause: error });
  } finally {
    scratch.destroy();
  }
  const id = await writeSnapshot(db, codec, lastSeq, pieces);
  pieces.length = 0; // the read-back below should not have the whole state in memory twice
  if (!(await verifySnapshot(db, id, codec, stateVector))) {
    await db.transaction('rw', db.snapshots, db.snapshotPieces, () => deleteSnapshots(db, [id]));
    throw new Error('snapshot verification failed; log kept as it was');
  }
  // Keep the newest snapshot (by seq, not by when it was written: two compactions may overlap,
  // and the slower one writes the older snapshot last) and what historyRetention says.
  await db.transaction('rw', db.snapshots, db.snapshotPieces, db.updates, async () => {
    const [, ...older] = newestFirst(await listSnapshots(db));
    const firstKept = options.keepSince === undefined ? Infinity : await firstSeqSince(db, options.keepSince);
    // A snapshot that failed to read above is never the one kept to go back to: kept as the
    // base, it had the updates after the readable one it replaced trimmed, and the history and
    // the way back from a damaged newest snapshot went with them. It is deleted instead.
    const { keep, trimTo } = historyRetention(older.filter((s) => !skipped.includes(s.id)), firstKept);
    await deleteSnapshots(db, older.filter((s) => !keep.includes(s)).map((s) => s.id));
    if (trimTo > 0) await db.updates.where('seq').belowOrEqual(trimTo).delete();
  });
}

/** The seq of the first update received at or after `since`; Infinity when there is none. */
async function firstSeqSince(db: LogDb, since: number): Promise<number> {
  let first = Infinity;
  await db.updates.where('at').aboveOrEqual(since).eachPrimaryKey((seq) => void (first = Math.min(first, seq)));
  return first;
}

/**
 * Which snapshots besides the newest the log keeps (`older`: the others, newest first), and up
 * to which seq its updates may go.
 *
 * Without a history window: the previous snapshot and the updates after it, to recover from a
 * damaged newest one.
 *
 * With one, every update from `firstKept` on stays, after a `base` snapshot from before it (the
 * newest such: fewest updates to keep), and one `next` snapshot is kept for when the window
 * has moved past it: the oldest one not yet old enough. Any other would be deleted before it
 * could ever serve, and the base would never move. The base and the updates after it also
 * recover from a damaged newest snapshot, so no previous one is needed. The log then holds
 * between one and two windows of updates and three snapshots (measured in docs/architecture.md).
 * When no snapshot is old enough yet, the oldest stays and nothing is trimmed: the updates before
 * it are the only way back to the start of the window.
 */
export function historyRetention<T extends { seq: number }>(older: T[], firstKept: number): { keep: T[]; trimTo: number } {
  const previous = older[0];
  if (firstKept === Infinity) return { keep: previous ? [previous] : [], trimTo: previous?.seq ?? 0 };
  const base = older.find((s) => s.seq < firstKept);
  const pending = older.filter((s) => s.seq >= firstKept);
  const next = pending[pending.length - 1];
  if (!base) return { keep: next ? [next] : [], trimTo: 0 };
  return { keep: next ? [base, next] : [base], trimTo: base.seq };
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

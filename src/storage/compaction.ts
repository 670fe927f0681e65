import * as Y from 'yjs';
import type { DocCodec } from './codec';
import { sha256Hex, type LogDb } from './log-db';

/**
 * Folds the log into a new snapshot, built from what is stored (the newest readable snapshot
 * plus every update row), not from the live document, so it can run in a worker while the page
 * goes on. The snapshot is read back and checked before anything is trimmed, and the previous
 * snapshot with the updates after it is kept, so a snapshot damaged later on disk can be skipped
 * without losing anything.
 */
export async function compactLog(db: LogDb, codec: DocCodec): Promise<void> {
  const [snapshots, rows] = await db.transaction('r', db.snapshots, db.updates, () =>
    Promise.all([db.snapshots.orderBy('id').reverse().toArray(), db.updates.orderBy('seq').toArray()]),
  );
  const last = rows[rows.length - 1];
  if (!last) return;
  let scratch = new Y.Doc();
  let fromSnapshot = false;
  for (const snapshot of newestFirst(snapshots)) {
    try {
      if ((await sha256Hex(snapshot.data)) !== snapshot.sha256) continue;
      Y.applyUpdate(scratch, await codec.decode(snapshot.data));
      fromSnapshot = true;
      break;
    } catch {
      scratch.destroy();
      scratch = new Y.Doc();
    }
  }
  // Without a readable snapshot only an untrimmed log holds the whole history (doc-loader.ts
  // applies the same rule): never fold a partial history into a snapshot that looks complete.
  if (!fromSnapshot && snapshots.length > 0 && rows[0]!.seq !== 1) {
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
    state = Y.encodeStateAsUpdate(scratch);
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
  if (!stored || !(await verifySnapshot(stored.data, stored.sha256, codec, stateVector))) {
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

/** Snapshots by the history they cover, newest first; the same order the loader tries them in. */
export function newestFirst<T extends { seq: number; id?: number }>(snapshots: T[]): T[] {
  return [...snapshots].sort((a, b) => b.seq - a.seq || (b.id ?? 0) - (a.id ?? 0));
}

async function verifySnapshot(data: Uint8Array, sha256: string, codec: DocCodec, expected: Uint8Array): Promise<boolean> {
  try {
    if ((await sha256Hex(data)) !== sha256) return false;
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, await codec.decode(data));
    const actual = Y.encodeStateVector(scratch);
    scratch.destroy();
    return actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  } catch {
    return false;
  }
}

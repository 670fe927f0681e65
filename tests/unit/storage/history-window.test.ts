import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactLog, historyRetention } from '../../../src/storage/compaction';
import { identityCodec } from '../../../src/storage/codec';
import { loadDoc } from '../../../src/storage/doc-loader';
import { replayHistory } from '../../../src/storage/history-replay';
import type { LogDb } from '../../../src/storage/log-db';
import { StorageScope } from '../support/storage';
import { appendEdits } from './snapshot-fixtures';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();

/** Edits k<from>..k<to>, received `daysAgo` days ago. */
async function editsAt(db: LogDb, doc: Y.Doc, from: number, to: number, daysAgo: number) {
  await appendEdits(db, doc, from, to);
  await db.updates.where('seq').between(from, to, true, true).modify((row) => void (row.at = NOW - daysAgo * DAY));
}

/** Three compactions: 40 days ago, 20 days ago and now, with edits before each. */
async function threeCompactions(keepSince?: number) {
  const id = scope.workspaceId();
  const db = scope.logDb(id);
  const doc = new Y.Doc();
  const options = keepSince === undefined ? {} : { keepSince };
  await editsAt(db, doc, 1, 4, 40);
  await compactLog(db, identityCodec, options);
  await editsAt(db, doc, 5, 8, 20);
  await compactLog(db, identityCodec, options);
  await editsAt(db, doc, 9, 12, 0);
  await compactLog(db, identityCodec, options);
  return { id, db, doc };
}

const seqs = async (db: LogDb) => (await db.updates.orderBy('seq').primaryKeys()) as number[];

describe('compaction keeps the history window', () => {
  it('without a window only the updates after the previous snapshot stay', async () => {
    const { db } = await threeCompactions();
    expect(await seqs(db)).toEqual([9, 10, 11, 12]);
  });

  it('with a 30-day window every update of the last 30 days stays, after a snapshot from before them, and any point since can be rebuilt', async () => {
    const { id, db, doc } = await threeCompactions(NOW - 30 * DAY);
    expect(await seqs(db)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await db.snapshots.toArray()).map((s) => s.seq).sort((a, b) => a - b)).toEqual([4, 8, 12]);
    // The workspace as it was after edit 6, 20 days ago.
    const past = await replayHistory(db, identityCodec, { upTo: 6 });
    expect(past.doc.getMap('c').toJSON()).toEqual({ k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6 });
    expect(past.fromSeq).toBe(4);
    // Opening still loads the newest snapshot and the updates after it.
    const loaded = await loadDoc(db, identityCodec, id);
    expect(loaded.doc.getMap('c').toJSON()).toEqual(doc.getMap('c').toJSON());
    expect(loaded.updatesSinceSnapshot).toBe(0);
  });

  it('as the window moves on, older updates and snapshots go', async () => {
    const { db, doc } = await threeCompactions(NOW - 30 * DAY);
    await editsAt(db, doc, 13, 14, 0);
    await compactLog(db, identityCodec, { keepSince: NOW - 10 * DAY });
    expect(await seqs(db)).toEqual([9, 10, 11, 12, 13, 14]);
    expect((await db.snapshots.toArray()).map((s) => s.seq).sort((a, b) => a - b)).toEqual([8, 12, 14]);
  });

  it.each([
    ['no window: the previous snapshot', [8, 4], Infinity, [8], 8],
    ['the previous snapshot is older than the window', [8, 4], 9, [8], 8],
    ['the newest snapshot from before the window, and the oldest after it for later', [12, 8, 4], 5, [4, 8], 4],
    ['no snapshot is that old: the oldest stays, nothing is trimmed', [8, 4], 3, [4], 0],
    ['a first compaction', [], 1, [], 0],
  ])('historyRetention: %s', (_, older, firstKept, keep, trimTo) => {
    const result = historyRetention(older.map((seq) => ({ seq })), firstKept);
    expect({ keep: result.keep.map((s) => s.seq), trimTo: result.trimTo }).toEqual({ keep, trimTo });
  });

  it('over months of daily compactions the base moves on: about one to two windows of updates stay, never all of them', async () => {
    const db = scope.logDb(scope.workspaceId());
    const doc = new Y.Doc();
    const day0 = NOW - 120 * DAY;
    for (let day = 0; day < 120; day++) {
      await appendEdits(db, doc, 2 * day + 1, 2 * day + 2);
      await db.updates.where('seq').aboveOrEqual(2 * day + 1).modify((row) => void (row.at = day0 + day * DAY));
      await compactLog(db, identityCodec, { keepSince: day0 + day * DAY - 30 * DAY });
    }
    const kept = await seqs(db);
    // 30 days are 60 updates; at most twice that, and at least the window itself.
    expect(kept.length).toBeGreaterThanOrEqual(60);
    expect(kept.length).toBeLessThanOrEqual(122);
    expect(await db.snapshots.count()).toBeLessThanOrEqual(3);
    const past = await replayHistory(db, identityCodec, { upTo: kept[kept.length - 61]! });
    expect(Object.keys(past.doc.getMap('c').toJSON())).toHaveLength(kept[kept.length - 61]!);
  });

  it('a snapshot found damaged is never kept in place of a readable one: the window and the way back stay', async () => {
    const id = scope.workspaceId();
    const db = scope.logDb(id);
    const doc = new Y.Doc();
    const keepSince = NOW - 30 * DAY;
    await editsAt(db, doc, 1, 4, 40);
    await compactLog(db, identityCodec, { keepSince });
    await editsAt(db, doc, 5, 8, 35);
    await compactLog(db, identityCodec, { keepSince });
    await editsAt(db, doc, 9, 12, 31);
    await compactLog(db, identityCodec, { keepSince });
    // The newest snapshot (seq 12) is damaged on disk; the next compaction starts from 8 instead.
    const damaged = (await db.snapshots.where('seq').equals(12).first())!;
    await db.snapshots.update(damaged.id!, { sha256: 'damaged' });
    await editsAt(db, doc, 13, 14, 0);
    await compactLog(db, identityCodec, { keepSince });
    // Updates 13 and 14 are in the window: the history must reach back before them from a
    // readable snapshot, and the snapshot they follow must be one that can be read.
    const replay = await replayHistory(db, identityCodec);
    expect(replay.fromSeq).toBeLessThanOrEqual(12);
    expect(replay.rows.map((r) => r.seq)).toEqual(expect.arrayContaining([13, 14]));
    expect((await db.snapshots.toArray()).some((s) => s.id === damaged.id)).toBe(false);
    // And if the newest is damaged too, the workspace still opens from what is kept.
    const newest = (await db.snapshots.orderBy('seq').last())!;
    await db.snapshots.update(newest.id!, { sha256: 'damaged' });
    const loaded = await loadDoc(db, identityCodec, id);
    expect(loaded.doc.getMap('c').toJSON()).toEqual(doc.getMap('c').toJSON());
  });
});

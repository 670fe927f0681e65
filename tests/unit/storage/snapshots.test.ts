import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { identityCodec } from '../../../src/storage/codec';
import { loadDoc } from '../../../src/storage/doc-loader';
import type { LogDb } from '../../../src/storage/log-db';
import { PIECES_PER_READ, listSnapshots, piecesOf, writeSnapshot } from '../../../src/storage/snapshots';
import { statePieces } from '../../../src/workspace/state-pieces';
import { StorageScope } from '../support/storage';
import { addInRowSnapshot, appendEdits } from './snapshot-fixtures';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

/**
 * Edits 1-30, an older snapshot of them (in pieces, or in its row as before version 3), the log
 * trimmed up to it as compaction does, edits 31-60, and a newer snapshot of all 60 edits cut
 * into many small pieces. Only the updates after the older snapshot are kept.
 */
async function twoSnapshots(older: 'pieces' | 'in-row' = 'pieces') {
  const wsId = scope.workspaceId();
  const db = scope.logDb(wsId);
  const doc = new Y.Doc();
  await appendEdits(db, doc, 1, 30);
  const previous = older === 'pieces' ? await writeSnapshot(db, identityCodec, 30, statePieces(doc, new Map(), 3)) : await addInRowSnapshot(db, 30, doc);
  await db.updates.where('seq').belowOrEqual(30).delete();
  await appendEdits(db, doc, 31, 60);
  const newest = await writeSnapshot(db, identityCodec, 60, statePieces(doc, new Map(), 3));
  return { wsId, db, previous, newest, expected: doc.getMap('c').toJSON() };
}

const loaded = async (db: LogDb, wsId: string) => {
  const { doc, report } = await loadDoc(db, identityCodec, wsId);
  return { content: doc.getMap('c').toJSON(), report };
};

describe('snapshots stored in pieces', () => {
  it('load a few pieces per read, after a listing that reads no snapshot row', async () => {
    const { wsId, db, newest, expected } = await twoSnapshots();
    const pieces = (await db.snapshots.get(newest))!.pieces!;
    expect(pieces).toBeGreaterThan(3 * PIECES_PER_READ);
    let rowsRead = 0;
    db.snapshots.hook('reading', (row) => {
      rowsRead += 1;
      return row;
    });
    expect(await listSnapshots(db)).toEqual([expect.objectContaining({ seq: 30 }), { id: newest, seq: 60 }]);
    expect(rowsRead).toBe(0);

    const reads = vi.spyOn(db.snapshotPieces, 'bulkGet');
    const { content, report } = await loaded(db, wsId);
    expect(report).toMatchObject({ snapshotId: newest, skippedSnapshots: [] });
    expect(content).toEqual(expected);
    expect(reads.mock.calls.map(([keys]) => keys.length)).toEqual(
      Array.from({ length: Math.ceil(pieces / PIECES_PER_READ) }, (_, i) => Math.min(PIECES_PER_READ, pieces - i * PIECES_PER_READ)),
    );
    expect(rowsRead).toBe(1); // the newest snapshot's metadata row, and no other
  });

  it('a damaged piece stops its snapshot; the older one goes on top of what was applied, nothing lost', async () => {
    const { wsId, db, previous, newest, expected } = await twoSnapshots();
    const middle = (await piecesOf(db, newest, 15).first())!;
    await db.snapshotPieces.update([newest, middle.index], { data: middle.data.map((b) => b ^ 0xff) });
    const { content, report } = await loaded(db, wsId);
    expect(report).toMatchObject({ snapshotId: previous, skippedSnapshots: [newest] });
    expect(content).toEqual(expected);
  });

  it('a missing piece counts as damage', async () => {
    const { wsId, db, previous, newest, expected } = await twoSnapshots();
    await db.snapshotPieces.delete([newest, 15]);
    const { content, report } = await loaded(db, wsId);
    expect(report).toMatchObject({ snapshotId: previous, skippedSnapshots: [newest] });
    expect(content).toEqual(expected);
  });

  it('a row that counts fewer pieces than were written is noticed by its checksum', async () => {
    const { wsId, db, previous, newest, expected } = await twoSnapshots();
    await db.snapshots.update(newest, { pieces: (await db.snapshots.get(newest))!.pieces! - 1 });
    const { content, report } = await loaded(db, wsId);
    expect(report).toMatchObject({ snapshotId: previous, skippedSnapshots: [newest] });
    expect(content).toEqual(expected);
  });

  it('a damaged older snapshot is never read while the newest one is good', async () => {
    const { wsId, db, previous, newest, expected } = await twoSnapshots();
    await piecesOf(db, previous).delete();
    const { content, report } = await loaded(db, wsId);
    expect(report).toMatchObject({ snapshotId: newest, skippedSnapshots: [] });
    expect(content).toEqual(expected);
  });
});

describe('snapshots stored in their row (written before version 3)', () => {
  it.each([true, false])('still load (framed in pieces: %s)', async (framed) => {
    const wsId = scope.workspaceId();
    const db = scope.logDb(wsId);
    const doc = new Y.Doc();
    await appendEdits(db, doc, 1, 10);
    const id = await addInRowSnapshot(db, 10, doc, framed);
    await db.updates.where('seq').belowOrEqual(10).delete();
    await appendEdits(db, doc, 11, 12);
    const { content, report } = await loaded(db, wsId);
    expect(report).toMatchObject({ snapshotId: id, skippedSnapshots: [] });
    expect(content).toEqual(doc.getMap('c').toJSON());
  });

  it('serve as the fallback under a damaged snapshot in pieces', async () => {
    const { wsId, db, previous, newest, expected } = await twoSnapshots('in-row');
    await db.snapshotPieces.delete([newest, 0]);
    const { content, report } = await loaded(db, wsId);
    expect(report).toMatchObject({ snapshotId: previous, skippedSnapshots: [newest] });
    expect(content).toEqual(expected);
  });
});

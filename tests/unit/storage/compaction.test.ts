import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactLog } from '../../../src/storage/compaction';
import { identityCodec, type DocCodec } from '../../../src/storage/codec';
import { loadDoc } from '../../../src/storage/doc-loader';
import { StorageScope } from '../support/storage';
import { addInRowSnapshot, appendEdits } from './snapshot-fixtures';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

describe('compaction', () => {
  it('two overlapping compactions lose nothing: the slower one writes an older snapshot last', async () => {
    const id = scope.workspaceId();
    const db = scope.logDb(id);
    const doc = new Y.Doc();
    await appendEdits(db, doc, 1, 10);
    // The slow compaction reads the log (up to seq 10), then waits while it encodes.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reading!: () => void;
    const hasRead = new Promise<void>((resolve) => (reading = resolve));
    const slowCodec: DocCodec = {
      id: 'identity',
      decode: identityCodec.decode,
      encode: async (plain) => {
        reading();
        await gate;
        return plain;
      },
    };
    const slow = compactLog(db, slowCodec);
    await hasRead;
    await appendEdits(db, doc, 11, 15);
    await compactLog(db, identityCodec);
    release();
    await slow;

    const loaded = await loadDoc(db, identityCodec, id);
    expect(loaded.doc.getMap('c').toJSON()).toEqual(doc.getMap('c').toJSON());
    // The snapshot that covers the most history is the one that is loaded.
    expect(Math.max(...(await db.snapshots.toArray()).map((s) => s.seq))).toBe(15);
  });

  it('refuses to fold a trimmed log into a snapshot when no snapshot is readable', async () => {
    const id = scope.workspaceId();
    const db = scope.logDb(id);
    const doc = new Y.Doc();
    await appendEdits(db, doc, 1, 4);
    await compactLog(db, identityCodec);
    await appendEdits(db, doc, 5, 8);
    await compactLog(db, identityCodec); // trims seq 1-4, kept in the first snapshot
    await db.snapshots.toCollection().modify((s) => void (s.sha256 = 'damaged'));
    await expect(compactLog(db, identityCodec)).rejects.toThrow(/no readable snapshot/);
    expect(await db.snapshots.count()).toBe(2);
  });

  it('writes pieces rows and reads them back; a snapshot stored in its row is used, then trimmed as before', async () => {
    const id = scope.workspaceId();
    const db = scope.logDb(id);
    const doc = new Y.Doc();
    await appendEdits(db, doc, 1, 4);
    const inRow = await addInRowSnapshot(db, 4, doc);
    await db.updates.where('seq').belowOrEqual(4).delete();
    await appendEdits(db, doc, 5, 8);
    await compactLog(db, identityCodec);
    const [, second] = (await db.snapshots.orderBy('id').toArray()).map((s) => s.id!);
    // The row kept as the fallback; the new snapshot holds no data in its row.
    expect((await db.snapshots.get(inRow))!.data).toBeDefined();
    expect((await db.snapshots.get(second!))!.data).toBeUndefined();
    expect(await db.updates.count()).toBe(4);

    await appendEdits(db, doc, 9, 10);
    await compactLog(db, identityCodec);
    const kept = await db.snapshots.orderBy('id').toArray();
    expect(kept.map((s) => s.id)).toEqual([second, expect.any(Number)]);
    // Pieces of kept snapshots only, all of them.
    const pieces = await db.snapshotPieces.toArray();
    expect(pieces.map((p) => [p.snapshotId, p.index])).toEqual(kept.flatMap((s) => Array.from({ length: s.pieces! }, (_, i) => [s.id, i])));
    const loaded = await loadDoc(db, identityCodec, id);
    expect(loaded.report.snapshotId).toBe(kept[1]!.id);
    expect(loaded.doc.getMap('c').toJSON()).toEqual(doc.getMap('c').toJSON());
  });
});

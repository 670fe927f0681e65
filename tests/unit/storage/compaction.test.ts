import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactLog } from '../../../src/storage/compaction';
import { identityCodec, type DocCodec } from '../../../src/storage/codec';
import { loadDoc } from '../../../src/storage/doc-loader';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

async function append(db: ReturnType<StorageScope['logDb']>, doc: Y.Doc, from: number, to: number) {
  for (let i = from; i <= to; i++) {
    let update: Uint8Array | null = null;
    const grab = (u: Uint8Array) => (update = u);
    doc.once('update', grab);
    doc.getMap('c').set(`k${i}`, i);
    await db.updates.add({ data: update!, at: Date.now() });
  }
}

describe('compaction', () => {
  it('two overlapping compactions lose nothing: the slower one writes an older snapshot last', async () => {
    const id = scope.workspaceId();
    const db = scope.logDb(id);
    const doc = new Y.Doc();
    await append(db, doc, 1, 10);
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
    await append(db, doc, 11, 15);
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
    await append(db, doc, 1, 4);
    await compactLog(db, identityCodec);
    await append(db, doc, 5, 8);
    await compactLog(db, identityCodec); // trims seq 1-4, kept in the first snapshot
    await db.snapshots.toCollection().modify((s) => void (s.sha256 = 'damaged'));
    await expect(compactLog(db, identityCodec)).rejects.toThrow(/no readable snapshot/);
    expect(await db.snapshots.count()).toBe(2);
  });
});

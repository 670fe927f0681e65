import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportRawLog, loadDoc } from '../../../src/storage/doc-loader';
import { identityCodec } from '../../../src/storage/codec';
import { WorkspaceOpenError } from '../../../src/storage/errors';
import { sha256Hex, type LogDb, type SnapshotPieceRow } from '../../../src/storage/log-db';
import { piecesOf } from '../../../src/storage/snapshots';
import { exportUnopenableLog, type WorkspaceStore } from '../../../src/storage/workspace-store';
import { createCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { customerFields } from '../support/fixtures';
import { StorageScope, sameBytes } from '../support/storage';
import { addInRowSnapshot, appendEdits, docFromRawLog, fromBase64, type RawLog } from './snapshot-fixtures';
import { readCollection } from '../support/ydoc';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const edit = (store: WorkspaceStore) => new Workspace('ws', store.doc, 'member-a');

/**
 * A workspace with history: customer A, snapshot 1, an edit, snapshot 2, another edit and a
 * new customer B after it. Returns what the document looked like when it was closed.
 */
async function workspaceWithHistory() {
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  const ws = edit(store);
  const a = createCustomer(ws, customerFields({ name: 'A' }));
  await store.log.compact();
  updateCustomer(ws, a, { name: 'A2' });
  await store.log.compact();
  updateCustomer(ws, a, { notes: 'after the last snapshot' });
  const b = createCustomer(ws, customerFields({ name: 'B' }));
  await store.log.flushed();
  const expected = readCollection(store.doc, 'customers');
  await store.close();
  return { wsId, expected, a, b };
}

async function snapshotIds(db: LogDb) {
  return (await db.snapshots.orderBy('id').toArray()).map((s) => s.id!);
}

describe('loadDoc', () => {
  it('an empty log gives an empty doc', async () => {
    const db = scope.logDb(scope.workspaceId());
    const { doc, report } = await loadDoc(db, identityCodec, 'ws');
    expect(doc.getMap('customers').size).toBe(0);
    expect(report).toEqual({ snapshotId: null, skippedSnapshots: [], updatesApplied: 0, skippedUpdates: [] });
  });

  it('reopening loads the newest snapshot plus the updates after it', async () => {
    const { wsId, expected } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    const [, newest] = await snapshotIds(db);
    const { doc, report } = await loadDoc(db, identityCodec, wsId);
    expect(readCollection(doc, 'customers')).toEqual(expected);
    expect(report.snapshotId).toBe(newest);
    expect(report.skippedSnapshots).toEqual([]);
    // The rows the newest snapshot holds are kept (for when it is damaged) but not applied again.
    const newestSeq = (await db.snapshots.get(newest!))!.seq;
    const after = await db.updates.where('seq').above(newestSeq).count();
    expect(after).toBeGreaterThan(0);
    expect(await db.updates.count()).toBeGreaterThan(after);
    expect(report.updatesApplied).toBe(after);
  });

  it('reopening through the store gives the same records', async () => {
    const { wsId, expected } = await workspaceWithHistory();
    const store = await scope.openStore(wsId);
    expect(readCollection(store.doc, 'customers')).toEqual(expected);
  });

  it.each([
    ['a flipped byte (checksum mismatch)', async (piece: SnapshotPieceRow) => ({ data: flip(piece.data) })],
    ['garbage with a matching checksum', async () => ({ data: Uint8Array.of(1, 2, 3), sha256: await sha256Hex(Uint8Array.of(1, 2, 3)) })],
    ['a truncated piece', async ({ data }: SnapshotPieceRow) => ({ data: data.slice(0, data.length >> 1), sha256: await sha256Hex(data.slice(0, data.length >> 1)) })],
  ])('skips a corrupt latest snapshot (%s) for the previous one, losing nothing', async (_, damage) => {
    const { wsId, expected } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    const [previous, newest] = await snapshotIds(db);
    // The last piece: the ones before it are applied, then the previous snapshot on top of them.
    const pieces = await piecesOf(db, newest!).toArray();
    expect(pieces.length).toBeGreaterThan(1);
    const last = pieces[pieces.length - 1]!;
    await db.snapshotPieces.update([newest!, last.index], await damage(last));
    const { doc, report } = await loadDoc(db, identityCodec, wsId);
    expect(report.skippedSnapshots).toEqual([newest]);
    expect(report.snapshotId).toBe(previous);
    expect(readCollection(doc, 'customers')).toEqual(expected);
  });

  it('with a single damaged snapshot and the whole log kept, still opens with nothing lost', async () => {
    const wsId = scope.workspaceId();
    const store = await scope.openStore(wsId);
    const ws = edit(store);
    const a = createCustomer(ws, customerFields({ name: 'A' }));
    await store.log.compact();
    updateCustomer(ws, a, { name: 'A2' });
    await store.log.flushed();
    const expected = readCollection(store.doc, 'customers');
    await store.close();

    const db = scope.logDb(wsId);
    const [only] = await snapshotIds(db);
    const piece = (await piecesOf(db, only!).first())!;
    await db.snapshotPieces.update([only!, piece.index], { data: flip(piece.data) });
    const { doc, report } = await loadDoc(db, identityCodec, wsId);
    expect(report.skippedSnapshots).toEqual([only]);
    expect(readCollection(doc, 'customers')).toEqual(expected);
  });

  it('refuses to guess when no snapshot is readable and older updates were trimmed', async () => {
    const { wsId } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    for (const id of await snapshotIds(db)) await db.snapshots.update(id, { sha256: 'bad' });
    const error = await loadDoc(db, identityCodec, wsId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceOpenError);
    expect((error as WorkspaceOpenError).unreadable.map((u) => u.kind)).toEqual(['snapshot', 'snapshot']);
  });

  it('reads a long log of small and large rows in batches, applying every row once in order', async () => {
    const wsId = scope.workspaceId();
    const db = scope.logDb(wsId);
    const doc = new Y.Doc();
    await appendEdits(db, doc, 1, 150);
    for (let i = 0; i < 3; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getMap('c').set(`big${i}`, String(i).repeat(1_500_000));
      await db.updates.add({ data: Y.encodeStateAsUpdate(doc, before), at: Date.now() });
    }
    await appendEdits(db, doc, 151, 300);
    const { doc: loaded, report, updatesSinceSnapshot } = await loadDoc(db, identityCodec, wsId);
    expect(report.updatesApplied).toBe(303);
    expect(updatesSinceSnapshot).toBe(303);
    expect(loaded.getMap('c').toJSON()).toEqual(doc.getMap('c').toJSON());
  });

  it('an unreadable update makes opening throw WorkspaceOpenError naming it', async () => {
    const { wsId } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    const bad = await db.updates.add({ data: Uint8Array.of(1, 2, 3), at: Date.now() });
    const error = await loadDoc(db, identityCodec, wsId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceOpenError);
    expect((error as WorkspaceOpenError).workspaceId).toBe(wsId);
    expect((error as WorkspaceOpenError).unreadable).toEqual([{ kind: 'update', key: bad }]);
  });

  it('skipUnreadable opens without the unreadable update and keeps everything else', async () => {
    const { wsId, expected } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    const bad = await db.updates.add({ data: Uint8Array.of(255, 255, 255), at: Date.now() });
    const { doc, report } = await loadDoc(db, identityCodec, wsId, { skipUnreadable: true });
    expect(report.skippedUpdates).toEqual([bad]);
    expect(readCollection(doc, 'customers')).toEqual(expected);
  });

  it('the store passes skipUnreadable through and throws without it', async () => {
    const { wsId, expected } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    await db.updates.add({ data: Uint8Array.of(9), at: Date.now() });
    await expect(scope.openStore(wsId)).rejects.toBeInstanceOf(WorkspaceOpenError);
    const store = await scope.openStore(wsId, { skipUnreadable: true });
    expect(readCollection(store.doc, 'customers')).toEqual(expected);
    expect((await store.loaded).skippedUpdates).toHaveLength(1);
  });

  it('decodes snapshots and updates through the codec', async () => {
    const wsId = scope.workspaceId();
    const reverse = (d: Uint8Array) => Uint8Array.from([...d].reverse());
    const codec = { id: 'reverse', encode: async (d: Uint8Array) => reverse(d), decode: async (d: Uint8Array) => reverse(d) };
    const store = await scope.openStore(wsId, { codec });
    const ws = edit(store);
    createCustomer(ws, customerFields({ name: 'A' }));
    await store.log.compact();
    createCustomer(ws, customerFields({ name: 'B' }));
    await store.log.flushed();
    const expected = readCollection(store.doc, 'customers');
    await store.close();
    const db = scope.logDb(wsId);
    await expect(loadDoc(db, identityCodec, wsId)).rejects.toBeInstanceOf(WorkspaceOpenError);
    expect(readCollection((await loadDoc(db, codec, wsId)).doc, 'customers')).toEqual(expected);
  });
});

describe('exportRawLog', () => {
  const exported = async (blob: Blob) => JSON.parse(await blob.text()) as RawLog;

  it('returns every stored snapshot, snapshot piece and update, as stored', async () => {
    const { wsId } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    await db.updates.add({ data: Uint8Array.of(0, 1, 254, 255), at: 1 });
    const blob = await exportRawLog(db);
    expect(blob.type).toBe('application/json');
    const raw = await exported(blob);
    expect(raw.format).toBe('kehu-raw-log');
    expect(raw.version).toBe(2);
    const updates = await db.updates.orderBy('seq').toArray();
    expect(raw.updates.map((u) => u.seq)).toEqual(updates.map((u) => u.seq));
    raw.updates.forEach((u, i) => expect(sameBytes(fromBase64(u.data), updates[i]!.data)).toBe(true));
    const snapshots = await db.snapshots.orderBy('id').toArray();
    expect(raw.snapshots.map((s) => [s.id, s.seq, s.sha256, s.pieces, s.data])).toEqual(snapshots.map((s) => [s.id, s.seq, s.sha256, s.pieces, undefined]));
    const pieces = await db.snapshotPieces.toArray();
    expect(pieces.length).toBeGreaterThan(snapshots.length);
    expect(raw.snapshotPieces!.map((p) => [p.snapshotId, p.index, p.sha256])).toEqual(pieces.map((p) => [p.snapshotId, p.index, p.sha256]));
    raw.snapshotPieces!.forEach((p, i) => expect(sameBytes(fromBase64(p.data), pieces[i]!.data)).toBe(true));
  });

  it('the raw log alone rebuilds the document (newest snapshot from its pieces, then the updates)', async () => {
    const { wsId, expected } = await workspaceWithHistory();
    const raw = await exported(await exportUnopenableLog(wsId));
    expect(readCollection(docFromRawLog(raw), 'customers')).toEqual(expected);
  });

  it('exports snapshots stored in their row (as version 1 files held them) with their data', async () => {
    const wsId = scope.workspaceId();
    const db = scope.logDb(wsId);
    const doc = new Y.Doc();
    await appendEdits(db, doc, 1, 6);
    const id = await addInRowSnapshot(db, 6, doc);
    await db.updates.where('seq').belowOrEqual(6).delete();
    await appendEdits(db, doc, 7, 8);
    const raw = await exported(await exportRawLog(db));
    const stored = (await db.snapshots.get(id))!;
    expect(raw.snapshots).toHaveLength(1);
    expect(sameBytes(fromBase64(raw.snapshots[0]!.data!), stored.data!)).toBe(true);
    expect(raw.snapshotPieces).toEqual([]);
    // Read the way a version 1 file is: without the snapshotPieces key.
    const { snapshotPieces: _, ...version1 } = raw;
    expect(docFromRawLog({ ...version1, version: 1 }).getMap('c').toJSON()).toEqual(doc.getMap('c').toJSON());
  });

  it('the raw updates rebuild the document', async () => {
    const wsId = scope.workspaceId();
    const store = await scope.openStore(wsId);
    createCustomer(edit(store), customerFields({ name: 'exported' }));
    await store.log.flushed();
    const expected = readCollection(store.doc, 'customers');
    const raw = await exported(await store.exportRawLog());
    const doc = new Y.Doc();
    for (const u of raw.updates) Y.applyUpdate(doc, fromBase64(u.data));
    expect(readCollection(doc, 'customers')).toEqual(expected);
  });

  it('works for a workspace that cannot be opened', async () => {
    const { wsId } = await workspaceWithHistory();
    const db = scope.logDb(wsId);
    await db.updates.add({ data: Uint8Array.of(7), at: Date.now() });
    await expect(scope.openStore(wsId)).rejects.toBeInstanceOf(WorkspaceOpenError);
    const raw = await exported(await exportUnopenableLog(wsId));
    expect(raw.updates).toHaveLength(await db.updates.count());
    expect(raw.snapshots).toHaveLength(2);
    expect(raw.snapshotPieces).toHaveLength(await db.snapshotPieces.count());
  });
});

function flip(data: Uint8Array): Uint8Array {
  const copy = data.slice();
  const i = copy.length >> 1;
  copy[i] = copy[i]! ^ 0xff;
  return copy;
}

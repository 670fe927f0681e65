import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { UpdateLog } from '../../../src/storage/update-log';
import { identityCodec, type DocCodec } from '../../../src/storage/codec';
import { SaveFailedError } from '../../../src/storage/errors';
import { sha256Hex } from '../../../src/storage/log-db';
import { applySnapshot, piecesChecksum, piecesOf } from '../../../src/storage/snapshots';
import { LOAD_ORIGIN } from '../../../src/workspace/origins';
import { createCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { readRecordById } from '../../../src/workspace/record-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { customerFields } from '../support/fixtures';
import { StorageScope, docFromLog, sameBytes } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

function setup(options: ConstructorParameters<typeof UpdateLog>[3] = {}, codec: DocCodec = identityCodec) {
  const id = scope.workspaceId();
  const db = scope.logDb(id);
  const doc = new Y.Doc();
  const log = new UpdateLog(db, codec, doc, { schedule: () => {}, ...options });
  log.attach();
  scope.onCleanup(() => log.close());
  const ws = new Workspace(id, doc, 'member-a');
  return { id, db, doc, log, ws };
}

/** A codec that fails its next `n` encodes with the given error. */
function failingCodec(n: number, error: Error): DocCodec {
  let failures = n;
  return {
    id: 'failing',
    encode: async (plain) => {
      if (failures > 0) {
        failures -= 1;
        throw error;
      }
      return plain;
    },
    decode: async (stored) => stored,
  };
}

describe('UpdateLog: appending', () => {
  it('every update is in the log when flushed() resolves', async () => {
    const { db, doc, log, ws } = setup();
    const id = createCustomer(ws, customerFields());
    updateCustomer(ws, id, { name: 'one' });
    updateCustomer(ws, id, { notes: 'two', tags: ['x'] });
    await log.flushed();
    expect(log.pendingCount).toBe(0);
    const reloaded = await docFromLog(db);
    expect(sameBytes(Y.encodeStateVector(reloaded), Y.encodeStateVector(doc))).toBe(true);
    expect(readRecordById(new Workspace('w', reloaded, 'm'), 'customers', id)).toMatchObject({ name: 'one', notes: 'two', tags: ['x'] });
  });

  it('flushed() after each edit leaves one row per edit', async () => {
    const { db, log, ws } = setup();
    const id = createCustomer(ws, customerFields());
    await log.flushed();
    for (const name of ['a', 'b', 'c']) {
      updateCustomer(ws, id, { name });
      await log.flushed();
      const rows = await db.updates.toArray();
      const doc = new Y.Doc();
      for (const row of rows) Y.applyUpdate(doc, row.data);
      expect(readRecordById(new Workspace('w', doc, 'm'), 'customers', id)?.name).toBe(name);
    }
    expect(await db.updates.count()).toBe(4);
  });

  it('writes a burst of edits as one row', async () => {
    const { db, log, ws } = setup();
    const id = createCustomer(ws, customerFields());
    for (let i = 0; i < 20; i++) updateCustomer(ws, id, { notes: `n${i}` });
    await log.flushed();
    expect(await db.updates.count()).toBe(1);
  });

  it('does not log what came from the log itself', async () => {
    const { db, doc, log } = setup();
    const other = new Y.Doc();
    other.getMap('customers').set('x', new Y.Map());
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), LOAD_ORIGIN);
    await log.flushed();
    expect(await db.updates.count()).toBe(0);
  });

  it('logs updates from peers like local ones', async () => {
    const { db, doc, log } = setup();
    const peer = new Workspace('w', new Y.Doc(), 'member-peer');
    const id = createCustomer(peer, customerFields());
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer.doc), 'webrtc');
    await log.flushed();
    expect(readRecordById(new Workspace('w', await docFromLog(db), 'm'), 'customers', id)?.createdBy).toBe('member-peer');
  });

  it('stops logging after close()', async () => {
    const { db, log, ws } = setup();
    log.close();
    createCustomer(ws, customerFields());
    await log.flushed();
    expect(await db.updates.count()).toBe(0);
  });

  it('stores updates through the codec', async () => {
    const seen: Uint8Array[] = [];
    const codec: DocCodec = { id: 'spy', encode: async (p) => (seen.push(p), Uint8Array.from([...p].reverse())), decode: async (s) => Uint8Array.from([...s].reverse()) };
    const { db, log, ws } = setup({}, codec);
    createCustomer(ws, customerFields());
    await log.flushed();
    const [row] = await db.updates.toArray();
    expect(seen).toHaveLength(1);
    expect(sameBytes(row!.data, Uint8Array.from([...seen[0]!].reverse()))).toBe(true);
  });
});

describe('UpdateLog: failed writes', () => {
  it.each([
    ['quota', Object.assign(new Error('full'), { name: 'QuotaExceededError' })],
    ['quota', Object.assign(new Error('wrapped'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } })],
    ['unknown', new Error('disk on fire')],
  ] as const)('reports %s, keeps the update and writes it with the next edit', async (reason, error) => {
    const onError = vi.fn();
    const { db, log, ws } = setup({ onError }, failingCodec(1, error));
    const id = createCustomer(ws, customerFields());
    const failed = await log.flushed().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SaveFailedError);
    expect((failed as SaveFailedError).reason).toBe(reason);
    expect(onError).toHaveBeenCalledOnce();
    expect(log.pendingCount).toBe(1);
    expect(await db.updates.count()).toBe(0);

    updateCustomer(ws, id, { name: 'after the failure' });
    await log.flushed();
    expect(log.pendingCount).toBe(0);
    expect(readRecordById(new Workspace('w', await docFromLog(db), 'm'), 'customers', id)?.name).toBe('after the failure');
  });

  it('retries on flushed() alone, without a new edit', async () => {
    const { db, log, ws } = setup({}, failingCodec(1, new Error('once')));
    createCustomer(ws, customerFields());
    await expect(log.flushed()).rejects.toBeInstanceOf(SaveFailedError);
    await log.flushed();
    expect(await db.updates.count()).toBe(1);
  });
});

describe('UpdateLog: compaction', () => {
  it('writes a verified snapshot of the whole state', async () => {
    const { db, doc, log, ws } = setup();
    createCustomer(ws, customerFields());
    await log.flushed();
    await log.compact();
    const snapshots = await db.snapshots.toArray();
    expect(snapshots).toHaveLength(1);
    const [snapshot] = snapshots;
    expect(snapshot!.seq).toBe((await db.updates.orderBy('seq').last())!.seq);
    // Stored as causal pieces, a row each, so that opening the workspace can read and apply it a slice at a time.
    expect(snapshot!.data).toBeUndefined();
    const pieces = await piecesOf(db, snapshot!.id!).toArray();
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.index)).toEqual([...Array(snapshot!.pieces).keys()]);
    for (const piece of pieces) expect(piece.sha256).toBe(await sha256Hex(piece.data));
    expect(snapshot!.sha256).toBe(await piecesChecksum(pieces.map((p) => p.sha256)));
    expect(snapshot!.bytes).toBe(pieces.reduce((n, p) => n + p.data.length, 0));
    const fromSnapshot = new Y.Doc();
    expect(await applySnapshot(fromSnapshot, db, snapshot!.id!, identityCodec)).toBe(true);
    expect(sameBytes(Y.encodeStateVector(fromSnapshot), Y.encodeStateVector(doc))).toBe(true);
  });

  it('flushes pending updates first', async () => {
    const { db, log, ws } = setup();
    const id = createCustomer(ws, customerFields({ name: 'pending' }));
    await log.compact();
    expect(await db.updates.count()).toBe(1);
    const snap = new Y.Doc();
    await applySnapshot(snap, db, (await db.snapshots.toArray())[0]!.id!, identityCodec);
    expect(readRecordById(new Workspace('w', snap, 'm'), 'customers', id)?.name).toBe('pending');
  });

  it('keeps the previous snapshot and the updates after it; trims what is older', async () => {
    const { db, log, ws } = setup();
    const id = createCustomer(ws, customerFields());
    await log.flushed();
    await log.compact();
    const first = (await db.snapshots.toArray())[0]!;
    expect(await db.updates.count()).toBe(1);

    updateCustomer(ws, id, { name: 'two' });
    await log.flushed();
    await log.compact();
    const afterSecond = await db.snapshots.orderBy('id').toArray();
    expect(afterSecond.map((s) => s.id)).toEqual([first.id, expect.any(Number)]);
    // Updates up to the first snapshot are gone; the one after it stays as the fallback.
    expect((await db.updates.toArray()).map((u) => u.seq)).toEqual([2]);

    updateCustomer(ws, id, { name: 'three' });
    await log.flushed();
    await log.compact();
    const afterThird = await db.snapshots.orderBy('id').toArray();
    expect(afterThird).toHaveLength(2);
    expect(afterThird[0]!.id).toBe(afterSecond[1]!.id);
    expect((await db.updates.toArray()).map((u) => u.seq)).toEqual([3]);
    // The trimmed snapshot's pieces go with it.
    const pieces = await db.snapshotPieces.toArray();
    expect(new Set(pieces.map((p) => p.snapshotId))).toEqual(new Set(afterThird.map((s) => s.id)));
    expect(pieces).toHaveLength(afterThird.reduce((n, s) => n + s.pieces!, 0));
  });

  it('runs on its own after compactAfter updates', async () => {
    const tasks: (() => void)[] = [];
    const { db, log, ws } = setup({ compactAfter: 3, schedule: (task) => tasks.push(task) });
    const id = createCustomer(ws, customerFields());
    await log.flushed();
    updateCustomer(ws, id, { name: 'a' });
    await log.flushed();
    expect(tasks).toHaveLength(0);
    updateCustomer(ws, id, { name: 'b' });
    await log.flushed();
    expect(tasks).toHaveLength(1);
    tasks[0]!();
    await log.compact();
    expect(await db.snapshots.count()).toBe(1);
  });

  it('counts updates already in the log when it was opened', async () => {
    const tasks: (() => void)[] = [];
    const { log, ws } = setup({ compactAfter: 5, schedule: (task) => tasks.push(task) });
    log.updatesSinceSnapshot = 4;
    createCustomer(ws, customerFields());
    await log.flushed();
    expect(tasks).toHaveLength(1);
  });

  it('concurrent compact() calls share one compaction', async () => {
    const { db, log, ws } = setup();
    createCustomer(ws, customerFields());
    await Promise.all([log.compact(), log.compact(), log.compact()]);
    expect(await db.snapshots.count()).toBe(1);
  });

  it('a snapshot that does not read back is removed and the log is kept', async () => {
    let corrupt = false;
    const codec: DocCodec = { id: 'flaky', encode: async (p) => p, decode: async (s) => (corrupt ? s.slice(0, 3) : s) };
    const { db, log, ws } = setup({}, codec);
    createCustomer(ws, customerFields());
    await log.flushed();
    corrupt = true;
    await expect(log.compact()).rejects.toThrow(/verification failed/);
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.snapshotPieces.count()).toBe(0);
    expect(await db.updates.count()).toBe(1);
  });
});

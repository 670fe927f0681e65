import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCustomer } from '../../../src/workspace/customer-commands';
import { collection } from '../../../src/workspace/layout';
import { Workspace } from '../../../src/workspace/workspace';
import { sha256Hex } from '../../../src/storage/log-db';
import { framePieces, piecesChecksum } from '../../../src/storage/snapshots';
import { PROJECTION_VERSION } from '../../../src/storage/projection';
import { DeviceDb } from '../../../src/storage/device-db';
import { compactLog } from '../../../src/storage/compaction';
import { identityCodec } from '../../../src/storage/codec';
import { StorageScope, docFromLog } from '../support/storage';
import { customerFields, steppingClock } from '../support/fixtures';

/**
 * Every schema the update-log and read databases had, as each version's code declared it (see
 * `git log -p src/storage/log-db.ts`). A device can hold a database of any of them; opening it
 * with today's code must upgrade it in place and lose nothing.
 */
const LOG_SCHEMAS: Record<number, Record<string, string>> = {
  1: { updates: '++seq', snapshots: '++id, seq' },
  2: { updates: '++seq', snapshots: '++id, seq', conflicts: '++id, [recordId+dismissed]' },
  3: { updates: '++seq', snapshots: '++id, seq', conflicts: '++id, [recordId+dismissed]', snapshotPieces: '[snapshotId+index]' },
};

const READ_V1 = {
  customers: 'id, [alive+nameKey], [alive+cityKey], [alive+status], [alive+updatedAt], deletedAt',
  contacts: 'id, customerId, deletedAt',
  members: 'id',
  customFields: 'id, alive',
  problems: 'key, collection',
  meta: 'key',
};
const READ_V3 = {
  ...READ_V1,
  views: 'id, alive',
  customers: 'id, [alive+nameKey], [alive+cityKey], [alive+status], [alive+updatedAt], deletedAt, [alive+birthdayKey], [alive+sinceKey], [alive+reviewKey]',
  interactions: 'id, [customerId+occurredAt]',
  products: 'id, [alive+name]',
  orders: 'id, [customerId+orderedOn], [alive+orderedOn], [status+orderedOn]',
  refunds: 'id, [customerId+createdAt], orderId, [pending+createdAt], [status+createdAt]',
  feedback: 'id, [customerId+receivedOn]',
  complaints: 'id, [customerId+createdAt], [open+dueDate]',
  tasks: 'id, [customerId+dueKey], [open+dueKey], interactionId',
  activity: 'id, [customerId+at], [collection+at], [by+at], at',
};
const READ_V4 = { ...READ_V3, listJournal: 'seq', listSnapshot: 'key' };
const READ_V5 = { ...READ_V4, refunds: 'id, [customerId+createdAt], orderId, [pending+createdAt], [status+createdAt], [pending+dueDate]' };
const READ_SCHEMAS: Record<number, Record<string, string>> = { 1: READ_V1, 2: { ...READ_V1, views: 'id, alive' }, 3: READ_V3, 4: READ_V4, 5: READ_V5 };

const scope = new StorageScope();
afterEach(() => scope.cleanup());

/** A bare database with exactly that version's schema, as a device running that version made it. */
async function oldDb(name: string, version: number, stores: Record<string, string>): Promise<Dexie> {
  const db = new Dexie(name);
  db.version(version).stores(stores);
  await db.open();
  return db;
}

/** Five customers, one update each, as the old code received them: the document and its updates in order. */
function history() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => void updates.push(update));
  const ws = new Workspace('ws-old', doc, 'member-old', steppingClock());
  const ids = ['甲', '乙', '丙', '丁', '戊'].map((name) => createCustomer(ws, customerFields({ name: `客户${name}` })));
  return { doc, updates, ids };
}

const AT = Date.UTC(2026, 2, 1);

/**
 * Writes the log as the version wrote it: the first `compacted` updates folded into a snapshot
 * (and trimmed from `updates`), the rest as `{ data, at }` rows, the only fields before version 4.
 * Version 1 stored a snapshot as one Yjs update, version 2 as framed causal pieces in the row,
 * version 3 as one row per piece.
 */
async function writeOldLog(db: Dexie, version: number, updates: Uint8Array[], compacted: number) {
  await db.table('updates').bulkAdd(updates.map((data, i) => ({ data, at: AT + i })));
  const folded = updates.slice(0, compacted);
  if (version === 3) {
    const pieces = await Promise.all(folded.map(async (data, index) => ({ index, data, sha256: await sha256Hex(data) })));
    const sha256 = await piecesChecksum(pieces.map((p) => p.sha256));
    const snapshotId = (await db.table('snapshots').add({ seq: compacted, sha256, at: AT, pieces: pieces.length, bytes: 1 })) as number;
    await db.table('snapshotPieces').bulkAdd(pieces.map((p) => ({ snapshotId, ...p })));
  } else {
    const data = version === 1 ? Y.mergeUpdates(folded) : framePieces(folded);
    await db.table('snapshots').add({ seq: compacted, data, sha256: await sha256Hex(data), at: AT });
  }
  await db.table('updates').where('seq').belowOrEqual(compacted).delete();
}

describe('the update-log database upgrades from each earlier version', () => {
  for (const version of [1, 2, 3]) {
    it(`from version ${version}: the document loads with every update, and the history rows read as from an unknown device`, async () => {
      const id = scope.workspaceId();
      const { doc, updates, ids } = history();
      const old = await oldDb(`kehu-log-${id}`, version, LOG_SCHEMAS[version]!);
      await writeOldLog(old, version, updates, 2);
      if (version >= 2) {
        await old.table('conflicts').add({ collection: 'customers', recordId: ids[0], field: 'name', keptValue: 'a', otherValue: 'b', keptBy: null, otherBy: null, at: '2026-03-01T08:00:00.000Z', dismissed: 0 });
      }
      old.close();

      const store = await scope.openStore(id);
      const report = await store.loaded;
      expect(report).toEqual({ snapshotId: 1, skippedSnapshots: [], updatesApplied: 3, skippedUpdates: [] });
      expect(collection(store.doc, 'customers').toJSON()).toEqual(collection(doc, 'customers').toJSON());
      expect(Y.encodeStateVector(store.doc)).toEqual(Y.encodeStateVector(doc));

      const { rows } = await store.history.rows();
      expect(rows.map((r) => ({ seq: r.seq, at: r.at, source: r.source, clients: r.clients, via: r.via }))).toEqual(
        [3, 4, 5].map((seq) => ({ seq, at: AT + seq - 1, source: 'unknown', clients: [], via: [] })),
      );
      expect(rows.map((r) => r.changes.map((c) => c.id))).toEqual([[ids[2]], [ids[3]], [ids[4]]]);

      await store.ready;
      const names = (await scope.readDb(id).customers.toArray()).map((c) => c.name).sort();
      expect(names).toEqual(['客户丁', '客户丙', '客户乙', '客户戊', '客户甲']);

      // The upgraded schema: `at` is indexed, and a new row lands after the old ones.
      const log = scope.logDb(id);
      expect(await log.updates.where('at').between(AT + 2, AT + 4, true, true).primaryKeys()).toEqual([3, 4, 5]);
      expect(await log.conflicts.count()).toBe(version >= 2 ? 1 : 0);
      createCustomer(new Workspace(id, store.doc, 'member-new'), customerFields({ name: '新客户' }));
      await store.log.flushed();
      const last = await log.updates.orderBy('seq').last();
      expect(last).toMatchObject({ seq: 6, source: 'local' });
    });
  }

  for (const version of [1, 2]) {
    it(`from version ${version}: the first compaction after the upgrade stores the snapshot in pieces and drops the in-row one`, async () => {
      const id = scope.workspaceId();
      const { doc, updates } = history();
      const old = await oldDb(`kehu-log-${id}`, version, LOG_SCHEMAS[version]!);
      await writeOldLog(old, version, updates, 2);
      old.close();

      const log = scope.logDb(id);
      await compactLog(log, identityCodec);
      // The old snapshot stays as the fallback any previous snapshot is; the new one is in pieces.
      const [fallback, newest] = await log.snapshots.orderBy('seq').toArray();
      expect(fallback).toMatchObject({ seq: 2, data: expect.any(Uint8Array) });
      expect(newest).toMatchObject({ seq: 5 });
      expect(newest!.data).toBeUndefined();
      expect(await log.snapshotPieces.count()).toBe(newest!.pieces);
      expect(collection(await docFromLog(log), 'customers').toJSON()).toEqual(collection(doc, 'customers').toJSON());

      // The next compaction drops it: no in-row snapshot is left.
      createCustomer(new Workspace(id, doc, 'member-new'), customerFields({ name: '新客户' }));
      await log.updates.add({ data: Y.encodeStateAsUpdate(doc), at: AT + 5 });
      await compactLog(log, identityCodec);
      expect((await log.snapshots.toArray()).filter((s) => s.data !== undefined)).toEqual([]);
      expect(collection(await docFromLog(log), 'customers').toJSON()).toEqual(collection(doc, 'customers').toJSON());
    });
  }

  it('from version 1 with no snapshot yet: every row is history from the start', async () => {
    const id = scope.workspaceId();
    const { doc, updates } = history();
    const old = await oldDb(`kehu-log-${id}`, 1, LOG_SCHEMAS[1]!);
    await old.table('updates').bulkAdd(updates.map((data, i) => ({ data, at: AT + i })));
    old.close();

    const store = await scope.openStore(id);
    expect(collection(store.doc, 'customers').toJSON()).toEqual(collection(doc, 'customers').toJSON());
    const kept = await store.history.rows();
    expect(kept.fromAt).toBeNull();
    expect(kept.rows.map((r) => [r.seq, r.source])).toEqual([1, 2, 3, 4, 5].map((seq) => [seq, 'unknown']));
  });
});

describe('the read database upgrades from each earlier version', () => {
  for (const version of [1, 2, 3, 4, 5]) {
    it(`from version ${version}: its tables are rebuilt from the document`, async () => {
      const id = scope.workspaceId();
      const { updates, ids } = history();
      const log = await oldDb(`kehu-log-${id}`, 3, LOG_SCHEMAS[3]!);
      await log.table('updates').bulkAdd(updates.map((data, i) => ({ data, at: AT + i })));
      log.close();
      // What that version's projection left: a customer since deleted elsewhere, and its own meta.
      const old = await oldDb(`kehu-read-${id}`, version, READ_SCHEMAS[version]!);
      await old.table('customers').put({ id: 'gone', name: '旧行', alive: 1, nameKey: 'jiu', cityKey: '', status: 'active', updatedAt: '' });
      await old.table('meta').put({ key: 'version', value: PROJECTION_VERSION - 1 });
      old.close();

      const store = await scope.openStore(id);
      await store.ready;
      const read = scope.readDb(id);
      expect((await read.customers.toCollection().primaryKeys()).sort()).toEqual([...ids].sort());
      // The tables later versions added exist and can be read.
      expect(await read.listJournal.count()).toBeGreaterThanOrEqual(0);
      expect(await read.customers.where('[alive+birthdayKey]').between([1, Dexie.minKey], [1, Dexie.maxKey]).count()).toBe(ids.length);
      expect(await read.refunds.where('[pending+dueDate]').between([1, Dexie.minKey], [1, Dexie.maxKey]).count()).toBe(0);
      // Trash reads every type by deletedAt (version 6).
      expect(await read.orders.where('deletedAt').above('').count()).toBe(0);
    });
  }
});

describe('the device database', () => {
  it('has had one version only, so there is nothing to upgrade yet', () => {
    const db = new DeviceDb(scope.dbName('kehu-device-test'));
    expect(db.verno).toBe(1);
  });
});

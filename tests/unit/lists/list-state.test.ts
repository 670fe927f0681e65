import { afterEach, describe, expect, it } from 'vitest';
import { defaultListFilter, type ListFilter } from '../../../src/domain/list-filter';
import { ListEngine } from '../../../src/lists/list-engine';
import { readListStart, LIST_STATE_VERSION } from '../../../src/lists/list-snapshot';
import { ReadDb } from '../../../src/storage/read-db';
import type { Projection } from '../../../src/storage/projection';
import { createCustomer, deleteCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { createContact } from '../../../src/workspace/contact-commands';
import { insertRecord, patchRecord } from '../../../src/workspace/record-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { contactFields, customerFields, customerRecord } from '../support/fixtures';
import { toRow } from '../../../src/storage/row-mappers';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const f = (patch: Partial<ListFilter> = {}): ListFilter => ({ ...defaultListFilter, ...patch });
const order = { lines: [{ id: 'l1', productId: null, description: 'Tea', quantity: 1, unitPrice: 100 }], discount: 0, currency: 'CNY', channel: 'store', paymentMethod: null, notes: '' };

async function open() {
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  await store.ready;
  const ws = new Workspace(wsId, store.doc, 'm');
  const db = new ReadDb(wsId);
  scope.onCleanup(() => db.close());
  return { wsId, store, ws, db };
}

/** An engine that follows the projection, as the list worker does. */
async function follow(db: ReadDb, store: { projection: Pick<Projection, 'onChange'> }) {
  const engine = new ListEngine(db);
  const off = store.projection.onChange((change) => engine.apply(change));
  scope.onCleanup(() => {
    off();
    engine.close();
  });
  await engine.load();
  return engine;
}

/** What a person can see of the list: every query kind, and the rows in order. */
function view(engine: ListEngine) {
  const filters = [f(), f({ q: 'wjg' }), f({ q: '李明' }), f({ q: 'lighthouse' }), f({ purchaseFrom: '2026-04-01' }), f({ openComplaint: true }), f({ sort: 'city', dir: 'desc' })];
  return filters.map((filter) => {
    const { total } = engine.query(filter);
    return engine.window(0, total);
  });
}

async function seed(ws: Workspace) {
  const wang = createCustomer(ws, customerFields({ name: '王建国', tags: ['VIP'] }));
  const harbor = createCustomer(ws, customerFields({ name: 'Harbor Ltd', kind: 'company' }));
  createContact(ws, contactFields({ customerId: harbor, name: '李明' }));
  const walker = createCustomer(ws, customerFields({ name: 'Walker' }));
  insertRecord(ws, 'orders', { ...order, customerId: wang, orderedOn: '2026-05-01', status: 'paid' });
  const complaint = insertRecord(ws, 'complaints', { customerId: walker, orderId: null, severity: 'high', category: 'product', title: 'Broken', description: '', assigneeId: null, dueDate: '2026-05-03' });
  return { wang, harbor, walker, complaint };
}

describe('the saved customer list', () => {
  it('starts from the saved state plus what changed since, and sees what reading every table sees', async () => {
    const { store, ws, db } = await open();
    const { wang, harbor, walker, complaint } = await seed(ws);
    await store.projection.idle();
    const first = await follow(db, store);
    expect(await first.save()).toBe(true);
    first.close();

    // Changes after the save, of every kind the list follows.
    updateCustomer(ws, harbor, { name: 'Lighthouse Ltd' });
    deleteCustomer(ws, wang);
    createCustomer(ws, customerFields({ name: 'Adams' }));
    insertRecord(ws, 'orders', { ...order, customerId: walker, orderedOn: '2026-06-01', status: 'paid' });
    patchRecord(ws, 'complaints', complaint, { deletedAt: '2026-05-04T00:00:00.000Z' });
    await store.projection.idle();

    const start = await readListStart(db);
    expect(start.kind).toBe('saved');
    if (start.kind === 'saved') expect(start.since.get('customers')).toHaveLength(3);
    const restored = await follow(db, store);

    await db.listSnapshot.clear();
    expect((await readListStart(db)).kind).toBe('tables');
    const fromTables = await follow(db, store);
    expect(view(restored)).toEqual(view(fromTables));
    expect(view(restored)[0]!.map((r) => r.name)).toEqual(['Adams', 'Lighthouse Ltd', 'Walker']);
    expect(view(restored)[3]!.map((r) => r.name)).toEqual(['Lighthouse Ltd']);
    expect(view(restored)[5]).toEqual([]);
  });

  it('saves only when the tables are at the state the engine holds, and then drops the journal it covers', async () => {
    const { store, ws, db } = await open();
    await seed(ws);
    await store.projection.idle();
    const engine = new ListEngine(db);
    scope.onCleanup(() => engine.close());
    await engine.load();
    // A batch the engine has not received yet (still in a message queue, say).
    createCustomer(ws, customerFields({ name: 'Late' }));
    await store.projection.idle();
    expect(await engine.save()).toBe(false);
    expect(await db.listSnapshot.count()).toBe(0);

    const following = await follow(db, store);
    expect(await following.save()).toBe(true);
    expect(await db.listJournal.count()).toBe(0);
    expect(following.unsaved).toBe(false);
  });

  it('falls back to the tables when the journal has a gap, the saved state is of another version, or unreadable', async () => {
    const { store, ws, db } = await open();
    await seed(ws);
    await store.projection.idle();
    const engine = await follow(db, store);
    await engine.save();
    const expected = view(engine);
    createCustomer(ws, customerFields({ name: 'Zed' }));
    await store.projection.idle();
    const withZed = view(await follow(db, store));

    const saved = (await db.listSnapshot.get('list'))!;
    const [gap] = await db.listJournal.toArray();
    await db.listJournal.delete(gap!.seq);
    expect((await readListStart(db)).kind).toBe('tables');
    expect(view(await follow(db, store))).toEqual(withZed);

    await db.listJournal.put(gap!);
    await db.listSnapshot.put({ ...saved, version: LIST_STATE_VERSION + 1 });
    expect((await readListStart(db)).kind).toBe('tables');

    await db.listSnapshot.put(saved);
    expect((await readListStart(db)).kind).toBe('saved');
    const index = (await db.listSnapshot.get('list/index'))!;
    await db.listSnapshot.put({ ...index, state: { format: 'nonsense' } });
    expect((await readListStart(db)).kind).toBe('saved');
    expect(view(await follow(db, store))).toEqual(withZed);

    // The state is saved in parts: one missing, or left from another save, is no state at all.
    await db.listSnapshot.put({ ...index, seq: index.seq - 1 });
    expect((await readListStart(db)).kind).toBe('tables');
    await db.listSnapshot.delete('list/index');
    expect((await readListStart(db)).kind).toBe('tables');
    expect(withZed[0]).toHaveLength(expected[0]!.length + 1);
  });

  it('a rebuild of the read tables forgets the saved state and its journal', async () => {
    const { store, ws, db } = await open();
    await seed(ws);
    await store.projection.idle();
    await (await follow(db, store)).save();
    await store.projection.rebuild();
    expect(await db.listSnapshot.count()).toBe(0);
    // The rebuild journals its own batches from 1 again; a new engine reads the tables.
    expect((await readListStart(db)).kind).toBe('tables');
  });

  it('rows that come while the tables are read wait until written, so a chunk read before never lands on them', async () => {
    const { db } = await open();
    // Two chunks of reading; the renamed customer is in the second.
    const rows = Array.from({ length: 5001 }, (_, i) => toRow.customers(customerRecord({ id: `01960000-0000-7000-8000-${String(i).padStart(12, '0')}`, name: `C${i}` }) as never) as { id: string });
    await db.customers.bulkPut(rows as never[]);
    const last = rows[5000]!;
    const engine = new ListEngine(db);
    scope.onCleanup(() => engine.close());
    const loading = engine.load();
    engine.apply({ kind: 'rows', collection: 'customers', rows: [{ ...last, name: 'Renamed' }], gone: [], batch: 1 });
    await loading;
    expect(engine.list.get(last.id)?.name).toBe('Renamed');
    expect(engine.unsaved).toBe(false);
    // A batch that failed to be written leaves rows the tables lack: the list is not saved.
    engine.apply({ kind: 'written', batch: 1, failed: true });
    expect(engine.unsaved).toBe(false);
  });

  it('batches that arrive while the engine reads end with the newest row, and are saved only once written', async () => {
    const { store, ws, db } = await open();
    const { walker } = await seed(ws);
    await store.projection.idle();
    const engine = new ListEngine(db);
    scope.onCleanup(() => engine.close());
    const changes: Parameters<ListEngine['apply']>[0][] = [];
    const off = store.projection.onChange((change) => changes.push(change));
    scope.onCleanup(off);
    updateCustomer(ws, walker, { name: 'Walker Old' });
    await store.projection.idle();
    updateCustomer(ws, walker, { name: 'Walker New' });
    await store.projection.idle();
    expect(changes.map((c) => c.kind)).toEqual(['rows', 'written', 'rows', 'written']);
    const loading = engine.load();
    // Delivered while the engine reads tables that already hold the newer row.
    for (const change of changes) engine.apply(change);
    await loading;
    expect(engine.list.get(walker)?.name).toBe('Walker New');

    // Rows of a batch not yet written: shown at once, but not saved until it is.
    const unwritten = new Map<string, Parameters<ListEngine['apply']>[0]>();
    const offLive = store.projection.onChange((change) => {
      unwritten.set(change.kind, change);
    });
    scope.onCleanup(offLive);
    updateCustomer(ws, walker, { name: 'Walker Newest' });
    await store.projection.idle();
    engine.apply(unwritten.get('rows')!);
    expect(engine.list.get(walker)?.name).toBe('Walker Newest');
    expect(engine.unsaved).toBe(false);
    engine.apply(unwritten.get('written')!);
    expect(engine.unsaved).toBe(true);
    expect(await engine.save()).toBe(true);
  });
});

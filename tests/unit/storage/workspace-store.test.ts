import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { deleteWorkspaceStorage, openWorkspaceStore } from '../../../src/storage/workspace-store';
import { PROJECTION_VERSION, Projection, type ProjectedChange } from '../../../src/storage/projection';
import { nameSortKey } from '../../../src/domain/sort-key';
import { createCustomer, deleteCustomer } from '../../../src/workspace/customer-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { customerFields } from '../support/fixtures';
import { StorageScope, firstValue } from '../support/storage';

const scope = new StorageScope();
afterEach(() => {
  vi.restoreAllMocks();
  return scope.cleanup();
});

describe('openWorkspaceStore', () => {
  it('a new workspace opens empty and ready', async () => {
    const store = await scope.openStore(scope.workspaceId());
    await store.ready;
    expect(store.doc.getMap('customers').size).toBe(0);
    expect(await firstValue(store.queries.customers.count())).toBe(0);
  });

  it('edits survive close and reopen, in the doc and the read tables', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId);
    await first.ready;
    const id = createCustomer(new Workspace(wsId, first.doc, 'm'), customerFields({ name: 'Kept' }));
    await first.close();

    const rebuild = vi.spyOn(Projection.prototype, 'rebuild');
    const second = await scope.openStore(wsId);
    await second.ready;
    expect(rebuild).not.toHaveBeenCalled();
    expect((await firstValue(second.queries.customers.get(id)))?.name).toBe('Kept');
  });

  it('rebuilds read tables projected by an older version (their derived keys may differ)', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId);
    await first.ready;
    const id = createCustomer(new Workspace(wsId, first.doc, 'm'), customerFields({ name: '王建国' }));
    await first.close();
    const db = scope.readDb(wsId);
    await db.meta.put({ key: 'projectionVersion', value: PROJECTION_VERSION - 1 });
    await db.customers.update(id, { nameKey: '王建国' });

    const second = await scope.openStore(wsId);
    await second.ready;
    expect((await db.customers.get(id))?.nameKey).toBe(nameSortKey('王建国'));
  });

  it('a change outside the collections (a device registering its client id) does not force a rebuild on the next open', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId);
    await first.ready;
    first.doc.transact(() => first.doc.getMap('clients').set(String(first.doc.clientID), 'member-a'));
    await first.log.flushed();
    await first.projection.idle();
    expect(await first.projection.isCurrent()).toBe(true);
    await first.close();

    const rebuild = vi.spyOn(Projection.prototype, 'rebuild');
    const second = await scope.openStore(wsId);
    await second.ready;
    expect(rebuild).not.toHaveBeenCalled();
  });

  it("tells listeners each batch's rows before they are written, then that they are written", async () => {
    const wsId = scope.workspaceId();
    const store = await scope.openStore(wsId);
    await store.ready;
    const changes: ProjectedChange[] = [];
    store.projection.onChange((change) => changes.push(change));
    const ws = new Workspace(wsId, store.doc, 'm');
    const id = createCustomer(ws, customerFields({ name: 'Ann' }));
    await store.projection.idle();
    deleteCustomer(ws, id);
    await store.projection.idle();
    const [created, deleted] = changes.filter((c) => c.kind === 'rows').map((c) => c.batch);
    expect(changes).toMatchObject([
      { kind: 'rows', collection: 'customers', rows: [{ id, name: 'Ann', alive: 1 }], gone: [] },
      { kind: 'written', batch: created, seq: 1 },
      { kind: 'rows', collection: 'customers', rows: [{ id, alive: 0 }], gone: [] },
      { kind: 'written', batch: deleted, seq: 2 },
    ]);
  });

  it('rebuilds the read tables after a crash between commit and projection', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId);
    await first.ready;
    const ws = new Workspace(wsId, first.doc, 'm');
    createCustomer(ws, customerFields({ name: 'Projected' }));
    await first.log.flushed();
    await first.projection.idle();
    // The crash: the next edit is committed to the log but never reaches the read tables.
    first.projection.stop();
    const lost = createCustomer(ws, customerFields({ name: 'Only in the log' }));
    await first.log.flushed();
    await first.close();

    const second = await scope.openStore(wsId);
    await second.ready;
    expect((await firstValue(second.queries.customers.get(lost)))?.name).toBe('Only in the log');
    expect(await firstValue(second.queries.customers.count())).toBe(2);
  });

  it('close() waits for pending writes', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId);
    const id = createCustomer(new Workspace(wsId, first.doc, 'm'), customerFields({ name: 'Unflushed' }));
    await first.close();
    const second = await scope.openStore(wsId);
    expect(second.doc.getMap('customers').has(id)).toBe(true);
  });

  it('close() before the load has started does not wait for it, and the load never starts', async () => {
    const wsId = scope.workspaceId();
    let start!: () => void;
    const store = await openWorkspaceStore(wsId, { schedule: () => {}, startAfter: new Promise<void>((resolve) => (start = resolve)) });
    const loaded = store.loaded.then(() => 'loaded', () => 'not loaded');
    // Resolves while the start is still held back: it did not wait for the load.
    await store.close();
    start();
    expect(await loaded).toBe('not loaded');
  });

  it('compacts on its own after compactAfter updates, and reopens from the snapshot', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId, { compactAfter: 2, schedule: (task) => task() });
    const ws = new Workspace(wsId, first.doc, 'm');
    for (let i = 0; i < 4; i++) {
      createCustomer(ws, customerFields({ name: `C${i}` }));
      await first.log.flushed();
    }
    await first.log.compact();
    await first.close();
    const second = await scope.openStore(wsId);
    expect((await second.loaded).snapshotId).not.toBeNull();
    expect(second.doc.getMap('customers').size).toBe(4);
  });

  it('compacts only once the read tables have what the document has', async () => {
    const wsId = scope.workspaceId();
    /** Whether the read tables had what the document has, each time a compaction ran. */
    const tablesCurrent: boolean[] = [];
    const opened: { projection?: { isCurrent(): Promise<boolean> } } = {};
    let compacted!: () => void;
    const firstCompaction = new Promise<void>((resolve) => (compacted = resolve));
    const runCompaction = vi.fn(async () => {
      tablesCurrent.push(await opened.projection!.isCurrent());
      compacted();
    });
    const store = await scope.openStore(wsId, { compactAfter: 1, schedule: (task) => task(), runCompaction });
    opened.projection = store.projection;
    await store.ready;
    // A teammate's large answer: the projection holds it back until the answer ends.
    const release = store.projection.hold();
    const teammate = new Y.Doc();
    createCustomer(new Workspace(wsId, teammate, 'peer'), customerFields({ name: 'From a teammate' }));
    Y.applyUpdate(store.doc, Y.encodeStateAsUpdate(teammate), 'peer');
    await store.log.flushed();
    release();
    await store.projection.idle();
    await firstCompaction;
    expect(runCompaction).toHaveBeenCalledTimes(1);
    // Not "nothing ran for a while": the one compaction ran when the tables were complete.
    expect(tablesCurrent).toEqual([true]);
  });

  it('a compaction still waiting when the workspace closes never runs', async () => {
    const wsId = scope.workspaceId();
    const runCompaction = vi.fn(async () => {});
    const store = await scope.openStore(wsId, { compactAfter: 1, schedule: (task) => task(), runCompaction });
    await store.ready;
    store.projection.hold();
    const teammate = new Y.Doc();
    for (const name of ['One', 'Two']) {
      createCustomer(new Workspace(wsId, teammate, 'peer'), customerFields({ name }));
      Y.applyUpdate(store.doc, Y.encodeStateAsUpdate(teammate), 'peer');
      await store.log.flushed();
    }
    const compact = vi.spyOn(store.log, 'compact');
    // close() ends the hold and waits for the projection: the same wait the compaction is in,
    // which it left before close() resolved.
    await store.close();
    expect(compact).not.toHaveBeenCalled();
    expect(runCompaction).not.toHaveBeenCalled();
  });

  it('queries list live customers by name and deleted ones in the trash', async () => {
    const wsId = scope.workspaceId();
    const store = await scope.openStore(wsId);
    await store.ready;
    const ws = new Workspace(wsId, store.doc, 'm');
    for (const name of ['Carol', 'alice', 'Bob']) createCustomer(ws, customerFields({ name }));
    const gone = createCustomer(ws, customerFields({ name: 'Deleted' }));
    deleteCustomer(ws, gone);
    await store.projection.idle();
    expect((await firstValue(store.queries.customers.list('name', 'asc'))).map((c) => c.name)).toEqual(['alice', 'Bob', 'Carol']);
    expect((await firstValue(store.queries.customers.list('name', 'desc'))).map((c) => c.name)).toEqual(['Carol', 'Bob', 'alice']);
    expect((await firstValue(store.queries.trash.all())).filter((g) => g.row.type === 'customers').map((g) => g.row.id)).toEqual([gone]);
  });
});

describe('deleteWorkspaceStorage', () => {
  it('removes the log and read databases', async () => {
    const wsId = scope.workspaceId();
    const store = await scope.openStore(wsId);
    createCustomer(new Workspace(wsId, store.doc, 'm'), customerFields());
    await store.close();
    await deleteWorkspaceStorage(wsId);
    const names = await Dexie.getDatabaseNames();
    expect(names).not.toContain(`kehu-log-${wsId}`);
    expect(names).not.toContain(`kehu-read-${wsId}`);
    const reopened = await scope.openStore(wsId);
    expect(reopened.doc.getMap('customers').size).toBe(0);
  });
});

describe('two stores of one workspace (two tabs)', () => {
  it('each store logs its own edits; a reload sees both', async () => {
    const wsId = scope.workspaceId();
    const a = await scope.openStore(wsId);
    const b = await scope.openStore(wsId);
    const idA = createCustomer(new Workspace(wsId, a.doc, 'm'), customerFields({ name: 'A' }));
    const idB = createCustomer(new Workspace(wsId, b.doc, 'm'), customerFields({ name: 'B' }));
    await Promise.all([a.close(), b.close()]);
    const c = await scope.openStore(wsId);
    expect([...c.doc.getMap('customers').keys()].sort()).toEqual([idA, idB].sort());
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { StorageHealth } from '../../../src/storage/storage-health';
import { createCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { collection, metaMap } from '../../../src/workspace/layout';
import { Workspace } from '../../../src/workspace/workspace';
import { customerFields, customerRecord } from '../support/fixtures';
import { StorageScope, firstValue } from '../support/storage';
import { putRawRecord } from '../support/ydoc';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const none = { newerSchema: null, newerTypes: new Map(), newerPeer: false };

describe('StorageHealth: formats', () => {
  it.each<[string, Parameters<StorageHealth['setFormat']>[0], StorageHealth['readOnlyReason'], boolean]>([
    ['nothing newer', none, null, false],
    ['a newer layout: read-only as a whole', { ...none, newerSchema: 2 }, 'newer-format', true],
    ['newer records: only their types stop, the workspace is not read-only', { ...none, newerTypes: new Map([['orders', 2]]) }, null, true],
    ['a newer teammate: told, nothing stops', { ...none, newerPeer: true }, null, true],
  ])('%s', (_label, state, reason, told) => {
    const health = new StorageHealth();
    health.setFormat(state);
    expect(health.readOnlyReason).toBe(reason);
    expect(health.readOnly).toBe(reason !== null);
    expect(health.format !== null).toBe(told);
  });

  it('tells its listeners only when what it knows changes', () => {
    const health = new StorageHealth();
    let told = 0;
    health.subscribe(() => told++);
    health.setFormat({ ...none, newerTypes: new Map([['orders', 2]]) });
    health.setFormat({ ...none, newerTypes: new Map([['orders', 2]]) });
    expect(told).toBe(1);
    expect(health.format).toEqual({ newerSchema: null, newerTypes: ['orders'], newerPeer: false });
  });

  it('a full disk with a newer layout reads as the newer layout (updating the app is the way out of both)', () => {
    const health = new StorageHealth();
    health.report('log', Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    expect(health.readOnlyReason).toBe('quota');
    health.setFormat({ ...none, newerSchema: 3 });
    expect(health.readOnlyReason).toBe('newer-format');
  });
});

describe('opening a workspace a newer Kehu saved', () => {
  it('is read-only from load on, and its records are still listed', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId);
    await first.ready;
    createCustomer(new Workspace(wsId, first.doc, 'm'), customerFields({ name: 'Kept' }));
    first.doc.transact(() => metaMap(first.doc).set('schemaVersion', 2), 'remote');
    await first.log.flushed();
    await first.close();

    const second = await scope.openStore(wsId);
    await second.ready;
    expect(second.health.readOnlyReason).toBe('newer-format');
    expect(collection(second.doc, 'customers').size).toBe(1);
  });

  it('a record of a newer version is a data problem, kept in the document; its type is named', async () => {
    const wsId = scope.workspaceId();
    const store = await scope.openStore(wsId);
    await store.ready;
    const id = '01960000-0000-7000-8000-0000000000a9';
    putRawRecord(store.doc, 'customers', id, customerRecord({ id, v: 7 }));
    await store.projection.idle();
    const problems = await firstValue(store.queries.problems());
    expect(problems.map((p) => [p.collection, p.recordId, p.errors])).toEqual([['customers', id, { v: 'errors.entry.newerVersion' }]]);
    expect(store.health.format).toEqual({ newerSchema: null, newerTypes: ['customers'], newerPeer: false });
    expect(store.health.readOnly).toBe(false);
  });
});

describe('opening a workspace saved before record versions', () => {
  it('shows each customer with one spelling per tag, writes nothing on open, and a command writes the record at version 2', async () => {
    const wsId = scope.workspaceId();
    const first = await scope.openStore(wsId);
    await first.ready;
    const id = '01960000-0000-7000-8000-0000000000b1';
    // As an app before record versions wrote it: no `v`, and "vip" next to "VIP".
    putRawRecord(first.doc, 'customers', id, customerRecord({ id, tags: ['vip', 'VIP', '老客户'] }));
    await first.log.flushed();
    await first.close();

    const second = await scope.openStore(wsId);
    await second.ready;
    await second.projection.idle();
    const rows = await scope.readDb(wsId).customers.toArray();
    expect(rows.map((r) => r.tags)).toEqual([['VIP', '老客户']]);
    const logged = await scope.logDb(wsId).updates.count();
    const map = collection(second.doc, 'customers').get(id)!;
    expect(map.get('v')).toBeUndefined();

    updateCustomer(new Workspace(wsId, second.doc, 'm'), id, { notes: 'checked' });
    await second.log.flushed();
    expect(await scope.logDb(wsId).updates.count()).toBe(logged + 1);
    expect(map.get('v')).toBe(2);
    expect([map.get('tag:VIP'), map.get('tag:vip')]).toEqual([true, null]);
  });
});

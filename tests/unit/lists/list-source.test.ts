import { afterEach, describe, expect, it } from 'vitest';
import { openListSource, type ListSource } from '../../../src/lists/list-client';
import { defaultListFilter, type ListFilter } from '../../../src/domain/list-filter';
import { createCustomer, deleteCustomer, purgeCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { createContact } from '../../../src/workspace/contact-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { insertRecord, patchRecord } from '../../../src/workspace/record-commands';
import { contactFields, customerFields } from '../support/fixtures';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const f = (patch: Partial<ListFilter> = {}): ListFilter => ({ ...defaultListFilter, ...patch });

async function names(list: ListSource, filter: ListFilter) {
  const { total } = await list.query(filter);
  return (await list.window(0, total)).map((r) => r.name);
}

async function open() {
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  await store.ready;
  const ws = new Workspace(wsId, store.doc, 'm');
  return { wsId, store, ws };
}

/** Resolves after the list has taken in everything projected so far. */
async function settled(list: ListSource, store: { projection: { idle(): Promise<void> } }) {
  await store.projection.idle();
  if (list.loaded) return;
  // The list says when its first read of the tables ends: a change with `loaded` set.
  await new Promise<void>((resolve) => {
    const off = list.onChange(() => {
      if (!list.loaded) return;
      off();
      resolve();
    });
  });
}

describe('the customer list source (in-thread engine over the read tables)', () => {
  it('reads what the tables hold, then follows every projected change', async () => {
    const { store, ws, wsId } = await open();
    const a = createCustomer(ws, customerFields({ name: '王建国', tags: ['VIP'] }));
    createCustomer(ws, customerFields({ name: 'Walker', tags: [], phones: [{ label: 'mobile', number: '+447911123456' }] }));
    await store.projection.idle();

    const list = openListSource(wsId, store.projection);
    scope.onCleanup(() => list.close());
    await settled(list, store);
    expect(await names(list, f())).toEqual(['Walker', '王建国']);

    updateCustomer(ws, a, { name: '王建华' });
    const c = createCustomer(ws, customerFields({ name: 'Adams', kind: 'company', tags: ['VIP'] }));
    createContact(ws, contactFields({ customerId: c, name: '李明' }));
    await settled(list, store);
    expect(await names(list, f())).toEqual(['Adams', 'Walker', '王建华']);
    expect(await names(list, f({ q: 'wjh' }))).toEqual(['王建华']);
    expect(await names(list, f({ q: '建国' }))).toEqual([]);
    // A contact found stands for its company.
    expect(await names(list, f({ q: '李明' }))).toEqual(['Adams']);
    expect(await names(list, f({ tags: ['VIP'], sort: 'name', dir: 'desc' }))).toEqual(['王建华', 'Adams']);

    deleteCustomer(ws, c);
    await settled(list, store);
    expect(await names(list, f())).toEqual(['Walker', '王建华']);
    expect(await names(list, f({ q: '李明' }))).toEqual([]);

    purgeCustomer(ws, a);
    await settled(list, store);
    expect(await names(list, f())).toEqual(['Walker']);
    expect(await list.ids()).toHaveLength(1);
  });

  it('a company renamed is found under its new name through its contacts too', async () => {
    const { store, ws, wsId } = await open();
    const list = openListSource(wsId, store.projection);
    scope.onCleanup(() => list.close());
    const c = createCustomer(ws, customerFields({ name: 'Harbor Ltd', kind: 'company' }));
    createContact(ws, contactFields({ customerId: c, name: 'Zoe Park' }));
    await settled(list, store);
    updateCustomer(ws, c, { name: 'Lighthouse Ltd' });
    await settled(list, store);
    expect(await names(list, f({ q: 'lighthouse' }))).toEqual(['Lighthouse Ltd']);
    expect(await names(list, f({ q: 'harbor' }))).toEqual([]);
  });

  it('filters by last purchase and open complaints, kept up to date from orders and complaints', async () => {
    const { store, ws, wsId } = await open();
    const list = openListSource(wsId, store.projection);
    scope.onCleanup(() => list.close());
    const ann = createCustomer(ws, customerFields({ name: 'Ann' }));
    createCustomer(ws, customerFields({ name: 'Bob' }));
    const order = { lines: [{ id: 'l1', productId: null, description: 'Tea', quantity: 1, unitPrice: 100 }], discount: 0, currency: 'CNY', channel: 'store', paymentMethod: null, notes: '' };
    insertRecord(ws, 'orders', { ...order, customerId: ann, orderedOn: '2026-05-01', status: 'paid' });
    const cancelled = insertRecord(ws, 'orders', { ...order, customerId: ann, orderedOn: '2026-07-01', status: 'cancelled' });
    // Not paid yet: not a purchase (Key figures' last purchase says the same).
    const pending = insertRecord(ws, 'orders', { ...order, customerId: ann, orderedOn: '2026-08-01', status: 'pending' });
    const complaint = insertRecord(ws, 'complaints', { customerId: ann, orderId: null, severity: 'high', category: 'product', title: 'Broken', description: '', assigneeId: null, dueDate: '2026-05-03' });
    await settled(list, store);
    expect(await names(list, f({ purchaseFrom: '2026-04-01' }))).toEqual(['Ann']);
    expect(await names(list, f({ purchaseFrom: '2026-06-01' }))).toEqual([]);
    expect(await names(list, f({ purchaseFrom: '2026-08-01' }))).toEqual([]);
    expect(await names(list, f({ openComplaint: true }))).toEqual(['Ann']);
    patchRecord(ws, 'orders', cancelled, { status: 'completed' });
    patchRecord(ws, 'orders', pending, { status: 'paid' });
    patchRecord(ws, 'complaints', complaint, { deletedAt: '2026-05-04T00:00:00.000Z' });
    await settled(list, store);
    expect(await names(list, f({ purchaseFrom: '2026-06-01' }))).toEqual(['Ann']);
    expect(await names(list, f({ purchaseFrom: '2026-08-01' }))).toEqual(['Ann']);
    expect(await names(list, f({ openComplaint: true }))).toEqual([]);
  });

  it('keeps separate results for the page and the palette', async () => {
    const { store, ws, wsId } = await open();
    const list = openListSource(wsId, store.projection);
    scope.onCleanup(() => list.close());
    for (const name of ['Ann', 'Bob', 'Cy']) createCustomer(ws, customerFields({ name }));
    await settled(list, store);
    await list.query(f());
    await list.query(f({ q: 'bob' }), 'palette');
    expect((await list.window(0, 10)).map((r) => r.name)).toEqual(['Ann', 'Bob', 'Cy']);
    expect((await list.window(0, 10, 'palette')).map((r) => r.name)).toEqual(['Bob']);
  });
});

import { describe, expect, it } from 'vitest';
import { planRestore, planTrash, recordLinks, type LinkedRecord, type LinkedType, type RecordLink } from '../../../src/domain/record-links';

// The rule of every link, as docs/workspace-format.md ("Linked records") states it.
const table: [parent: LinkedType, child: LinkedType, field: string, rule: 'cascade' | 'refuse'][] = [
  ['customers', 'contacts', 'customerId', 'cascade'],
  ['customers', 'interactions', 'customerId', 'cascade'],
  ['customers', 'orders', 'customerId', 'cascade'],
  ['customers', 'refunds', 'customerId', 'cascade'],
  ['customers', 'feedback', 'customerId', 'cascade'],
  ['customers', 'complaints', 'customerId', 'cascade'],
  ['customers', 'tasks', 'customerId', 'cascade'],
  ['contacts', 'interactions', 'contactId', 'cascade'],
  ['interactions', 'tasks', 'interactionId', 'cascade'],
  ['orders', 'refunds', 'orderId', 'cascade'],
  ['orders', 'feedback', 'orderId', 'cascade'],
  ['orders', 'complaints', 'orderId', 'cascade'],
  ['products', 'orders', 'lines', 'refuse'],
];

type Row = LinkedRecord & Record<string, unknown>;

/** A tiny workspace: records by id, children found by scanning, as the workspace's finder does. */
function world(rows: Row[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = (link: RecordLink, parentId: string) =>
    rows.filter((r) => {
      if (r.type !== link.child) return false;
      const v = r[link.field];
      return link.field === 'lines' ? Array.isArray(v) && v.some((l: { productId?: string }) => l.productId === parentId) : v === parentId;
    });
  const find = (type: LinkedType, id: string) => {
    const r = byId.get(id);
    return r && r.type === type ? r : undefined;
  };
  return { children, find, byId };
}

const live = (type: LinkedType, id: string, fields: Record<string, unknown> = {}): Row => ({ type, id, deletedAt: null, ...fields });
const AT = '2026-12-08T01:00:00.000Z';

describe('record links: the rule of every link', () => {
  it('is exactly the documented table', () => {
    expect(recordLinks.map((l) => [l.parent, l.child, l.field, l.rule])).toEqual(table);
  });

  it.each(table)('%s → %s (%s): %s', (parent, child, field, rule) => {
    const parentRow = live(parent, 'p1');
    const childRow = live(child, 'c1', field === 'lines' ? { lines: [{ productId: 'p1' }] } : { [field]: 'p1' });
    const { children } = world([parentRow, childRow]);
    const plan = planTrash({ type: parent, id: 'p1' }, children);
    if (rule === 'refuse') {
      expect(plan).toEqual({ ok: false, reason: 'linked', child, count: 1 });
    } else {
      expect(plan.ok).toBe(true);
      if (plan.ok) expect(plan.records.map((r) => r.id)).toEqual(['c1']);
    }
  });
});

describe('planTrash', () => {
  it('takes what names what names it (customer → contact → interaction → task), once each', () => {
    const rows = [
      live('customers', 'cu'),
      live('contacts', 'co', { customerId: 'cu' }),
      live('interactions', 'in', { customerId: 'cu', contactId: 'co' }),
      live('tasks', 'ta', { customerId: null, interactionId: 'in' }),
      live('orders', 'or', { customerId: 'cu' }),
      live('refunds', 're', { customerId: 'cu', orderId: 'or' }),
    ];
    const plan = planTrash({ type: 'customers', id: 'cu' }, world(rows).children);
    expect(plan.ok && plan.records.map((r) => r.id).sort()).toEqual(['co', 'in', 'or', 're', 'ta']);
    expect(plan.ok && plan.counts).toEqual({ contacts: 1, interactions: 1, orders: 1, refunds: 1, tasks: 1 });
  });

  it('leaves records already in Trash as they are', () => {
    const rows = [live('orders', 'or'), live('refunds', 'r1', { orderId: 'or' }), { ...live('refunds', 'r2', { orderId: 'or' }), deletedAt: AT }];
    const plan = planTrash({ type: 'orders', id: 'or' }, world(rows).children);
    expect(plan.ok && plan.records.map((r) => r.id)).toEqual(['r1']);
  });

  it('refuses a product on an order even when the order is in Trash', () => {
    const rows = [live('products', 'pr'), { ...live('orders', 'or', { lines: [{ productId: 'pr' }, { productId: null }] }), deletedAt: AT }];
    expect(planTrash({ type: 'products', id: 'pr' }, world(rows).children)).toEqual({ ok: false, reason: 'linked', child: 'orders', count: 1 });
  });

  it('lets a product nobody ordered go', () => {
    expect(planTrash({ type: 'products', id: 'pr' }, world([live('products', 'pr')]).children)).toEqual({ ok: true, records: [], counts: {} });
  });
});

describe('planRestore', () => {
  const trashed = (type: LinkedType, id: string, fields: Record<string, unknown> = {}): Row => ({ type, id, deletedAt: AT, ...fields });

  it('brings back exactly what went with it, not what was in Trash before', () => {
    const order = trashed('orders', 'or');
    const went = trashed('refunds', 'r1', { orderId: 'or', trashedWith: 'or' });
    const before = trashed('refunds', 'r2', { orderId: 'or' });
    const { find } = world([order, went, before]);
    expect(planRestore(order, [went], find)).toEqual({ ok: true, records: [went] });
  });

  it('refuses a record that went with its parent: restore the parent', () => {
    const order = trashed('orders', 'or');
    const refund = trashed('refunds', 'r1', { orderId: 'or', trashedWith: 'or' });
    expect(planRestore(refund, [], world([order, refund]).find)).toEqual({ ok: false, reason: 'withParent', parent: 'orders' });
  });

  it('refuses a record that went with its grandparent (customer → order → refund)', () => {
    const customer = trashed('customers', 'cu');
    const order = trashed('orders', 'or', { customerId: 'cu', trashedWith: 'cu' });
    const refund = trashed('refunds', 'r1', { customerId: 'cu', orderId: 'or', trashedWith: 'cu' });
    expect(planRestore(refund, [], world([customer, order, refund]).find)).toMatchObject({ ok: false, reason: 'withParent' });
  });

  it('refuses a record deleted on its own while its parent is in Trash too', () => {
    const order = trashed('orders', 'or');
    const refund = trashed('refunds', 'r2', { orderId: 'or' });
    expect(planRestore(refund, [], world([order, refund]).find)).toEqual({ ok: false, reason: 'parentInTrash', parent: 'orders' });
  });

  it('restores a record whose parent is live, or gone for good', () => {
    const refund = trashed('refunds', 'r2', { orderId: 'or' });
    expect(planRestore(refund, [], world([live('orders', 'or'), refund]).find)).toEqual({ ok: true, records: [] });
    expect(planRestore(refund, [], world([refund]).find)).toEqual({ ok: true, records: [] });
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Workspace } from '../../../src/workspace/workspace';
import { insertRecord, readRecordById, softDeleteRecord } from '../../../src/workspace/record-commands';
import { restoreTrashed, trashCounts, trashRecord } from '../../../src/workspace/record-trash';
import { deleteCustomer, purgeCustomer, restoreCustomer, setCustomersDeleted } from '../../../src/workspace/customer-commands';
import { LinkRefusedError } from '../../../src/domain/record-links';
import { activityLog } from '../../../src/workspace/layout';
import { steppingClock } from '../support/fixtures';

function setup() {
  const ws = new Workspace('ws-1', new Y.Doc(), 'member-alice', steppingClock());
  const customer = insertRecord(ws, 'customers', { kind: 'individual', name: '王建国' });
  const order = insertRecord(ws, 'orders', { customerId: customer, lines: [{ id: 'l1', productId: null }] });
  const refund = insertRecord(ws, 'refunds', { customerId: customer, orderId: order, type: 'refund' });
  const ret = insertRecord(ws, 'refunds', { customerId: customer, orderId: order, type: 'return' });
  return { ws, customer, order, refund, ret };
}

const deletedAt = (ws: Workspace, name: Parameters<typeof readRecordById>[1], id: string) => readRecordById(ws, name, id)?.deletedAt ?? null;

describe('trashRecord and restoreTrashed', () => {
  it('an order takes its refund and return to Trash, in one transaction, and brings them back', () => {
    const { ws, order, refund, ret } = setup();
    let transactions = 0;
    ws.doc.on('afterTransaction', () => (transactions += 1));
    trashRecord(ws, 'orders', order);
    expect(transactions).toBe(1);
    for (const id of [refund, ret]) expect(readRecordById(ws, 'refunds', id)).toMatchObject({ deletedAt: deletedAt(ws, 'orders', order), trashedWith: order });
    expect(deletedAt(ws, 'orders', order)).not.toBeNull();
    restoreTrashed(ws, 'orders', order);
    for (const id of [refund, ret]) expect(readRecordById(ws, 'refunds', id)).toMatchObject({ deletedAt: null, trashedWith: null });
    expect(deletedAt(ws, 'orders', order)).toBeNull();
  });

  it('a refund in Trash before its order stays there when the order comes back', () => {
    const { ws, order, refund, ret } = setup();
    softDeleteRecord(ws, 'refunds', refund);
    trashRecord(ws, 'orders', order);
    restoreTrashed(ws, 'orders', order);
    expect(deletedAt(ws, 'refunds', refund)).not.toBeNull();
    expect(deletedAt(ws, 'refunds', ret)).toBeNull();
  });

  it('a refund that went with its order is not restored alone', () => {
    const { ws, order, refund } = setup();
    trashRecord(ws, 'orders', order);
    expect(() => restoreTrashed(ws, 'refunds', refund)).toThrow(LinkRefusedError);
    expect(deletedAt(ws, 'refunds', refund)).not.toBeNull();
  });

  it('a product on an order is refused, with nothing written', () => {
    const { ws, customer } = setup();
    const product = insertRecord(ws, 'products', { name: 'Tea', active: true });
    insertRecord(ws, 'orders', { customerId: customer, lines: [{ id: 'l1', productId: product }] });
    const entries = activityLog(ws.doc).length;
    expect(() => trashRecord(ws, 'products', product)).toThrow(expect.objectContaining({ code: 'linked', linkedType: 'orders', count: 1 }));
    expect(deletedAt(ws, 'products', product)).toBeNull();
    expect(activityLog(ws.doc).length).toBe(entries);
  });

  it('says what a delete would take with it', () => {
    const { ws, order, customer } = setup();
    expect(trashCounts(ws, 'orders', order)).toEqual({ refunds: 2 });
    insertRecord(ws, 'contacts', { customerId: customer, name: '李' });
    expect(trashCounts(ws, 'customers', customer)).toEqual({ contacts: 1, orders: 1, refunds: 2 });
  });

  it('each record that goes with its parent gets its own "moved to Trash" history entry', () => {
    const { ws, order, refund, ret } = setup();
    const before = activityLog(ws.doc).length;
    trashRecord(ws, 'orders', order);
    const entries = activityLog(ws.doc).toArray().slice(before) as { recordId: string; kind: string }[];
    expect(entries.map((e) => [e.recordId, e.kind]).sort()).toEqual([order, refund, ret].map((id) => [id, 'delete']).sort());
  });
});

describe('customers: everything under the customer', () => {
  it('delete and restore take every record under it, bulk too', () => {
    const { ws, customer, order, refund } = setup();
    deleteCustomer(ws, customer);
    expect(deletedAt(ws, 'orders', order)).not.toBeNull();
    expect(deletedAt(ws, 'refunds', refund)).not.toBeNull();
    restoreCustomer(ws, customer);
    expect(deletedAt(ws, 'refunds', refund)).toBeNull();
    setCustomersDeleted(ws, [customer], true);
    expect(readRecordById(ws, 'refunds', refund)).toMatchObject({ trashedWith: customer });
    setCustomersDeleted(ws, [customer], false);
    expect(deletedAt(ws, 'refunds', refund)).toBeNull();
  });

  it('batches of one bulk delete share one reading of the links, and each customer takes its own records', () => {
    const { ws, customer, order, refund } = setup();
    const other = insertRecord(ws, 'customers', { kind: 'individual', name: '李娜' });
    const otherOrder = insertRecord(ws, 'orders', { customerId: other, lines: [] });
    const links = {};
    setCustomersDeleted(ws, [customer], true, links);
    setCustomersDeleted(ws, [other], true, links);
    expect(readRecordById(ws, 'refunds', refund)).toMatchObject({ trashedWith: customer });
    expect(readRecordById(ws, 'orders', order)).toMatchObject({ trashedWith: customer });
    expect(readRecordById(ws, 'orders', otherOrder)).toMatchObject({ trashedWith: other });
    const back = {};
    setCustomersDeleted(ws, [customer], false, back);
    setCustomersDeleted(ws, [other], false, back);
    for (const [name, id] of [['orders', order], ['refunds', refund], ['orders', otherOrder]] as const) expect(deletedAt(ws, name, id)).toBeNull();
  });

  it('delete forever removes what went to Trash with it', () => {
    const { ws, customer, order, refund } = setup();
    deleteCustomer(ws, customer);
    purgeCustomer(ws, customer);
    expect(readRecordById(ws, 'orders', order)).toBeUndefined();
    expect(readRecordById(ws, 'refunds', refund)).toBeUndefined();
  });
});

describe('concurrent: one device deletes an order while another adds a refund to it offline', () => {
  it('after sync the refund is in Trash with the order on both devices, nothing is lost, and restoring the order brings it back', async () => {
    const { effectiveTrash } = await import('../../../src/workspace/record-trash');
    const a = setup();
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.ws.doc));
    const b = new Workspace('ws-1', docB, 'member-bob', steppingClock());
    // Offline: A deletes the order (its two refunds go with it); B adds a third refund to it.
    trashRecord(a.ws, 'orders', a.order);
    const late = insertRecord(b, 'refunds', { customerId: a.customer, orderId: a.order, type: 'refund' });
    const sync = () => {
      Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.ws.doc, Y.encodeStateVector(docB)));
      Y.applyUpdate(a.ws.doc, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(a.ws.doc)));
    };
    sync();
    const orderDeletedAt = deletedAt(a.ws, 'orders', a.order);
    for (const ws of [a.ws, b]) {
      const refund = readRecordById(ws, 'refunds', late)!;
      // Kept in the document as written (not lost), shown in Trash with the order (not orphaned).
      expect(refund.deletedAt).toBeNull();
      expect(effectiveTrash(ws, 'refunds', refund)).toEqual({ deletedAt: orderDeletedAt, trashedWith: a.order });
    }
    restoreTrashed(a.ws, 'orders', a.order);
    sync();
    for (const ws of [a.ws, b]) {
      expect(effectiveTrash(ws, 'refunds', readRecordById(ws, 'refunds', late)!)).toBeNull();
      expect(deletedAt(ws, 'refunds', a.refund)).toBeNull();
    }
  });

  it('follows the links up: a task of an interaction with a contact of a customer in Trash', async () => {
    const { effectiveTrash } = await import('../../../src/workspace/record-trash');
    const { ws, customer } = setup();
    const contact = insertRecord(ws, 'contacts', { customerId: customer, name: '李' });
    const interaction = insertRecord(ws, 'interactions', { customerId: customer, contactId: contact });
    deleteCustomer(ws, customer);
    // Written as a peer would: live, under records in Trash.
    const task = insertRecord(ws, 'tasks', { customerId: null, interactionId: interaction, title: 'call back' });
    expect(effectiveTrash(ws, 'tasks', readRecordById(ws, 'tasks', task)!)).toEqual({ deletedAt: deletedAt(ws, 'customers', customer), trashedWith: customer });
  });
});

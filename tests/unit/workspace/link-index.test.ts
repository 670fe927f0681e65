import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Workspace } from '../../../src/workspace/workspace';
import { insertRecord, patchRecord, purgeRecord, readRecordById } from '../../../src/workspace/record-commands';
import { childFinder, restoreTrashed, trashRecord } from '../../../src/workspace/record-trash';
import { linkIndexOf } from '../../../src/workspace/link-index';
import { recordLinks } from '../../../src/domain/record-links';
import { steppingClock } from '../support/fixtures';
import { syncAll } from '../support/ydoc';

const link = (child: string, field: string) => recordLinks.find((l) => l.child === child && l.field === field)!;
const ids = (found: readonly { id: string }[]) => found.map((r) => r.id).sort();

function shop(doc = new Y.Doc(), member = 'member-alice') {
  const ws = new Workspace('ws-1', doc, member, steppingClock());
  const customer = insertRecord(ws, 'customers', { kind: 'person', name: '王建国' });
  const order = insertRecord(ws, 'orders', { customerId: customer, lines: [{ id: 'l1', productId: 'p1' }] });
  const refund = insertRecord(ws, 'refunds', { customerId: customer, orderId: order, type: 'refund' });
  return { ws, customer, order, refund };
}

afterEach(() => vi.restoreAllMocks());

describe('the link index', () => {
  it('finds what names a record as the document changes: a field moved, a record purged, a peer’s record', () => {
    const { ws, customer, order, refund } = shop();
    const find = childFinder(ws);
    expect(ids(find(link('orders', 'customerId'), customer))).toEqual([order]);
    const other = insertRecord(ws, 'customers', { kind: 'person', name: 'Li' });
    patchRecord(ws, 'refunds', refund, { customerId: other });
    expect(ids(find(link('refunds', 'customerId'), customer))).toEqual([]);
    expect(ids(find(link('refunds', 'customerId'), other))).toEqual([refund]);
    purgeRecord(ws, 'orders', order);
    expect(find(link('orders', 'customerId'), customer)).toEqual([]);

    const peer = new Workspace('ws-1', new Y.Doc(), 'member-bo', steppingClock());
    syncAll([ws.doc, peer.doc]);
    const theirs = insertRecord(peer, 'orders', { customerId: customer, lines: [{ id: 'l2', productId: 'p1' }] });
    syncAll([ws.doc, peer.doc]);
    expect(ids(find(link('orders', 'customerId'), customer))).toEqual([theirs]);
    expect(ids(find(link('orders', 'lines'), 'p1'))).toEqual([theirs]);
  });

  it('a record added in the transaction under way goes to Trash with its customer', () => {
    const { ws, customer } = shop();
    linkIndexOf(ws.doc).find('orders', 'customerId', customer);
    let added = '';
    ws.transact(() => {
      added = insertRecord(ws, 'orders', { customerId: customer, lines: [] });
      trashRecord(ws, 'customers', customer);
    });
    expect(readRecordById(ws, 'orders', added)).toMatchObject({ trashedWith: customer });
  });

  // Issue 21: each delete read every child collection whole (a pass over ~100k orders at 10k customers).
  it('once warm, a delete and a restore read no collection whole', async () => {
    const { ws, customer, order, refund } = shop();
    await linkIndexOf(ws.doc).warm(0.01);
    const entries = vi.spyOn(Y.Map.prototype, 'entries');
    const wholeCollections = () => entries.mock.contexts.filter((map) => (map as Y.Map<unknown>)._item === null).length;
    trashRecord(ws, 'customers', customer);
    expect(readRecordById(ws, 'refunds', refund)).toMatchObject({ trashedWith: customer });
    restoreTrashed(ws, 'customers', customer);
    expect(readRecordById(ws, 'orders', order)).toMatchObject({ deletedAt: null, trashedWith: null });
    expect(wholeCollections()).toBe(0);
  });

  it('a record changed while the first pass is under way is found as it is now', async () => {
    const { ws, customer } = shop();
    const other = insertRecord(ws, 'customers', { kind: 'person', name: 'Li' });
    ws.quiet = true;
    const orders = ws.transact(() => Array.from({ length: 1200 }, () => insertRecord(ws, 'orders', { customerId: customer, lines: [] })));
    ws.quiet = false;
    const index = linkIndexOf(ws.doc);
    const warming = index.warm(0.01);
    expect(index.built).toBe(false);
    patchRecord(ws, 'orders', orders[1100]!, { customerId: other });
    await warming;
    expect(index.find('orders', 'customerId', other).map(([id]) => id)).toEqual([orders[1100]]);
    expect(index.find('orders', 'customerId', customer)).toHaveLength(1200);
  });

  it('after more changes than a pass costs (a sample, a teammate’s workspace), it reads everything again and still finds each', async () => {
    const { ws, customer, order } = shop();
    const index = linkIndexOf(ws.doc);
    await index.warm(0.01);
    ws.quiet = true;
    const orders = ws.transact(() => Array.from({ length: 20_001 }, () => insertRecord(ws, 'orders', { customerId: customer, lines: [] })));
    ws.quiet = false;
    expect(index.built).toBe(false);
    expect(index.find('orders', 'customerId', customer).map(([id]) => id).sort()).toEqual([order, ...orders].sort());
  });
});


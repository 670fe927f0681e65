import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceSession } from '../../../src/app/session';
import { readRecordById } from '../../../src/workspace/record-commands';
import { customerToDraft, type CustomerDraft } from '../../../src/domain/customer';
import { emptyOrderDraft, emptyOrderLineDraft, orderToDraft } from '../../../src/domain/order';
import { todayCalendarDate } from '../../../src/domain/dates';
import type { OrderRow } from '../../../src/storage/read-db';
import { customerDraft } from '../support/fixtures';
import { openShopSession } from '../support/session';
import { StorageScope, firstValue } from '../support/storage';
import { pinDate } from '../support/pinned-date';

const scope = new StorageScope();
afterEach(() => scope.cleanup());
// Dates the test computes ("today") and the ones the session checks must be the same day.
pinDate();

async function openCustomerForm(session: WorkspaceSession, id: string): Promise<CustomerDraft> {
  await session.store.projection.idle();
  return customerToDraft((await firstValue(session.queries.customers.get(id)))!);
}

const withAddress = (draft: CustomerDraft, part: Partial<CustomerDraft['address']>): CustomerDraft => ({ ...draft, address: { ...draft.address, ...part } });

describe('a save from an edit form opened before another edit', () => {
  it('keeps the city set in one tab when the other saves only the street, and notes the city', async () => {
    const session = (await openShopSession(scope)).session;
    const created = await session.customers.create(customerDraft({ address: { street: 'Old Street 1', city: '', region: '', postalCode: '', country: 'CN' } }));
    if (!created.ok) throw new Error('create');
    const id = created.value;
    const tabA = await openCustomerForm(session, id);
    const tabB = await openCustomerForm(session, id);

    expect(await session.customers.update(id, withAddress(tabA, { city: 'Hangzhou' }), tabA)).toEqual({ ok: true, value: ['address'] });
    expect(await session.customers.update(id, withAddress(tabB, { street: 'New Street 2' }), tabB)).toEqual({ ok: true, value: ['address'] });

    const address = readRecordById(session.workspace, 'customers', id)!.address as CustomerDraft['address'];
    expect(address).toMatchObject({ street: 'New Street 2', city: 'Hangzhou' });
    const notes = await firstValue(session.conflicts(id));
    expect(notes).toEqual([
      expect.objectContaining({ source: 'form', formKept: 'theirs', field: 'address', path: ['city'], keptValue: 'Hangzhou', otherValue: '', keptBy: 'member-a' }),
    ]);
  });

  it('keeps the save’s value where both changed one leaf, and notes the value it replaced', async () => {
    const session = (await openShopSession(scope)).session;
    const created = await session.customers.create(customerDraft());
    if (!created.ok) throw new Error('create');
    const id = created.value;
    const tabA = await openCustomerForm(session, id);
    const tabB = await openCustomerForm(session, id);
    await session.customers.update(id, withAddress(tabA, { city: 'Hangzhou' }), tabA);
    await session.customers.update(id, withAddress(tabB, { city: 'Suzhou', street: 'Lake Road' }), tabB);
    expect(readRecordById(session.workspace, 'customers', id)!.address).toMatchObject({ city: 'Suzhou', street: 'Lake Road' });
    expect(await firstValue(session.conflicts(id))).toEqual([expect.objectContaining({ formKept: 'mine', path: ['city'], keptValue: 'Suzhou', otherValue: 'Hangzhou' })]);
  });

  it('a form opened after the other edit saves without a note', async () => {
    const session = (await openShopSession(scope)).session;
    const created = await session.customers.create(customerDraft());
    if (!created.ok) throw new Error('create');
    const id = created.value;
    const first = await openCustomerForm(session, id);
    await session.customers.update(id, withAddress(first, { city: 'Hangzhou' }), first);
    const second = await openCustomerForm(session, id);
    await session.customers.update(id, withAddress(second, { street: 'Lake Road' }), second);
    expect(readRecordById(session.workspace, 'customers', id)!.address).toMatchObject({ city: 'Hangzhou', street: 'Lake Road' });
    expect(await firstValue(session.conflicts(id))).toEqual([]);
  });

  it('an order edited in two forms keeps both changes (notes in one, a line’s quantity in the other); the note shows on the customer’s page', async () => {
    const session = (await openShopSession(scope)).session;
    const created = await session.customers.create(customerDraft());
    if (!created.ok) throw new Error('create');
    const customerId = created.value;
    let n = 0;
    const draft = { ...emptyOrderDraft(todayCalendarDate(), 'CNY', () => `l${++n}`), lines: [{ ...emptyOrderLineDraft('l1'), description: 'Tea', quantity: '2', unitPrice: '10' }] };
    const order = await session.orders.create(customerId, draft);
    if (!order.ok) throw new Error('order');
    await session.store.projection.idle();
    const row = (await firstValue(session.queries.orders.get(order.value))) as OrderRow;
    const formA = orderToDraft(row);
    const formB = orderToDraft(row);
    await session.orders.update(order.value, { ...formA, notes: 'Gift wrap' }, formA);
    await session.orders.update(order.value, { ...formB, lines: [{ ...formB.lines[0]!, quantity: '3' }] }, formB);
    const saved = readRecordById(session.workspace, 'orders', order.value)!;
    expect(saved.notes).toBe('Gift wrap');
    expect((saved.lines as { quantity: number }[])[0]!.quantity).toBe(3);
    expect(await firstValue(session.conflicts(customerId))).toEqual([
      expect.objectContaining({ source: 'form', collection: 'orders', subjectId: order.value, field: 'notes', keptValue: 'Gift wrap' }),
    ]);
  });
});

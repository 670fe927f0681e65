import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceSession } from '../../../src/app/session';
import { emptyOrderDraft, emptyOrderLineDraft } from '../../../src/domain/order';
import { emptyRefundDraft, refundToDraft, type Refund } from '../../../src/domain/refund';
import { todayCalendarDate } from '../../../src/domain/dates';
import { ErrorCode } from '../../../src/domain/error-codes';
import { customerDraft } from '../support/fixtures';
import { StorageScope, firstValue } from '../support/storage';
import { pinDate } from '../support/pinned-date';
import { openShopSession } from '../support/session';

const scope = new StorageScope();
afterEach(() => scope.cleanup());
pinDate();

const openSession = async () => (await openShopSession(scope)).session;

const today = () => todayCalendarDate();

/** A customer with a paid order of 100 and a refund of 60 on it. */
async function refundOf60(session: WorkspaceSession) {
  const customer = await session.customers.create(customerDraft({ name: '王建国' }));
  if (!customer.ok) throw new Error('customer');
  const order = await session.orders.create(customer.value, {
    ...emptyOrderDraft(today(), 'CNY', () => 'l0'),
    status: 'paid',
    lines: [{ ...emptyOrderLineDraft('l1'), description: 'Tea', quantity: '1', unitPrice: '100' }],
  });
  if (!order.ok) throw new Error('order');
  const draft = { ...emptyRefundDraft(today(), 7), reason: 'defect' as const, amount: '60' };
  const refund = await session.refunds.request(order.value, draft);
  if (!refund.ok) throw new Error(JSON.stringify(refund.errors));
  return { customerId: customer.value, orderId: order.value, id: refund.value, draft };
}

async function refundNow(session: WorkspaceSession, orderId: string, id: string): Promise<Refund> {
  const refund = (await session.refunds.ofOrder(orderId)).find((r) => r.id === id);
  if (!refund) throw new Error('refund gone');
  return refund;
}

describe('editing a refund', () => {
  it('changes amount, reason and method; its own amount does not count twice; History shows each change', async () => {
    const session = await openSession();
    const { customerId, orderId, id, draft } = await refundOf60(session);
    // 100 is the whole order: allowed only because the refund's own 60 is not counted again.
    expect(await session.refunds.update(id, { ...draft, amount: '100.01' }, draft)).toEqual({ ok: false, errors: { amount: ErrorCode.refundTooLarge } });
    expect(await session.refunds.update(id, { ...draft, amount: '100', reason: 'wrong_item', method: 'cash' }, draft)).toEqual({ ok: true, value: id });

    expect(await refundNow(session, orderId, id)).toMatchObject({ amount: 10000, reason: 'wrong_item', method: 'cash' });
    await session.store.projection.idle();
    const history = (await firstValue(session.queries.activity.list({ customerId }, 50))).filter((e) => e.recordId === id && e.kind === 'update');
    expect(history.map((e) => [e.field, e.old, e.new]).sort()).toEqual([
      ['amount', 6000, 10000],
      ['method', 'original', 'cash'],
      ['reason', 'defect', 'wrong_item'],
    ]);
  });

  it('a completed refund keeps its amount, items and kind; its reason and method still change', async () => {
    const session = await openSession();
    const { orderId, id } = await refundOf60(session);
    await session.refunds.step(id, 'approved');
    await session.refunds.step(id, 'completed');
    const draft = refundToDraft(await refundNow(session, orderId, id));
    expect(await session.refunds.update(id, { ...draft, amount: '50' }, draft)).toEqual({ ok: false, errors: { amount: ErrorCode.refundLocked } });
    expect(await session.refunds.update(id, { ...draft, type: 'exchange' }, draft)).toEqual({ ok: false, errors: { type: ErrorCode.refundLocked } });
    expect((await session.refunds.update(id, { ...draft, reasonText: 'Cracked lid', method: 'alipay' }, draft)).ok).toBe(true);
    expect(await refundNow(session, orderId, id)).toMatchObject({ amount: 6000, type: 'refund', reasonText: 'Cracked lid', method: 'alipay' });
  });

  it('keeps a teammate\'s change made while the form was open', async () => {
    const session = await openSession();
    const { orderId, id, draft } = await refundOf60(session);
    // Another tab changes the method; this form, opened before, changes only the reason.
    expect((await session.refunds.update(id, { ...draft, method: 'cash' }, draft)).ok).toBe(true);
    expect((await session.refunds.update(id, { ...draft, reason: 'late_delivery' }, draft)).ok).toBe(true);
    expect(await refundNow(session, orderId, id)).toMatchObject({ method: 'cash', reason: 'late_delivery', amount: 6000 });
  });

  it('refuses an edit of a refund in Trash', async () => {
    const session = await openSession();
    const { id, draft } = await refundOf60(session);
    await session.refunds.remove(id);
    expect(await session.refunds.update(id, { ...draft, amount: '10' }, draft)).toEqual({ ok: false, errors: { '': ErrorCode.invalid } });
  });
});

describe('editing a custom field definition', () => {
  it('changes the label and the choices, keeps the values customers have, and refuses a type change', async () => {
    const session = await openSession();
    const field = await session.customFields.create({ label: 'Tier', type: 'choice', options: ['Gold', 'Silver'] });
    if (!field.ok) throw new Error('field');
    const customer = await session.customers.create(customerDraft({ custom: { [field.value]: 'Silver' } }));
    if (!customer.ok) throw new Error(JSON.stringify(customer.errors));

    expect(await session.customFields.update(field.value, { label: 'Tier', type: 'text', options: [] })).toEqual({ ok: false, errors: { type: ErrorCode.customFieldTypeFixed } });
    expect(await session.customFields.update(field.value, { label: ' ', type: 'choice', options: ['Gold'] })).toEqual({ ok: false, errors: { label: ErrorCode.required } });
    expect(await session.customFields.update(field.value, { label: '会员等级', type: 'choice', options: ['Gold', 'Platinum'] })).toEqual({ ok: true, value: field.value });

    await session.store.projection.idle();
    expect(await firstValue(session.queries.customFields())).toMatchObject([{ id: field.value, label: '会员等级', type: 'choice', options: ['Gold', 'Platinum'] }]);
    // A choice taken away is not erased from the customers who have it.
    const row = await firstValue(session.queries.customers.get(customer.value));
    expect(row?.custom).toEqual({ [field.value]: 'Silver' });
    // New values are checked against the new choices.
    expect((await session.customers.create(customerDraft({ custom: { [field.value]: 'Platinum' } }))).ok).toBe(true);
    expect((await session.customers.create(customerDraft({ custom: { [field.value]: 'Silver' } }))).ok).toBe(false);
  });

  it('refuses an edit of a removed field', async () => {
    const session = await openSession();
    const field = await session.customFields.create({ label: 'Points', type: 'number', options: [] });
    if (!field.ok) throw new Error('field');
    await session.customFields.remove(field.value);
    expect(await session.customFields.update(field.value, { label: 'Score', type: 'number', options: [] })).toEqual({ ok: false, errors: { '': ErrorCode.invalid } });
  });
});

describe('a custom field choice taken away (issue 21)', () => {
  it('a customer holding it saves unchanged and keeps it; a new value must be a current choice', async () => {
    const session = await openSession();
    const field = await session.customFields.create({ label: 'Tier', type: 'choice', options: ['gold', 'bronze', 'copper'] });
    if (!field.ok) throw new Error('field');
    const created = await session.customers.create(customerDraft({ name: '王建国', custom: { [field.value]: 'bronze' } }));
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    expect(await session.customFields.update(field.value, { label: 'Tier', type: 'choice', options: ['gold', 'silver'] })).toEqual({ ok: true, value: field.value });

    const original = customerDraft({ name: '王建国', custom: { [field.value]: 'bronze' } });
    // Saved with another field changed and the removed choice untouched: accepted, the choice kept.
    expect(await session.customers.update(created.value, { ...original, notes: 'called' }, original)).toMatchObject({ ok: true });
    await session.store.projection.idle();
    const customer = await firstValue(session.queries.customers.get(created.value));
    expect(customer?.custom[field.value]).toBe('bronze');
    expect(customer?.notes).toBe('called');
    // A value that was never a choice, or one removed that this customer did not hold, is refused.
    for (const value of ['platinum', 'copper']) {
      expect(await session.customers.update(created.value, { ...original, custom: { [field.value]: value } }, original)).toEqual({
        ok: false,
        errors: { [`custom.${field.value}`]: ErrorCode.choiceInvalid },
      });
    }
    expect(await session.customers.update(created.value, { ...original, custom: { [field.value]: 'silver' } }, original)).toMatchObject({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import {
  emptyRefundDraft,
  isRefundOverdue,
  orderBelowRefunds,
  refundableRemaining,
  refundChoices,
  refundDraftContext,
  refundDraftSchema,
  refundSchema,
  refundState,
  refundStatus,
  refundToDraft,
  type Refund,
  type RefundDraft,
  type RefundDraftContext,
  type RefundStatus,
} from '../../../src/domain/refund';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { stepKey, stepValue } from '../../../src/domain/status-steps';
import type { Order } from '../../../src/domain/order';
import { meta } from '../support/fixtures';
import { line, order, refund, refundIn, step } from './crm-fixtures';

describe('refundSchema (records read from the document)', () => {
  it('accepts a minimal refund and fills the defaults', () => {
    expect(refundSchema.parse({ ...meta(), customerId: 'c1', orderId: 'o1', type: 'return', amount: 0, currency: 'CNY' })).toEqual({
      ...meta(),
      customerId: 'c1',
      orderId: 'o1',
      lineIds: [],
      type: 'return',
      reason: 'other',
      reasonText: '',
      amount: 0,
      currency: 'CNY',
      method: 'original',
      dueDate: null,
    });
  });

  it('keeps its status steps and unknown fields', () => {
    const record = { ...refund({}, [step('s1', 'approved', null)]), courier: 'SF' };
    const parsed = refundSchema.parse(record);
    expect(parsed).toEqual(record);
    expect(refundStatus(parsed)).toBe('approved');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no order', { orderId: undefined }],
    ['an unknown type', { type: 'chargeback' }],
    ['a fractional amount', { amount: 10.5 }],
    ['a negative amount', { amount: -1 }],
    ['an impossible due date', { dueDate: '2026-02-30' }],
    ['no currency', { currency: undefined }],
  ])('rejects a refund with %s', (_, patch) => {
    expect(refundSchema.safeParse({ ...refund(), ...patch }).success).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string, unknown]>([
    ['an unknown reason', { reason: 'bored' }, 'reason', 'other'],
    ['an unknown method', { method: 'paypal' }, 'method', 'original'],
  ])('reads %s as a safe value', (_, patch, field, expected) => {
    expect(refundSchema.parse({ ...refund(), ...patch })[field]).toBe(expected);
  });
});

describe('refund status', () => {
  it('is requested until someone decides, each step stamped with who and when', () => {
    expect(refundStatus(refund())).toBe('requested');
    const state = refundState(refund({}, [step('a', 'approved', null, '2026-03-02T01:00:00.000Z', 'member-b')]));
    expect(state.status).toBe('approved');
    expect(state.history).toEqual([{ id: 'a', status: 'approved', by: 'member-b', at: '2026-03-02T01:00:00.000Z', after: null, note: '', applied: true }]);
  });

  it('concurrent approval and rejection on two devices end in one status with both steps in the history', () => {
    const a = step('a', 'approved', null, '2026-03-02T01:00:00.000Z', 'member-a');
    const b = step('b', 'rejected', null, '2026-03-02T01:00:05.000Z', 'member-b');
    // Two replicas that received the steps in opposite orders hold the same keys.
    const replica1 = { ...refund(), [stepKey('a')]: stepValue(a), [stepKey('b')]: stepValue(b) };
    const replica2 = { ...refund(), [stepKey('b')]: stepValue(b), [stepKey('a')]: stepValue(a) };
    expect(refundState(replica1)).toEqual(refundState(replica2));
    expect(refundState(replica1).status).toBe('approved');
    expect(refundState(replica1).history.map((s) => [s.id, s.applied])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it.each<[string, RefundStatus, string | null, boolean]>([
    ['requested, past due', 'requested', '2026-06-14', true],
    ['approved, past due', 'approved', '2026-06-01', true],
    ['requested, due today', 'requested', '2026-06-15', false],
    ['requested, due later', 'requested', '2026-06-20', false],
    ['completed, past due', 'completed', '2026-06-01', false],
    ['rejected, past due', 'rejected', '2026-06-01', false],
    ['requested, no due date', 'requested', null, false],
  ])('isRefundOverdue: %s -> %s', (_, status, dueDate, expected) => {
    expect(isRefundOverdue(refundIn(status, { dueDate }), '2026-06-15')).toBe(expected);
  });

  it('a refund in Trash is not overdue', () => {
    expect(isRefundOverdue(refundIn('requested', { dueDate: '2026-01-01', deletedAt: '2026-03-01T00:00:00.000Z' }), '2026-06-15')).toBe(false);
  });
});

describe('refundableRemaining', () => {
  const o = order({ lines: [line({ quantity: 2, unitPrice: 5000 })], discount: 1000 }); // total 90.00
  it.each<[string, Refund[], number]>([
    ['no refunds: the whole total', [], 9000],
    ['a requested refund is promised money', [refundIn('requested', { amount: 3000 })], 6000],
    ['approved and completed count', [refundIn('approved', { id: 'r1', amount: 1000 }), refundIn('completed', { id: 'r2', amount: 2000 })], 6000],
    ['a rejected refund does not count', [refundIn('rejected', { amount: 3000 })], 9000],
    ['a refund in Trash does not count', [refundIn('requested', { amount: 3000, deletedAt: '2026-03-05T00:00:00.000Z' })], 9000],
    ['refunds of another order do not count', [refundIn('requested', { amount: 3000, orderId: 'o2' })], 9000],
    ['fully refunded', [refundIn('completed', { amount: 9000 })], 0],
    ['never below zero', [refundIn('completed', { id: 'r1', amount: 9000 }), refundIn('requested', { id: 'r2', amount: 500 })], 0],
  ])('%s', (_, refunds, expected) => {
    expect(refundableRemaining(o, refunds)).toBe(expected);
  });

  it('leaves out the refund being edited', () => {
    expect(refundableRemaining(o, [refundIn('requested', { id: 'r1', amount: 3000 }), refundIn('requested', { id: 'r2', amount: 1000 })], 'r1')).toBe(8000);
  });

  it.each(['cancelled', 'pending'] as const)('a %s order has nothing to refund', (status) => {
    expect(refundableRemaining({ ...o, status }, [])).toBe(0);
  });
  it.each(['paid', 'shipped', 'completed'] as const)('a %s order can be refunded', (status) => {
    expect(refundableRemaining({ ...o, status }, [])).toBe(9000);
  });
});

describe('refundChoices (the orders the refund form offers)', () => {
  const o = (id: string, orderedOn: string, status: Order['status'], unitPrice = 1000) => order({ id, orderedOn, status, lines: [line({ quantity: 1, unitPrice })] });
  const ids = (x: { id: string }[]) => x.map((y) => y.id);
  it.each<[string, Order[], Refund[], string[], string | undefined]>([
    ['no orders', [], [], [], undefined],
    ['only an unpaid order: nothing to offer', [o('o1', '2026-06-01', 'pending')], [], [], undefined],
    // The issue: a newer pending order was the default, the paid one is.
    ['the newest paid order, not a newer unpaid one', [o('o1', '2026-06-01', 'paid'), o('o2', '2026-06-10', 'pending'), o('o3', '2026-05-01', 'completed')], [], ['o1', 'o3'], 'o1'],
    ['shipped and completed are paid, cancelled is not', [o('o1', '2026-06-01', 'shipped'), o('o2', '2026-06-10', 'cancelled')], [], ['o1'], 'o1'],
    ['the newest with something left to refund', [o('o1', '2026-06-10', 'paid'), o('o2', '2026-06-01', 'paid')], [refundIn('completed', { orderId: 'o1', amount: 1000 })], ['o1', 'o2'], 'o2'],
    ['all refunded: the newest paid', [o('o1', '2026-06-10', 'paid')], [refundIn('completed', { orderId: 'o1', amount: 1000 })], ['o1'], 'o1'],
    ['the same day: the later id first', [o('a', '2026-06-10', 'paid'), o('b', '2026-06-10', 'paid')], [], ['b', 'a'], 'b'],
  ])('%s', (_, orders, refunds, offered, preferred) => {
    const choices = refundChoices(orders, refunds);
    expect(ids(choices.orders)).toEqual(offered);
    expect(choices.preferred?.id).toBe(preferred);
  });
});

describe('orderBelowRefunds (the refund floor of an order edit)', () => {
  const o = order({ lines: [line({ quantity: 2, unitPrice: 5000 })], discount: 0 }); // total 100.00
  const promised = [refundIn('requested', { id: 'r1', amount: 6000 })];
  it.each<[string, Refund[], { lines: ReturnType<typeof line>[]; discount: number }, 'discount' | 'lines' | null]>([
    ['no refunds: any total goes', [], { lines: [line({ quantity: 1, unitPrice: 100 })], discount: 0 }, null],
    ['exactly the refunds is allowed', promised, { lines: [line({ quantity: 1, unitPrice: 6000 })], discount: 0 }, null],
    ['the discount takes it below: blame the discount', promised, { lines: o.lines, discount: 5000 }, 'discount'],
    ['the items alone are below: blame the lines', promised, { lines: [line({ quantity: 1, unitPrice: 5000 })], discount: 0 }, 'lines'],
    ['a rejected refund does not hold the floor', [refundIn('rejected', { amount: 6000 })], { lines: [line({ quantity: 1, unitPrice: 100 })], discount: 0 }, null],
  ])('%s', (_, refunds, edited, expected) => {
    expect(orderBelowRefunds(o.id, edited, refunds)).toBe(expected);
  });
});

describe('refundDraftSchema (what the form submits)', () => {
  const o = order({ lines: [line({ id: 'l1', quantity: 2, unitPrice: 5000 }), line({ id: 'l2', quantity: 1, unitPrice: 2000 })] }); // total 120.00
  const ctx = refundDraftContext(o, [refundIn('completed', { amount: 2000 })]); // 100.00 left
  const draft = (overrides: Partial<RefundDraft> = {}): RefundDraft => ({ ...emptyRefundDraft('2026-06-15', 7), amount: '50', ...overrides });
  const parse = (d: RefundDraft, c: RefundDraftContext = ctx) => parseWith(refundDraftSchema(c), d);

  it('builds its context from the order and its refunds', () => {
    expect(ctx).toEqual({ currency: 'CNY', remaining: 10000, refundable: true, lineIds: ['l1', 'l2'] });
  });

  it('parses the amount in the order currency and sets the due date from the settings', () => {
    expect(parse(draft({ amount: '¥99.5', lineIds: ['l2', 'l2'], reasonText: ' 盒子破损 ' }))).toEqual({
      ok: true,
      value: { type: 'refund', reason: 'defect', reasonText: '盒子破损', amount: 9950, currency: 'CNY', method: 'original', lineIds: ['l2'], dueDate: '2026-06-22' },
    });
  });

  it.each<[string, string, boolean]>([
    ['exactly what is left', '100', true],
    ['one fen more than what is left', '100.01', false],
    ['much more', '1,000', false],
  ])('a refund of %s', (_, amount, ok) => {
    const result = parse(draft({ amount }));
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.errors).toEqual({ amount: ErrorCode.refundTooLarge });
  });

  it.each<[string, Partial<RefundDraft>, string, string]>([
    ['a refund of nothing', { amount: '0' }, 'amount', ErrorCode.amountPositive],
    ['a refund without amount', { amount: '' }, 'amount', ErrorCode.amountPositive],
    ['an amount that is not money', { amount: 'half' }, 'amount', ErrorCode.amountInvalid],
    ['fractions of a fen', { amount: '1.005' }, 'amount', ErrorCode.amountDecimals],
    ['a line that is not on the order', { lineIds: ['l9'] }, 'lineIds.0', ErrorCode.lineNotOnOrder],
    ['no due date', { dueDate: '' }, 'dueDate', ErrorCode.required],
    ['an impossible due date', { dueDate: '2026-13-01' }, 'dueDate', ErrorCode.dateInvalid],
    ['an unknown type', { type: 'swap' as never }, 'type', ErrorCode.choiceInvalid],
    ['an unknown reason', { reason: 'bored' as never }, 'reason', ErrorCode.choiceInvalid],
    ['an unknown method', { method: 'paypal' as never }, 'method', ErrorCode.choiceInvalid],
    ['a text over 2,000 characters', { reasonText: 'x'.repeat(2001) }, 'reasonText', ErrorCode.tooLong],
  ])('rejects %s', (_, patch, field, code) => {
    const result = parse(draft(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(code);
  });

  it.each(['return', 'exchange'] as const)('a %s may have no amount', (type) => {
    const result = parse(draft({ type, amount: '' }));
    expect(result.ok && result.value.amount).toBe(0);
  });

  it('an exchange above what is left is refused too', () => {
    expect(parse(draft({ type: 'exchange', amount: '100.01' }))).toEqual({ ok: false, errors: { amount: ErrorCode.refundTooLarge } });
  });

  it.each(['cancelled', 'pending'] as const)('nothing can be refunded on a %s order', (status) => {
    const notPaid = refundDraftContext(order({ status }), []);
    expect(notPaid.remaining).toBe(0);
    expect(parse(draft(), notPaid)).toEqual({ ok: false, errors: { '': ErrorCode.orderNotRefundable } });
  });

  it('parses yen without decimals', () => {
    const yen = refundDraftContext(order({ currency: 'JPY', lines: [line({ quantity: 1, unitPrice: 1500 })] }), []);
    expect(parse(draft({ amount: '1,500' }), yen)).toMatchObject({ ok: true, value: { amount: 1500, currency: 'JPY' } });
    expect(parse(draft({ amount: '1,500.5' }), yen)).toEqual({ ok: false, errors: { amount: ErrorCode.amountDecimals } });
  });

  it('editing a refund: its own amount is available again', () => {
    const existing = refundIn('requested', { id: 'r5', amount: 10000 });
    const editing = refundDraftContext(o, [refundIn('completed', { amount: 2000 }), existing], 'r5');
    expect(parse(refundToDraft(existing), editing)).toEqual({
      ok: true,
      value: { type: 'refund', reason: 'defect', reasonText: '', amount: 10000, currency: 'CNY', method: 'original', lineIds: [], dueDate: '2026-03-08' },
    });
  });
});

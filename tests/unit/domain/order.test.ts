import { describe, expect, it } from 'vitest';
import {
  emptyOrderDraft,
  lineTotal,
  orderDraftSchema,
  orderSchema,
  orderSubtotal,
  orderToDraft,
  orderTotal,
  orderCountsAsSpent,
  orderPayment,
  type OrderPayment,
  type OrderStatus,
  type OrderDraft,
  type OrderLine,
  type OrderLineDraft,
} from '../../../src/domain/order';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';
import { line, order } from './crm-fixtures';

describe('orderSchema (records read from the document)', () => {
  it('accepts a minimal order and fills the defaults', () => {
    expect(orderSchema.parse({ ...meta(), customerId: 'c1', orderedOn: '2026-03-01', currency: 'CNY' })).toEqual({
      ...meta(),
      customerId: 'c1',
      orderedOn: '2026-03-01',
      lines: [],
      discount: 0,
      currency: 'CNY',
      channel: 'other',
      paymentMethod: null,
      status: 'pending',
      notes: '',
    });
  });

  it('accepts a full order unchanged and keeps unknown fields (on the order and its lines)', () => {
    const record = { ...order({ lines: [{ ...line(), sku: 'T-1' } as OrderLine] }), invoiceNo: 'F-1' };
    expect(orderSchema.parse(record)).toEqual(record);
  });

  it.each<[string, Record<string, unknown>, string, unknown]>([
    ['an unknown channel', { channel: 'tv' }, 'channel', 'other'],
    ['an unknown payment method', { paymentMethod: 'cheque' }, 'paymentMethod', null],
    ['an unknown status', { status: 'lost' }, 'status', 'pending'],
  ])('reads %s as a safe value', (_, patch, field, expected) => {
    expect(orderSchema.parse({ ...order(), ...patch })[field]).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no customer', { customerId: undefined }],
    ['an impossible date', { orderedOn: '2026-02-30' }],
    ['a price with a fraction of a fen', { lines: [line({ unitPrice: 12.5 })] }],
    ['a negative price', { lines: [line({ unitPrice: -1 })] }],
    ['a fractional quantity', { lines: [line({ quantity: 1.5 })] }],
    ['a zero quantity', { lines: [line({ quantity: 0 })] }],
    ['a line without description', { lines: [line({ description: ' ' })] }],
    ['a negative discount', { discount: -100 }],
    ['a lower-case currency', { currency: 'cny' }],
    ['no currency', { currency: undefined }],
    ['an amount as a string', { discount: '10' }],
  ])('rejects an order with %s', (_, patch) => {
    expect(orderSchema.safeParse({ ...order(), ...patch }).success).toBe(false);
  });
});

describe('order totals in minor units', () => {
  it.each<[string, OrderLine[], number, number, number]>([
    ['one line', [line({ quantity: 2, unitPrice: 4550 })], 0, 9100, 9100],
    ['two lines and a discount', [line({ quantity: 3, unitPrice: 1999 }), line({ id: 'l2', quantity: 1, unitPrice: 1 })], 500, 5998, 5498],
    ['no lines', [], 0, 0, 0],
    ['a discount larger than the lines: never negative', [line({ quantity: 1, unitPrice: 1000 })], 1500, 1000, 0],
    ['a free item', [line({ quantity: 5, unitPrice: 0 })], 0, 0, 0],
    ['cents that floats would get wrong (0.1 + 0.2)', [line({ quantity: 1, unitPrice: 10 }), line({ id: 'l2', quantity: 1, unitPrice: 20 })], 0, 30, 30],
    ['large amounts stay exact', [line({ quantity: 100_000, unitPrice: 99_999_999 })], 1, 9_999_999_900_000, 9_999_999_899_999],
  ])('%s', (_, lines, discount, subtotal, total) => {
    expect(orderSubtotal({ lines })).toBe(subtotal);
    expect(orderTotal({ lines, discount })).toBe(total);
    expect(Number.isInteger(orderTotal({ lines, discount }))).toBe(true);
  });

  it('a line total is quantity × unit price', () => {
    expect(lineTotal({ quantity: 7, unitPrice: 333 })).toBe(2331);
  });
});

describe('orderDraftSchema (what the form submits)', () => {
  const today = '2026-06-15';
  const parse = (draft: OrderDraft) => parseWith(orderDraftSchema({ today }), draft);
  const draftLine = (overrides: Partial<OrderLineDraft> = {}): OrderLineDraft => ({ id: 'l1', productId: '', description: '绿茶 250g', quantity: '2', unitPrice: '45.50', ...overrides });
  const draft = (overrides: Partial<OrderDraft> = {}): OrderDraft => ({ ...emptyOrderDraft(today, 'CNY', () => 'l1'), lines: [draftLine()], ...overrides });

  it('parses typed amounts into minor units and drops blank lines', () => {
    const result = parse(
      draft({
        lines: [draftLine({ productId: 'p1', description: '  绿茶   250g ', unitPrice: '¥45.5' }), draftLine({ id: 'l2', description: '', unitPrice: '', quantity: '1' }), draftLine({ id: 'l3', description: '茶具', quantity: '1', unitPrice: '1,280' })],
        discount: '10',
        paymentMethod: 'alipay',
        channel: 'wechat',
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        orderedOn: today,
        lines: [
          { id: 'l1', productId: 'p1', description: '绿茶 250g', quantity: 2, unitPrice: 4550 },
          { id: 'l3', productId: null, description: '茶具', quantity: 1, unitPrice: 128000 },
        ],
        discount: 1000,
        currency: 'CNY',
        channel: 'wechat',
        paymentMethod: 'alipay',
        status: 'pending',
        notes: '',
      },
    });
  });

  it('parses prices in the currency of the order (yen have no decimals)', () => {
    const result = parse(draft({ currency: 'jpy', lines: [draftLine({ unitPrice: '1,500' })] }));
    expect(result.ok && [result.value.currency, result.value.lines[0]?.unitPrice]).toEqual(['JPY', 1500]);
  });

  it.each<[string, Partial<OrderDraft>, string, string]>([
    ['no lines at all', { lines: [] }, 'lines', ErrorCode.linesRequired],
    ['only blank lines', { lines: [draftLine({ description: '', unitPrice: '' })] }, 'lines', ErrorCode.linesRequired],
    ['a line without description', { lines: [draftLine({ description: ' ' })] }, 'lines.0.description', ErrorCode.required],
    ['a fractional quantity', { lines: [draftLine({ quantity: '1.5' })] }, 'lines.0.quantity', ErrorCode.quantityInvalid],
    ['a zero quantity', { lines: [draftLine({ quantity: '0' })] }, 'lines.0.quantity', ErrorCode.quantityInvalid],
    ['a quantity over 100,000', { lines: [draftLine({ quantity: '100001' })] }, 'lines.0.quantity', ErrorCode.quantityInvalid],
    ['a price that is not money', { lines: [draftLine({ unitPrice: 'free' })] }, 'lines.0.unitPrice', ErrorCode.amountInvalid],
    ['a missing price', { lines: [draftLine({ unitPrice: '' })] }, 'lines.0.unitPrice', ErrorCode.required],
    ['a price with fractions of a fen', { lines: [draftLine({ unitPrice: '4.555' })] }, 'lines.0.unitPrice', ErrorCode.amountDecimals],
    ['a yen price with decimals', { currency: 'JPY', lines: [draftLine({ unitPrice: '4.5' })] }, 'lines.0.unitPrice', ErrorCode.amountDecimals],
    ['a line total too large', { lines: [draftLine({ quantity: '100000', unitPrice: '100,000,000,000' })] }, 'lines.0.unitPrice', ErrorCode.amountTooLarge],
    ['a discount above the items', { discount: '91.01' }, 'discount', ErrorCode.discountTooLarge],
    ['a discount that is not money', { discount: '10%' }, 'discount', ErrorCode.amountInvalid],
    ['an unknown currency', { currency: 'ABC' }, 'currency', ErrorCode.currencyInvalid],
    ['a date in the future', { orderedOn: '2026-06-16' }, 'orderedOn', ErrorCode.dateInFuture],
    ['an impossible date', { orderedOn: '2026-02-30' }, 'orderedOn', ErrorCode.dateInvalid],
    ['an unknown channel', { channel: 'tv' as never }, 'channel', ErrorCode.choiceInvalid],
    ['an unknown payment method', { paymentMethod: 'cheque' as never }, 'paymentMethod', ErrorCode.choiceInvalid],
    ['an unknown status', { status: 'lost' as never }, 'status', ErrorCode.choiceInvalid],
  ])('rejects %s', (_, patch, field, code) => {
    const result = parse(draft(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(code);
  });

  it('a discount is not compared with items whose price is still wrong', () => {
    expect(parse(draft({ discount: '50', lines: [draftLine({ unitPrice: 'x' })] }))).toEqual({ ok: false, errors: { 'lines.0.unitPrice': ErrorCode.amountInvalid } });
  });

  it('a discount equal to the items is allowed (a gift)', () => {
    const result = parse(draft({ discount: '91' }));
    expect(result.ok && orderTotal(result.value)).toBe(0);
  });

  it('reports a price problem together with a problem of another field', () => {
    const result = parse(draft({ orderedOn: 'soon', lines: [draftLine({ unitPrice: 'x' })] }));
    expect(result).toEqual({ ok: false, errors: { orderedOn: ErrorCode.dateInvalid, 'lines.0.unitPrice': ErrorCode.amountInvalid } });
  });

  it('an empty draft fails only on its lines', () => {
    expect(parse(emptyOrderDraft(today, 'CNY', () => 'l1'))).toEqual({ ok: false, errors: { lines: ErrorCode.linesRequired } });
  });

  it.each([
    ['CNY', order()],
    ['JPY', order({ currency: 'JPY', lines: [line({ unitPrice: 1500 })], discount: 100 })],
    ['CNY with a discount and two lines', order({ lines: [line(), line({ id: 'l2', productId: 'p2', unitPrice: 5 })], discount: 5, paymentMethod: null })],
  ])('a stored order round-trips through the form unchanged: %s', (_, o) => {
    const { customerId: _c, id: _i, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, deletedAt: _d, ...fields } = o;
    expect(parseWith(orderDraftSchema({ today: '2026-06-15' }), orderToDraft(fields))).toEqual({ ok: true, value: fields });
  });
});

describe('order payment', () => {
  it.each<[OrderStatus, OrderPayment, boolean]>([
    ['pending', 'pending', false],
    ['paid', 'paid', true],
    ['shipped', 'paid', true],
    ['completed', 'paid', true],
    ['cancelled', 'cancelled', false],
  ])('%s is %s; counts as spent: %s', (status, payment, spent) => {
    expect(orderPayment(status)).toBe(payment);
    expect(orderCountsAsSpent({ status })).toBe(spent);
  });

  it('a status from a newer app is not taken for paid', () => {
    expect(orderPayment('refunded' as OrderStatus)).toBe('pending');
    expect(orderCountsAsSpent({ status: 'refunded' as OrderStatus })).toBe(false);
  });
});

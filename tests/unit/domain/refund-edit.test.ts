import { describe, expect, it } from 'vitest';
import { refundDraftSchema, refundEditContext, refundEditErrors, refundToDraft, type RefundStatus } from '../../../src/domain/refund';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { line, order, refundIn } from './crm-fixtures';

const edits = {
  amount: { amount: 500 },
  lineIds: { lineIds: ['l1'] },
  type: { type: 'return' },
  reason: { reason: 'other' },
  reasonText: { reasonText: 'typo fixed' },
  method: { method: 'cash' },
  dueDate: { dueDate: '2026-04-01' },
} as const;

describe('refundEditErrors: what an edit may change in each status', () => {
  // Once completed the money has gone back: amount, items and kind are what happened.
  const table: [RefundStatus, keyof typeof edits, boolean][] = [];
  for (const status of ['requested', 'approved', 'completed', 'rejected'] as const) {
    for (const field of Object.keys(edits) as (keyof typeof edits)[]) {
      table.push([status, field, status === 'completed' && ['amount', 'lineIds', 'type'].includes(field)]);
    }
  }

  it.each(table)('%s refund, change of %s locked: %s', (status, field, locked) => {
    const current = refundIn(status);
    const edited = { ...current, ...edits[field] };
    expect(refundEditErrors(current, edited)).toEqual(locked ? { [field]: ErrorCode.refundLocked } : {});
  });

  it('items in another order are the same items', () => {
    const current = refundIn('completed', { lineIds: ['l1', 'l2'] });
    expect(refundEditErrors(current, { ...current, lineIds: ['l2', 'l1'] })).toEqual({});
  });
});

describe('refundEditContext: the refund being edited does not count twice', () => {
  const o = order({ lines: [line({ quantity: 1, unitPrice: 10000 })] });

  it('a refund of 60 of 100 may become 100, not more', () => {
    const mine = refundIn('requested', { amount: 6000 });
    const schema = refundDraftSchema(refundEditContext(o, [mine], mine));
    expect(parseWith(schema, { ...refundToDraft(mine), amount: '100' }).ok).toBe(true);
    expect(parseWith(schema, { ...refundToDraft(mine), amount: '100.01' })).toEqual({ ok: false, errors: { amount: ErrorCode.refundTooLarge } });
  });

  it('counts the other refunds of the order', () => {
    const mine = refundIn('requested', { amount: 6000 });
    const other = refundIn('approved', { id: 'r2', amount: 3000 });
    const schema = refundDraftSchema(refundEditContext(o, [mine, other], mine));
    expect(parseWith(schema, { ...refundToDraft(mine), amount: '70' }).ok).toBe(true);
    expect(parseWith(schema, { ...refundToDraft(mine), amount: '70.01' }).ok).toBe(false);
  });

  it('keeping or lowering the amount is allowed when the order is no longer paid (only the reason changes)', () => {
    const mine = refundIn('completed', { amount: 6000 });
    const schema = refundDraftSchema(refundEditContext(order({ ...o, status: 'cancelled' }), [mine], mine));
    expect(parseWith(schema, { ...refundToDraft(mine), reason: 'other' }).ok).toBe(true);
    expect(parseWith(schema, { ...refundToDraft(mine), amount: '60.01' }).ok).toBe(false);
  });
});

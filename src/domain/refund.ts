import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate } from './dates';
import { addDays } from './date-math';
import { recordMetaShape, type RecordMeta } from './record-meta';
import { amountSchema, currencyCodeSchema, parseMoney, toDecimalText } from './money';
import { orderCountsAsSpent, orderSubtotal, orderTotal, type Order, type OrderFields } from './order';
import { agreedStatus, collectSteps, type AgreedStatus, type StatusMachine } from './status-steps';

/** 返款/退款 (refund: money back), 退货 (return: goods back, money maybe), 换货 (exchange). */
export const refundTypes = ['refund', 'return', 'exchange'] as const;
export const refundReasons = ['defect', 'wrong_item', 'not_as_described', 'changed_mind', 'late_delivery', 'other'] as const;
export const refundMethods = ['original', 'bank_transfer', 'alipay', 'wechat_pay', 'cash', 'store_credit'] as const;
export const refundStatuses = ['requested', 'approved', 'completed', 'rejected'] as const;
export type RefundType = (typeof refundTypes)[number];
export type RefundReason = (typeof refundReasons)[number];
export type RefundMethod = (typeof refundMethods)[number];
export type RefundStatus = (typeof refundStatuses)[number];

/** An approval can still be withdrawn (rejected) until the money has actually gone back. */
export const refundMachine: StatusMachine<RefundStatus> = {
  statuses: refundStatuses,
  initial: 'requested',
  next: { requested: ['approved', 'rejected'], approved: ['completed', 'rejected'], completed: [], rejected: [] },
};

const calendarDate = z.string().refine(isCalendarDate, ErrorCode.dateInvalid);
const reasonText = z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.reason, ErrorCode.tooLong));

export interface RefundFields {
  customerId: string;
  orderId: string;
  /** Lines of the order this is about; empty: the order as a whole. */
  lineIds: string[];
  type: RefundType;
  reason: RefundReason;
  reasonText: string;
  /** Minor units of the order's currency; may be 0 for an exchange or a return of a gift. */
  amount: number;
  currency: string;
  method: RefundMethod;
  dueDate: string | null;
}
/** The status is not a field: it is derived from the `step:<id>` keys (see status-steps.ts). */
export type Refund = RefundFields & RecordMeta & { [step: `step:${string}`]: unknown };

export const refundSchema = z.looseObject({
  ...recordMetaShape,
  customerId: z.string().min(1).max(64),
  orderId: z.string().min(1).max(64),
  lineIds: z.array(z.string().min(1).max(64)).max(200).default([]),
  type: z.enum(refundTypes),
  reason: z.enum(refundReasons).catch('other').default('other'),
  reasonText: reasonText.default(''),
  amount: amountSchema,
  currency: currencyCodeSchema,
  method: z.enum(refundMethods).catch('original').default('original'),
  dueDate: calendarDate.nullable().default(null),
});

export function refundState(refund: object): AgreedStatus<RefundStatus> {
  return agreedStatus(refundMachine, collectSteps(refund, refundMachine));
}

export function refundStatus(refund: object): RefundStatus {
  return refundState(refund).status;
}

export function isRefundPending(status: RefundStatus): boolean {
  return status === 'requested' || status === 'approved';
}

/** Past its due date and still not completed or rejected: highlighted and reminded. */
export function isRefundOverdue(refund: Refund, today: string): boolean {
  return refund.deletedAt === null && refund.dueDate !== null && refund.dueDate < today && isRefundPending(refundStatus(refund));
}

/** Only money that was paid can go back: a pending order is cancelled instead, and a cancelled one has nothing to refund. */
export function isOrderRefundable(order: Pick<Order, 'status'>): boolean {
  return orderCountsAsSpent(order);
}

/**
 * What can still be refunded on an order: its total minus every refund that is not rejected
 * (requested and approved ones are promised money). An order not paid has nothing to refund.
 * `excludeRefundId` leaves out the refund being edited, so its own amount does not count twice.
 */
export function refundableRemaining(order: Pick<Order, 'id' | 'lines' | 'discount' | 'status'>, refunds: readonly Refund[], excludeRefundId?: string): number {
  if (!isOrderRefundable(order)) return 0;
  return Math.max(0, orderTotal(order) - promisedRefunds(order.id, refunds, excludeRefundId));
}

/** What the order's refunds that are not rejected (nor deleted) add up to: money refunded or promised. */
export function promisedRefunds(orderId: string, refunds: readonly Refund[], excludeRefundId?: string): number {
  let promised = 0;
  for (const r of refunds) {
    if (r.orderId !== orderId || r.id === excludeRefundId || r.deletedAt !== null) continue;
    if (refundStatus(r) !== 'rejected') promised += r.amount;
  }
  return promised;
}

/**
 * The orders a new refund can be on, newest first, and the one it starts on: the newest paid
 * order with something left to refund, else the newest paid order (the form then says nothing is
 * left); never an order that was not paid.
 */
export function refundChoices<O extends Pick<Order, 'id' | 'lines' | 'discount' | 'status' | 'orderedOn'>>(
  orders: readonly O[],
  refunds: readonly Refund[],
): { orders: O[]; preferred: O | undefined } {
  const paid = orders.filter(isOrderRefundable).sort((a, b) => (a.orderedOn < b.orderedOn ? 1 : a.orderedOn > b.orderedOn ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { orders: paid, preferred: paid.find((o) => refundableRemaining(o, refunds) > 0) ?? paid[0] };
}

export interface RefundDraft {
  type: RefundType;
  reason: RefundReason;
  reasonText: string;
  amount: string;
  method: RefundMethod;
  lineIds: string[];
  dueDate: string;
}
export type RefundDraftFields = Omit<RefundFields, 'customerId' | 'orderId'>;

export interface RefundDraftContext {
  currency: string;
  /** From refundableRemaining: the most this refund may be. */
  remaining: number;
  refundable: boolean;
  lineIds: readonly string[];
}

export function refundDraftContext(order: Order, refunds: readonly Refund[], excludeRefundId?: string): RefundDraftContext {
  return {
    currency: order.currency,
    remaining: refundableRemaining(order, refunds, excludeRefundId),
    refundable: isOrderRefundable(order),
    lineIds: order.lines.map((l) => l.id),
  };
}

/**
 * Once the money has gone back (completed), the amount, the items and the kind are what
 * happened: they are locked. The words around them (reason, details, method, due date) stay
 * editable in every status, so a typo in a closed refund can still be put right.
 */
export const refundLockedFields: Record<RefundStatus, readonly (keyof RefundDraftFields)[]> = {
  requested: [],
  approved: [],
  completed: ['amount', 'lineIds', 'type'],
  rejected: [],
};

/** The fields an edit may not change in the refund's status, each blamed with refundLocked; empty: the edit is allowed. */
export function refundEditErrors(current: Refund, edited: { amount: number; lineIds: readonly string[]; type: RefundType }): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of refundLockedFields[refundStatus(current)]) {
    const same = field === 'lineIds' ? sameIds(current.lineIds, edited.lineIds) : current[field] === edited[field as 'amount' | 'type'];
    if (!same) errors[field] = ErrorCode.refundLocked;
  }
  return errors;
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * The limits of an edit of `refund`: its own amount does not count twice, and an edit never
 * needs more room than the refund already took, so keeping or lowering its amount is allowed
 * even when the order has since changed (a teammate's refund, or the order no longer paid).
 */
export function refundEditContext(order: Order, refunds: readonly Refund[], refund: Refund): RefundDraftContext {
  const ctx = refundDraftContext(order, refunds, refund.id);
  return { ...ctx, refundable: true, remaining: Math.max(ctx.remaining, refund.amount) };
}

export function refundDraftSchema(ctx: RefundDraftContext) {
  const lines = new Set(ctx.lineIds);
  return z
    .object({
      type: z.enum(refundTypes, { error: ErrorCode.choiceInvalid }),
      reason: z.enum(refundReasons, { error: ErrorCode.choiceInvalid }),
      reasonText,
      amount: z.string().transform((text, zctx): number => {
        if (!text.trim()) return 0;
        const parsed = parseMoney(text, ctx.currency);
        if ('value' in parsed) return parsed.value;
        zctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }),
      method: z.enum(refundMethods, { error: ErrorCode.choiceInvalid }),
      lineIds: z.array(z.string().refine((id) => lines.has(id), ErrorCode.lineNotOnOrder)).transform((ids) => [...new Set(ids)]),
      dueDate: z
        .string()
        .transform((s) => s.trim())
        .refine((s) => s !== '', ErrorCode.required)
        .refine((s) => s === '' || isCalendarDate(s), ErrorCode.dateInvalid),
    })
    .superRefine((draft, zctx) => {
      if (!ctx.refundable) {
        zctx.addIssue({ code: 'custom', message: ErrorCode.orderNotRefundable, path: [] });
        return;
      }
      if (typeof draft.amount !== 'number') return;
      if (draft.type === 'refund' && draft.amount === 0) zctx.addIssue({ code: 'custom', message: ErrorCode.amountPositive, path: ['amount'] });
      else if (draft.amount > ctx.remaining) zctx.addIssue({ code: 'custom', message: ErrorCode.refundTooLarge, path: ['amount'] });
    })
    .transform((draft): RefundDraftFields => ({ ...draft, currency: ctx.currency }));
}

export function emptyRefundDraft(today: string, refundDueDays: number): RefundDraft {
  return { type: 'refund', reason: 'defect', reasonText: '', amount: '', method: 'original', lineIds: [], dueDate: addDays(today, refundDueDays) };
}

export function refundToDraft(r: RefundDraftFields): RefundDraft {
  return {
    type: r.type,
    reason: r.reason,
    reasonText: r.reasonText,
    amount: r.amount ? toDecimalText(r.amount, r.currency) : '',
    method: r.method,
    lineIds: [...r.lineIds],
    dueDate: r.dueDate ?? '',
  };
}

/**
 * The refund floor: an order's total may not drop below what its refunds already took or
 * promised. Returns the field to blame (the discount when the items alone still cover the
 * refunds), or null when the edit keeps the order above its refunds.
 */
export function orderBelowRefunds(orderId: string, edited: Pick<OrderFields, 'lines' | 'discount'>, refunds: readonly Refund[]): 'discount' | 'lines' | null {
  const promised = promisedRefunds(orderId, refunds);
  if (orderTotal(edited) >= promised) return null;
  return orderSubtotal(edited) >= promised ? 'discount' : 'lines';
}

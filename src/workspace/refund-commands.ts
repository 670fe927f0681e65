import { parseWith, type ParseResult } from '../domain/field-errors';
import { ErrorCode } from '../domain/error-codes';
import type { Order } from '../domain/order';
import { refundDraftContext, refundDraftSchema, refundEditContext, refundEditErrors, refundMachine, type Refund, type RefundDraft, type RefundStatus } from '../domain/refund';
import { formError, liveRecord, parsedBase, removable, saveEdit, type CommandContext } from './command-context';
import { insertRecord, readRecordById } from './record-commands';
import { takeStatusStep } from './status-step-command';

/** Refunds and returns of an order, and the steps each takes (approved, completed, rejected). */
export class RefundCommands {
  readonly remove;
  readonly restore;

  constructor(
    private readonly ctx: CommandContext,
    /** Ids of an order's refunds, found by index (the read tables), so no command scans every refund. */
    private readonly refundIdsOf: (orderId: string) => Promise<string[]>,
  ) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'refunds'));
  }

  /** An order's refunds as the document holds them (the truth), looked up by the indexed ids. */
  readonly ofOrder = async (orderId: string): Promise<Refund[]> => {
    const ids = await this.refundIdsOf(orderId);
    return ids.flatMap((refundId) => {
      const r = readRecordById(this.ctx.ws, 'refunds', refundId);
      return r && r.orderId === orderId && !r.deletedAt ? [r as unknown as Refund] : [];
    });
  };

  /** Refused when the amount is above what is still refundable on the order. */
  async request(orderId: string, draft: RefundDraft): Promise<ParseResult<string>> {
    const order = readRecordById(this.ctx.ws, 'orders', orderId) as Order | undefined;
    if (!order || order.deletedAt) return formError(ErrorCode.orderNotRefundable);
    const parsed = parseWith(refundDraftSchema(refundDraftContext(order, await this.ofOrder(orderId))), draft);
    if (!parsed.ok) return parsed;
    const fields = { ...parsed.value, orderId, customerId: order.customerId, currency: order.currency };
    return { ok: true, value: await this.ctx.commit(() => insertRecord(this.ctx.ws, 'refunds', fields)) };
  }

  /**
   * Its own amount does not count against what is left on the order; once completed, its amount,
   * items and kind are locked (domain/refund.ts refundLockedFields). The activity log records
   * each changed field, so the refund's history shows the edit.
   */
  async update(id: string, draft: RefundDraft, original?: RefundDraft): Promise<ParseResult<string>> {
    const refund = liveRecord(this.ctx, 'refunds', id) as Refund | undefined;
    const order = refund && (readRecordById(this.ctx.ws, 'orders', refund.orderId) as Order | undefined);
    if (!refund || !order || order.deletedAt) return formError(ErrorCode.invalid);
    const schema = refundDraftSchema(refundEditContext(order, await this.ofOrder(order.id), refund));
    const parsed = parseWith(schema, draft);
    if (!parsed.ok) return parsed;
    const locked = refundEditErrors(refund, parsed.value);
    if (Object.keys(locked).length) return { ok: false, errors: locked };
    return saveEdit(this.ctx, 'refunds', id, parsed.value, parsedBase(schema, original));
  }

  /** Approve, complete or reject: one more step in the refund's history, stamped with who and when. */
  step(id: string, to: RefundStatus, note = ''): Promise<ParseResult<string>> {
    return takeStatusStep(this.ctx, 'refunds', refundMachine, id, to, note);
  }
}

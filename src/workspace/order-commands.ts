import { parseWith, type ParseResult } from '../domain/field-errors';
import { ErrorCode } from '../domain/error-codes';
import { orderDraftSchema, orderStatuses, type OrderDraft, type OrderStatus } from '../domain/order';
import { orderBelowRefunds, type Refund } from '../domain/refund';
import { formError, liveRecord, parsedBase, removable, saveEdit, todayOf, type CommandContext } from './command-context';
import { insertRecord, patchRecord } from './record-commands';

/** A customer's orders: lines, discount, payment and status. */
export class OrderCommands {
  readonly remove;
  readonly restore;

  constructor(
    private readonly ctx: CommandContext,
    /** An order's refunds as the document holds them (see RefundCommands.ofOrder). */
    private readonly refundsOf: (orderId: string) => Promise<Refund[]>,
  ) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'orders'));
  }

  #schema() {
    return orderDraftSchema({ today: todayOf(this.ctx) });
  }

  async create(customerId: string, draft: OrderDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(this.#schema(), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.ctx.commit(() => insertRecord(this.ctx.ws, 'orders', { ...parsed.value, customerId })) };
  }

  /** Refused when the new total is below what was already refunded (or promised) on the order. */
  async update(id: string, draft: OrderDraft, original?: OrderDraft): Promise<ParseResult<string>> {
    if (!liveRecord(this.ctx, 'orders', id)) return formError(ErrorCode.invalid);
    const parsed = parseWith(this.#schema(), draft);
    if (!parsed.ok) return parsed;
    const blamed = orderBelowRefunds(id, parsed.value, await this.refundsOf(id));
    if (blamed) return { ok: false, errors: { [blamed]: ErrorCode.orderBelowRefunds } };
    return saveEdit(this.ctx, 'orders', id, parsed.value, parsedBase(this.#schema(), original));
  }

  async setStatus(id: string, status: OrderStatus): Promise<ParseResult<string[]>> {
    if (!orderStatuses.includes(status)) return formError(ErrorCode.choiceInvalid);
    return { ok: true, value: await this.ctx.commit(() => patchRecord(this.ctx.ws, 'orders', id, { status })) };
  }
}

import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes, cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate } from './dates';
import { recordMetaShape, type RecordMeta } from './record-meta';
import { MAX_AMOUNT, amountSchema, currencyCodeSchema, isCurrencyCode, parseMoney, toDecimalText } from './money';

export const orderChannels = ['store', 'online', 'phone', 'wechat', 'other'] as const;
export const paymentMethods = ['cash', 'bank_card', 'bank_transfer', 'alipay', 'wechat_pay', 'other'] as const;
export const orderStatuses = ['pending', 'paid', 'shipped', 'completed', 'cancelled'] as const;
export type OrderChannel = (typeof orderChannels)[number];
export type PaymentMethod = (typeof paymentMethods)[number];
export type OrderStatus = (typeof orderStatuses)[number];

/**
 * What an order's status says about its money. Shipped and completed orders were paid first
 * (the statuses follow pending → paid → shipped → completed), so they are paid too.
 */
export type OrderPayment = 'pending' | 'paid' | 'cancelled';
const paymentOf: Record<OrderStatus, OrderPayment> = { pending: 'pending', paid: 'paid', shipped: 'paid', completed: 'paid', cancelled: 'cancelled' };
export function orderPayment(status: OrderStatus): OrderPayment {
  // A status from a newer app is not known to be paid.
  return paymentOf[status] ?? 'pending';
}

/**
 * Only paid orders are money the customer spent: "Total spent", "Average order" and the last
 * purchase leave out pending orders (not paid yet) and cancelled ones; refunds need a paid order.
 */
export function orderCountsAsSpent(order: { status: OrderStatus }): boolean {
  return orderPayment(order.status) === 'paid';
}

/**
 * Quantities are whole numbers of the unit sold: a line total is then quantity × unit price in
 * minor units, always exact. Goods sold by weight or length use a smaller unit (500 g, not 0.5 kg).
 */
export const MAX_QUANTITY = 100_000;
export const MAX_LINES = 200;

const calendarDate = z.string().refine(isCalendarDate, ErrorCode.dateInvalid);
const description = z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.name, ErrorCode.tooLong));

export interface OrderLine {
  /** Stable within the order, so a refund can point at the line it returns. */
  id: string;
  productId: string | null;
  /** Free text, or the product's name when the line was added: the order keeps what was sold. */
  description: string;
  quantity: number;
  unitPrice: number;
}

export interface OrderFields {
  customerId: string;
  orderedOn: string;
  lines: OrderLine[];
  discount: number;
  currency: string;
  channel: OrderChannel;
  paymentMethod: PaymentMethod | null;
  status: OrderStatus;
  notes: string;
}
export type Order = OrderFields & RecordMeta;

export const orderLineSchema = z.looseObject({
  id: z.string().min(1).max(64),
  productId: z.string().min(1).max(64).nullable().default(null),
  description,
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
  unitPrice: amountSchema,
});

/** The total is not stored: it is computed from the lines, so it can never disagree with them. */
export const orderSchema = z.looseObject({
  ...recordMetaShape,
  customerId: z.string().min(1).max(64),
  orderedOn: calendarDate,
  lines: z.array(orderLineSchema).max(MAX_LINES).default([]),
  discount: amountSchema.default(0),
  currency: currencyCodeSchema,
  channel: z.enum(orderChannels).catch('other').default('other'),
  paymentMethod: z.enum(paymentMethods).nullable().catch(null).default(null),
  status: z.enum(orderStatuses).catch('pending').default('pending'),
  notes: z.string().max(TEXT_LIMITS.notes, ErrorCode.tooLong).default(''),
});

export function lineTotal(line: Pick<OrderLine, 'quantity' | 'unitPrice'>): number {
  return line.quantity * line.unitPrice;
}

export function orderSubtotal(order: Pick<OrderFields, 'lines'>): number {
  return order.lines.reduce((sum, line) => sum + lineTotal(line), 0);
}

/** Lines minus the discount, never below zero. */
export function orderTotal(order: Pick<OrderFields, 'lines' | 'discount'>): number {
  return Math.max(0, orderSubtotal(order) - order.discount);
}

export interface OrderLineDraft {
  id: string;
  productId: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface OrderDraft {
  orderedOn: string;
  lines: OrderLineDraft[];
  discount: string;
  currency: string;
  channel: OrderChannel;
  paymentMethod: PaymentMethod | '';
  status: OrderStatus;
  notes: string;
}
export type OrderDraftFields = Omit<OrderFields, 'customerId'>;

export interface OrderDraftContext {
  today: string;
}

function isLineDraft(value: unknown): value is OrderLineDraft {
  const l = value as Record<string, unknown> | null;
  return typeof l === 'object' && l !== null && ['productId', 'description', 'quantity', 'unitPrice'].every((k) => typeof l[k] === 'string');
}

const isBlankLine = (l: OrderLineDraft) => !l.productId && !l.description.trim() && !l.unitPrice.trim();

function parseQuantity(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= MAX_QUANTITY ? n : null;
}

/**
 * Amounts are parsed in the order's currency, which is a field of the same form, so they are
 * checked next to the other fields (a refinement still runs when a sibling field fails, so every
 * problem is reported at once) and converted once everything is valid.
 */
export function orderDraftSchema(ctx: OrderDraftContext) {
  return z
    .object({
      orderedOn: z
        .string()
        .transform((s) => s.trim())
        .refine(isCalendarDate, ErrorCode.dateInvalid)
        .refine((s) => s <= ctx.today, ErrorCode.dateInFuture),
      lines: z
        .array(z.object({ id: z.string().min(1), productId: z.string(), description: z.string(), quantity: z.string(), unitPrice: z.string() }))
        .max(MAX_LINES, ErrorCode.tooLong),
      discount: z.string(),
      currency: z.string().transform((s) => s.trim().toUpperCase()),
      channel: z.enum(orderChannels, { error: ErrorCode.choiceInvalid }),
      paymentMethod: z.union([z.enum(paymentMethods), z.literal('')], { error: ErrorCode.choiceInvalid }).transform((s) => s || null),
      status: z.enum(orderStatuses, { error: ErrorCode.choiceInvalid }),
      notes: z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.notes, ErrorCode.tooLong)),
    })
    .superRefine((draft, zctx) => {
      const issue = (message: string, path: (string | number)[]) => zctx.addIssue({ code: 'custom', message, path });
      if (typeof draft.currency !== 'string' || !isCurrencyCode(draft.currency)) {
        issue(ErrorCode.currencyInvalid, ['currency']);
        return;
      }
      // A refinement also sees drafts whose other fields failed: only well-formed lines are checked.
      if (!Array.isArray(draft.lines) || !draft.lines.every(isLineDraft)) return;
      let subtotal: number | null = 0;
      let kept = 0;
      draft.lines.forEach((line, i) => {
        if (isBlankLine(line)) return;
        kept += 1;
        const text = description.safeParse(line.description);
        if (!text.success) issue(text.error.issues[0]?.message ?? ErrorCode.invalid, ['lines', i, 'description']);
        const quantity = parseQuantity(line.quantity);
        if (quantity === null) issue(ErrorCode.quantityInvalid, ['lines', i, 'quantity']);
        const price = parseMoney(line.unitPrice, draft.currency);
        if ('error' in price) issue(price.error, ['lines', i, 'unitPrice']);
        else if (quantity !== null && quantity * price.value > MAX_AMOUNT) issue(ErrorCode.amountTooLarge, ['lines', i, 'unitPrice']);
        // The discount is only compared with a subtotal that every line contributed to.
        subtotal = subtotal !== null && quantity !== null && 'value' in price ? subtotal + quantity * price.value : null;
      });
      if (kept === 0) issue(ErrorCode.linesRequired, ['lines']);
      if (typeof draft.discount === 'string' && draft.discount.trim()) {
        const discount = parseMoney(draft.discount, draft.currency);
        if ('error' in discount) issue(discount.error, ['discount']);
        else if (subtotal !== null && discount.value > subtotal) issue(ErrorCode.discountTooLarge, ['discount']);
      }
    })
    .transform(
      (draft): OrderDraftFields => ({
        ...draft,
        lines: draft.lines.filter((l) => !isBlankLine(l)).map((l) => ({
          id: l.id,
          productId: l.productId || null,
          description: cleanText(l.description),
          quantity: parseQuantity(l.quantity) ?? 0,
          unitPrice: amountOf(l.unitPrice, draft.currency),
        })),
        discount: draft.discount.trim() ? amountOf(draft.discount, draft.currency) : 0,
      }),
    );
}

/** Only called once the refinement has accepted the text. */
function amountOf(text: string, currency: string): number {
  const parsed = parseMoney(text, currency);
  return 'value' in parsed ? parsed.value : 0;
}

export function emptyOrderDraft(today: string, currency: string, newLineId: () => string): OrderDraft {
  return {
    orderedOn: today,
    lines: [emptyOrderLineDraft(newLineId())],
    discount: '',
    currency,
    channel: 'store',
    paymentMethod: '',
    status: 'pending',
    notes: '',
  };
}

export function emptyOrderLineDraft(id: string): OrderLineDraft {
  return { id, productId: '', description: '', quantity: '1', unitPrice: '' };
}

export function orderToDraft(o: OrderDraftFields): OrderDraft {
  return {
    orderedOn: o.orderedOn,
    lines: o.lines.map((l) => ({
      id: l.id,
      productId: l.productId ?? '',
      description: l.description,
      quantity: String(l.quantity),
      unitPrice: toDecimalText(l.unitPrice, o.currency),
    })),
    discount: o.discount ? toDecimalText(o.discount, o.currency) : '',
    currency: o.currency,
    channel: o.channel,
    paymentMethod: o.paymentMethod ?? '',
    status: o.status,
    notes: o.notes,
  };
}

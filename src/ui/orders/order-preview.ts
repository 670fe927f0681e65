import { MAX_QUANTITY, lineTotal, orderTotal, type OrderDraft, type OrderLine, type OrderLineDraft } from '../../domain/order';
import { isCurrencyCode, parseMoney } from '../../domain/money';

/** What the order form shows while typing: null wherever the text does not parse (shown as '—'). */
export interface OrderPreview {
  lines: (number | null)[];
  total: number | null;
}

function quantityOf(text: string): number | null {
  const s = text.normalize('NFKC').trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_QUANTITY ? n : null;
}

function amountOf(text: string, currency: string): number | null {
  const parsed = parseMoney(text, currency);
  return 'value' in parsed ? parsed.value : null;
}

/** A line the schema leaves out: nothing picked, typed or priced. */
const isBlank = (l: OrderLineDraft) => !l.productId && !l.description.trim() && !l.unitPrice.trim();

/**
 * Line totals and the order total from the draft as typed, with the domain's own arithmetic
 * (lineTotal, orderTotal) on the parsed values: the preview cannot disagree with what is saved.
 */
export function previewOrder(draft: Pick<OrderDraft, 'lines' | 'discount' | 'currency'>): OrderPreview {
  const currency = draft.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) return { lines: draft.lines.map(() => null), total: null };
  const parsed = draft.lines.map((l): OrderLine | null => {
    const quantity = quantityOf(l.quantity);
    const unitPrice = amountOf(l.unitPrice, currency);
    return quantity === null || unitPrice === null ? null : { id: l.id, productId: l.productId || null, description: l.description, quantity, unitPrice };
  });
  const lines = parsed.map((p) => (p ? lineTotal(p) : null));
  const kept = parsed.filter((_, i) => !isBlank(draft.lines[i]!));
  const discount = draft.discount.trim() ? amountOf(draft.discount, currency) : 0;
  const complete = kept.length > 0 && kept.every((p) => p !== null) && discount !== null;
  return { lines, total: complete ? orderTotal({ lines: kept as OrderLine[], discount }) : null };
}

import { orderCountsAsSpent, orderPayment, orderTotal, type Order } from './order';
import { refundStatus, isRefundPending, type Refund } from './refund';
import { complaintState, isComplaintOpen, type Complaint } from './complaint';
import type { Feedback } from './feedback';

export interface CurrencyFigures {
  currency: string;
  /** Paid orders (paid, shipped, completed). */
  orders: number;
  /** Paid order totals before refunds. */
  gross: number;
  /** Completed refunds: money that has actually gone back. */
  refunded: number;
  /** gross − refunded. */
  spent: number;
  /** gross / orders, rounded to the minor unit. */
  averageOrderValue: number;
}

export interface CustomerFigures {
  /** One row per currency, by code: amounts in different currencies are never added up. */
  byCurrency: CurrencyFigures[];
  /** Orders not cancelled, paid or not. */
  orders: number;
  /** Orders not paid yet: counted in `orders`, not in any amount. */
  unpaidOrders: number;
  /** The newest paid order's date. */
  lastPurchase: string | null;
  /** Completed refunds with money back (any type), and the orders they were on. */
  refunds: number;
  refundedOrders: number;
  /** refundedOrders / orders; null without orders. */
  refundRate: number | null;
  pendingRefunds: number;
  openComplaints: number;
  averageSatisfaction: number | null;
  averageNps: number | null;
  feedbackCount: number;
}

function average(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * A customer's key figures from their records (the caller passes one customer's). Records in
 * Trash are left out; cancelled orders count for nothing, nor do refunds on them; pending
 * orders are counted as orders but not as money spent (orderCountsAsSpent), and a refund
 * subtracts only once completed, and only from a paid order.
 */
export function customerFigures(
  orders: readonly Order[],
  refunds: readonly Refund[],
  complaints: readonly Complaint[],
  feedback: readonly Feedback[],
): CustomerFigures {
  const counted = new Map(orders.filter((o) => o.deletedAt === null && orderPayment(o.status) !== 'cancelled').map((o) => [o.id, o]));
  const rows = new Map<string, CurrencyFigures>();
  const row = (currency: string) => {
    let r = rows.get(currency);
    if (!r) rows.set(currency, (r = { currency, orders: 0, gross: 0, refunded: 0, spent: 0, averageOrderValue: 0 }));
    return r;
  };
  let lastPurchase: string | null = null;
  let unpaidOrders = 0;
  for (const o of counted.values()) {
    if (!orderCountsAsSpent(o)) {
      unpaidOrders += 1;
      continue;
    }
    const r = row(o.currency);
    r.orders += 1;
    r.gross += orderTotal(o);
    if (lastPurchase === null || o.orderedOn > lastPurchase) lastPurchase = o.orderedOn;
  }

  let refundCount = 0;
  let pendingRefunds = 0;
  const refundedOrders = new Set<string>();
  for (const refund of refunds) {
    const order = counted.get(refund.orderId);
    if (refund.deletedAt !== null || !order) continue;
    const status = refundStatus(refund);
    if (isRefundPending(status)) pendingRefunds += 1;
    if (status !== 'completed' || refund.amount === 0) continue;
    // No money went out on an order that was never paid (a refund from before that rule).
    if (!orderCountsAsSpent(order)) continue;
    refundCount += 1;
    refundedOrders.add(order.id);
    // The order's currency, not the refund's copy of it: the two cannot disagree in the sums.
    row(order.currency).refunded += refund.amount;
  }

  const byCurrency = [...rows.values()]
    .map((r) => ({ ...r, spent: r.gross - r.refunded, averageOrderValue: r.orders ? Math.round(r.gross / r.orders) : 0 }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));

  const paidOrders = counted.size - unpaidOrders;
  const liveFeedback = feedback.filter((f) => f.deletedAt === null);
  return {
    byCurrency,
    orders: counted.size,
    unpaidOrders,
    lastPurchase,
    refunds: refundCount,
    refundedOrders: refundedOrders.size,
    refundRate: paidOrders ? refundedOrders.size / paidOrders : null,
    pendingRefunds,
    openComplaints: complaints.filter((c) => c.deletedAt === null && isComplaintOpen(complaintState(c).status)).length,
    averageSatisfaction: average(liveFeedback.flatMap((f) => (f.satisfaction === null ? [] : [f.satisfaction]))),
    averageNps: average(liveFeedback.flatMap((f) => (f.nps === null ? [] : [f.nps]))),
    feedbackCount: liveFeedback.length,
  };
}

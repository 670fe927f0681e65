import { describe, expect, it } from 'vitest';
import { customerFigures, type CustomerFigures } from '../../../src/domain/key-figures';
import type { Order } from '../../../src/domain/order';
import type { Refund, RefundStatus } from '../../../src/domain/refund';
import type { Complaint } from '../../../src/domain/complaint';
import type { Feedback } from '../../../src/domain/feedback';
import type { StatusStep } from '../../../src/domain/status-steps';
import { complaint, feedback, line, order, refund, step } from './crm-fixtures';

const TRASHED = '2026-04-01T00:00:00.000Z';

/** An order of one line worth `total` minor units. */
const o = (id: string, total: number, overrides: Partial<Order> = {}) => order({ id, lines: [line({ quantity: 1, unitPrice: total })], ...overrides });

function r(id: string, orderId: string, amount: number, status: RefundStatus, overrides: Partial<Refund> = {}): Refund {
  const steps: StatusStep[] = [];
  if (status === 'approved' || status === 'completed') steps.push(step(`${id}-a`, 'approved', null));
  if (status === 'completed') steps.push(step(`${id}-c`, 'completed', `${id}-a`));
  if (status === 'rejected') steps.push(step(`${id}-x`, 'rejected', null));
  return refund({ id, orderId, amount, ...overrides }, steps);
}

interface Records {
  orders?: Order[];
  refunds?: Refund[];
  complaints?: Complaint[];
  feedback?: Feedback[];
}
const figures = (x: Records) => customerFigures(x.orders ?? [], x.refunds ?? [], x.complaints ?? [], x.feedback ?? []);
const row = (currency: string, orders: number, gross: number, refunded = 0, averageOrderValue = orders ? Math.round(gross / orders) : 0) => ({
  currency,
  orders,
  gross,
  refunded,
  spent: gross - refunded,
  averageOrderValue,
});

describe('customerFigures', () => {
  it('a customer with no records', () => {
    expect(figures({})).toEqual({
      byCurrency: [],
      orders: 0,
      unpaidOrders: 0,
      lastPurchase: null,
      refunds: 0,
      refundedOrders: 0,
      refundRate: null,
      pendingRefunds: 0,
      openComplaints: 0,
      averageSatisfaction: null,
      averageNps: null,
      feedbackCount: 0,
    } satisfies CustomerFigures);
  });

  it.each<[string, Records, Partial<CustomerFigures>]>([
    ['two orders in yuan', { orders: [o('o1', 10000), o('o2', 5000, { orderedOn: '2026-04-02' })] }, { byCurrency: [row('CNY', 2, 15000)], orders: 2, lastPurchase: '2026-04-02' }],
    [
      'orders in several currencies are summed per currency',
      { orders: [o('o1', 10000), o('o2', 999, { currency: 'USD' }), o('o3', 5000), o('o4', 1500, { currency: 'JPY' })] },
      { byCurrency: [row('CNY', 2, 15000), row('JPY', 1, 1500), row('USD', 1, 999)], orders: 4 },
    ],
    [
      'cancelled orders are left out (also from the last purchase)',
      { orders: [o('o1', 10000, { orderedOn: '2026-03-01' }), o('o2', 5000, { status: 'cancelled', orderedOn: '2026-05-01' })] },
      { byCurrency: [row('CNY', 1, 10000)], orders: 1, lastPurchase: '2026-03-01' },
    ],
    ['orders in Trash are left out', { orders: [o('o1', 10000), o('o2', 5000, { deletedAt: TRASHED })] }, { byCurrency: [row('CNY', 1, 10000)], orders: 1 }],
    // Not paid yet: an order, but no money spent, no average and no purchase date.
    ['a pending order is counted as an order, not as money spent', { orders: [o('o1', 10000, { status: 'pending' })] }, { byCurrency: [], orders: 1, unpaidOrders: 1, lastPurchase: null, refundRate: null }],
    [
      'total spent and the average order count only paid, shipped and completed orders',
      {
        orders: [
          o('o1', 10000, { status: 'paid', orderedOn: '2026-03-01' }),
          o('o2', 5000, { status: 'shipped' }),
          o('o3', 3000, { status: 'completed' }),
          o('o4', 99999, { status: 'pending', orderedOn: '2026-05-01' }),
        ],
      },
      { byCurrency: [row('CNY', 3, 18000)], orders: 4, unpaidOrders: 1, lastPurchase: '2026-03-01' },
    ],
    [
      'a completed refund of an unpaid order (stored before refunds needed a paid order) subtracts nothing',
      { orders: [o('o1', 10000), o('o2', 5000, { status: 'pending' })], refunds: [r('r1', 'o2', 5000, 'completed')] },
      { byCurrency: [row('CNY', 1, 10000)], refunds: 0, refundedOrders: 0, refundRate: 0 },
    ],
    ['the discounted total counts', { orders: [order({ id: 'o1', lines: [line({ quantity: 2, unitPrice: 5000 })], discount: 1500 })] }, { byCurrency: [row('CNY', 1, 8500)] }],
    ['the average order value is rounded to the fen', { orders: [o('o1', 100), o('o2', 100), o('o3', 101)] }, { byCurrency: [row('CNY', 3, 301, 0, 100)] }],
    [
      'a completed refund subtracts',
      { orders: [o('o1', 10000), o('o2', 5000)], refunds: [r('r1', 'o1', 2500, 'completed')] },
      { byCurrency: [row('CNY', 2, 15000, 2500)], refunds: 1, refundedOrders: 1, refundRate: 0.5, pendingRefunds: 0 },
    ],
    [
      'requested and approved refunds do not subtract yet, but are pending',
      { orders: [o('o1', 10000)], refunds: [r('r1', 'o1', 2500, 'requested'), r('r2', 'o1', 1000, 'approved')] },
      { byCurrency: [row('CNY', 1, 10000)], refunds: 0, refundRate: 0, pendingRefunds: 2 },
    ],
    ['a rejected refund changes nothing', { orders: [o('o1', 10000)], refunds: [r('r1', 'o1', 2500, 'rejected')] }, { byCurrency: [row('CNY', 1, 10000)], refunds: 0, pendingRefunds: 0 }],
    [
      'refunds subtract in the currency of their order',
      { orders: [o('o1', 10000), o('o2', 2000, { currency: 'USD' })], refunds: [r('r1', 'o2', 500, 'completed', { currency: 'USD' })] },
      { byCurrency: [row('CNY', 1, 10000), row('USD', 1, 2000, 500)] },
    ],
    [
      'two refunds of one order: two refunds, one refunded order',
      { orders: [o('o1', 10000), o('o2', 1), o('o3', 1), o('o4', 1)], refunds: [r('r1', 'o1', 1000, 'completed'), r('r2', 'o1', 2000, 'completed')] },
      { refunds: 2, refundedOrders: 1, refundRate: 0.25 },
    ],
    [
      'a refund of a cancelled order or of an order in Trash is left out',
      { orders: [o('o1', 10000), o('o2', 5000, { status: 'cancelled' }), o('o3', 5000, { deletedAt: TRASHED })], refunds: [r('r1', 'o2', 5000, 'completed'), r('r2', 'o3', 5000, 'requested')] },
      { byCurrency: [row('CNY', 1, 10000)], refunds: 0, pendingRefunds: 0 },
    ],
    ['a refund in Trash is left out', { orders: [o('o1', 10000)], refunds: [r('r1', 'o1', 1000, 'completed', { deletedAt: TRASHED })] }, { byCurrency: [row('CNY', 1, 10000)], refunds: 0 }],
    [
      'an exchange without money back is not a refund',
      { orders: [o('o1', 10000)], refunds: [r('r1', 'o1', 0, 'completed', { type: 'exchange' })] },
      { byCurrency: [row('CNY', 1, 10000)], refunds: 0, refundRate: 0 },
    ],
    [
      'a return with money back is',
      { orders: [o('o1', 10000)], refunds: [r('r1', 'o1', 10000, 'completed', { type: 'return' })] },
      { byCurrency: [row('CNY', 1, 10000, 10000)], refunds: 1, refundRate: 1 },
    ],
    [
      'open complaints: open and in progress, not resolved, closed or in Trash',
      {
        complaints: [
          complaint({ id: 'k1' }),
          complaint({ id: 'k2' }, [step('k2-1', 'in_progress', null)]),
          complaint({ id: 'k3' }, [step('k3-1', 'resolved', null)]),
          complaint({ id: 'k4' }, [step('k4-1', 'closed', null)]),
          complaint({ id: 'k5', deletedAt: TRASHED }),
          complaint({ id: 'k6' }, [step('k6-1', 'resolved', null), step('k6-2', 'open', 'k6-1')]),
        ],
      },
      { openComplaints: 3 },
    ],
    [
      'average scores skip feedback without that score and feedback in Trash',
      {
        feedback: [
          feedback({ id: 'f1', satisfaction: 4, nps: 9 }),
          feedback({ id: 'f2', satisfaction: 5, nps: null }),
          feedback({ id: 'f3', satisfaction: null, nps: 6 }),
          feedback({ id: 'f4', satisfaction: 1, nps: 0, deletedAt: TRASHED }),
        ],
      },
      { averageSatisfaction: 4.5, averageNps: 7.5, feedbackCount: 3 },
    ],
    ['scores of only one kind', { feedback: [feedback({ satisfaction: 3, nps: null })] }, { averageSatisfaction: 3, averageNps: null }],
  ])('%s', (_, records, expected) => {
    expect(figures(records)).toMatchObject(expected);
  });

  it('amounts stay integers of the minor unit', () => {
    const result = figures({ orders: [o('o1', 10), o('o2', 20), o('o3', 30)], refunds: [r('r1', 'o1', 10, 'completed')] });
    for (const c of result.byCurrency) for (const n of [c.gross, c.refunded, c.spent, c.averageOrderValue]) expect(Number.isInteger(n)).toBe(true);
    expect(result.byCurrency[0]).toEqual(row('CNY', 3, 60, 10));
  });
});

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { generateSampleWorkspace } from '../../../src/domain/sample-data';
import { HISTORY_DAYS, sampleHistoryOf, sampleProducts, type SampleHistory } from '../../../src/domain/sample-history';
import { springFestivalOf } from '../../../src/domain/sample-seasons';
import { productSchema } from '../../../src/domain/product';
import { orderSchema, orderTotal } from '../../../src/domain/order';
import { promisedRefunds, refundSchema, refundStatus, refundMachine, type Refund } from '../../../src/domain/refund';
import { interactionSchema } from '../../../src/domain/interaction';
import { feedbackSchema } from '../../../src/domain/feedback';
import { complaintMachine, complaintSchema, complaintState, isComplaintOpen, type Complaint } from '../../../src/domain/complaint';
import { taskSchema } from '../../../src/domain/task';
import { collectSteps } from '../../../src/domain/status-steps';
import { addDays, daysBetween } from '../../../src/domain/date-math';
import { todayCalendarDate } from '../../../src/domain/dates';
import { meta } from '../support/fixtures';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const TODAY = todayCalendarDate(NOW);

function generate(customers: number, seed = 1, now = NOW) {
  const options = { customers, seed, now, memberId: 'member-a' };
  const sample = generateSampleWorkspace(options);
  const products = sampleProducts(options);
  const contactIds = new Map<string, string[]>();
  for (const c of sample.contacts) contactIds.set(c.customerId, [...(contactIds.get(c.customerId) ?? []), c.id]);
  const history: SampleHistory = { orders: [], refunds: [], interactions: [], feedback: [], complaints: [], tasks: [] };
  sample.customers.forEach((customer, i) => {
    const h = sampleHistoryOf(customer, contactIds.get(customer.id) ?? [], i, products, options);
    for (const k of Object.keys(history) as (keyof SampleHistory)[]) (history[k] as unknown[]).push(...h[k]);
  });
  return { sample, products, history };
}

/** As stored: the record's fields plus the meta the workspace stamps. */
const stored = <T extends { id: string }>(r: T) => ({ ...meta({ id: r.id }), ...r });

function expectValid(schema: z.ZodType, records: readonly { id: string }[], label: string) {
  for (const r of records) {
    const parsed = schema.safeParse(stored(r));
    expect(parsed.error?.issues, `${label} ${JSON.stringify(r)}`).toBeUndefined();
    // Unchanged: nothing the schema would clean, default or catch.
    expect(parsed.data, label).toEqual(stored(r));
  }
}

describe('sample history (200 customers, seed 1)', () => {
  const { sample, products, history } = generate(200);

  it('is deterministic for a seed and differs for another', () => {
    expect(generate(200).history).toEqual(history);
    expect(generate(200, 2).history.orders.map((o) => o.orderedOn)).not.toEqual(history.orders.map((o) => o.orderedOn));
  });

  it('has about 10 orders and 5 interactions per customer', () => {
    expect(history.orders.length / 200).toBeGreaterThan(8);
    expect(history.orders.length / 200).toBeLessThan(12);
    expect(history.interactions.length / 200).toBeGreaterThan(4);
    expect(history.interactions.length / 200).toBeLessThan(6);
  });

  it('has every kind of record the pages show', () => {
    for (const [name, records] of Object.entries(history)) expect(records.length, name).toBeGreaterThan(5);
    expect(new Set(history.refunds.map((r) => r.type))).toEqual(new Set(['refund', 'return', 'exchange']));
  });

  it('gives every record a unique id, and every link points at a record of the sample', () => {
    const all = [...sample.customers, ...sample.contacts, ...products, ...Object.values(history).flat()];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const customers = new Set(sample.customers.map((c) => c.id));
    const orders = new Map(history.orders.map((o) => [o.id, o]));
    const productIds = new Set(products.map((p) => p.id));
    const contacts = new Map(sample.contacts.map((c) => [c.id, c.customerId]));
    for (const o of history.orders) for (const l of o.lines) expect(productIds.has(l.productId!)).toBe(true);
    for (const r of [...history.orders, ...history.interactions, ...history.feedback, ...history.complaints, ...history.refunds]) expect(customers.has(r.customerId)).toBe(true);
    for (const r of [...history.refunds, ...history.feedback, ...history.complaints]) if (r.orderId) expect(orders.get(r.orderId)?.customerId).toBe(r.customerId);
    for (const i of history.interactions) if (i.contactId) expect(contacts.get(i.contactId)).toBe(i.customerId);
    for (const r of history.refunds) for (const line of r.lineIds) expect(orders.get(r.orderId)!.lines.some((l) => l.id === line)).toBe(true);
  });

  it('puts no refund above its order, and none on a pending or cancelled order', () => {
    const refunds = history.refunds as unknown as Refund[];
    for (const r of refunds) {
      const order = history.orders.find((o) => o.id === r.orderId)!;
      expect(['paid', 'shipped', 'completed']).toContain(order.status);
      expect(r.currency).toBe(order.currency);
      expect(promisedRefunds(order.id, refunds)).toBeLessThanOrEqual(orderTotal(order));
    }
  });

  it('keeps every date within the last two years and nothing after now', () => {
    const from = addDays(TODAY, -HISTORY_DAYS);
    for (const o of history.orders) expect(o.orderedOn >= from && o.orderedOn <= TODAY, o.orderedOn).toBe(true);
    for (const i of history.interactions) expect(Date.parse(i.occurredAt)).toBeLessThanOrEqual(NOW.getTime());
    for (const f of history.feedback) expect(f.receivedOn <= TODAY).toBe(true);
    const steps = [...history.refunds.flatMap((r) => collectSteps(r, refundMachine)), ...history.complaints.flatMap((c) => collectSteps(c, complaintMachine))];
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(Date.parse(step.at)).toBeLessThanOrEqual(NOW.getTime());
  });

  it('gives Today something to do: tasks due today and overdue, birthdays this week, refunds and complaints past due', () => {
    const open = history.tasks.filter((t) => !t.done);
    expect(open.some((t) => t.dueDate === TODAY)).toBe(true);
    expect(open.some((t) => t.dueDate! < TODAY)).toBe(true);
    expect(open.some((t) => t.dueDate! > TODAY && t.dueDate! <= addDays(TODAY, 7))).toBe(true);
    const week = Array.from({ length: 7 }, (_, d) => addDays(TODAY, d).slice(5));
    expect(sample.customers.some((c) => c.kind === 'person' && c.birthday && week.includes(c.birthday.slice(5)))).toBe(true);
    const pendingRefunds = (history.refunds as unknown as Refund[]).filter((r) => ['requested', 'approved'].includes(refundStatus(r)));
    expect(pendingRefunds.some((r) => r.dueDate! < TODAY)).toBe(true);
    expect(pendingRefunds.some((r) => r.dueDate! >= TODAY && r.dueDate! <= addDays(TODAY, 7))).toBe(true);
    const openComplaints = (history.complaints as unknown as Complaint[]).filter((c) => isComplaintOpen(complaintState(c).status));
    expect(openComplaints.some((c) => c.dueDate < TODAY)).toBe(true);
  });
});

describe('sample history proportions (2,000 customers)', () => {
  const { history } = generate(2000, 3);
  const share = (n: number) => n / history.orders.length;

  it('orders are mostly completed, with some pending and cancelled', () => {
    const by = (s: string) => history.orders.filter((o) => o.status === s).length;
    expect(share(by('completed'))).toBeGreaterThan(0.7);
    expect(share(by('cancelled'))).toBeGreaterThan(0.03);
    expect(share(by('cancelled'))).toBeLessThan(0.1);
    expect(share(by('pending'))).toBeGreaterThan(0.01);
    expect(share(by('pending'))).toBeLessThan(0.1);
    expect(share(by('paid'))).toBeGreaterThan(0.01);
  });

  it('refunds a few percent of orders, and complaints are fewer', () => {
    expect(share(history.refunds.length)).toBeGreaterThan(0.02);
    expect(share(history.refunds.length)).toBeLessThan(0.08);
    expect(history.complaints.length).toBeLessThan(history.refunds.length);
    expect(history.complaints.length).toBeGreaterThan(0);
  });

  it('NPS leans to promoters, with detractors', () => {
    const scores = history.feedback.map((f) => f.nps).filter((n): n is number => n !== null);
    const promoters = scores.filter((n) => n >= 9).length / scores.length;
    const detractors = scores.filter((n) => n <= 6).length / scores.length;
    expect(promoters).toBeGreaterThan(0.3);
    expect(detractors).toBeGreaterThan(0.05);
    expect(promoters).toBeGreaterThan(detractors);
  });

  it('has a seasonal rhythm: the weeks before Spring Festival and Double 11 are busier than an ordinary day', () => {
    const perDay = (from: string, to: string) => history.orders.filter((o) => o.orderedOn >= from && o.orderedOn <= to).length / (daysBetween(from, to) + 1);
    const all = perDay(addDays(TODAY, -HISTORY_DAYS), TODAY);
    const festival = springFestivalOf(2025);
    expect(perDay(addDays(festival, -25), addDays(festival, -4))).toBeGreaterThan(all * 1.8);
    expect(perDay(addDays(festival, 0), addDays(festival, 6))).toBeLessThan(all * 0.7);
    expect(perDay('2025-11-01', '2025-11-11')).toBeGreaterThan(all * 1.8);
    expect(perDay('2025-08-01', '2025-08-31')).toBeLessThan(all);
  });
});

describe('every generated record passes its schema unchanged', () => {
  it.each([1, 2, 3, 4, 5, 17, 99])('seed %i', (seed) => {
    const { products, history } = generate(60, seed, new Date(NOW.getTime() + seed * 7 * 86_400_000));
    expectValid(productSchema, products, 'product');
    expectValid(orderSchema, history.orders, 'order');
    expectValid(refundSchema, history.refunds, 'refund');
    expectValid(interactionSchema, history.interactions, 'interaction');
    expectValid(feedbackSchema, history.feedback, 'feedback');
    expectValid(complaintSchema, history.complaints, 'complaint');
    expectValid(taskSchema, history.tasks, 'task');
    // Every stored step is well formed, so none is dropped when the status is derived.
    for (const r of history.refunds) expect(collectSteps(r, refundMachine)).toHaveLength(Object.keys(r).filter((k) => k.startsWith('step:')).length);
    for (const c of history.complaints) expect(collectSteps(c, complaintMachine)).toHaveLength(Object.keys(c).filter((k) => k.startsWith('step:')).length);
  });
});


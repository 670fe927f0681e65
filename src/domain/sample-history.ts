import type { CustomerFields } from './customer';
import type { ProductFields } from './product';
import { lineTotal, type OrderFields, type OrderLine, type OrderStatus, type PaymentMethod, type OrderChannel } from './order';
import { refundableRemaining, type Refund, type RefundFields, type RefundMethod, type RefundReason, type RefundStatus, type RefundType } from './refund';
import type { InteractionFields, InteractionType } from './interaction';
import type { FeedbackChannel, FeedbackFields } from './feedback';
import { complaintDueDate, type ComplaintCategory, type ComplaintFields, type ComplaintSeverity, type ComplaintStatus } from './complaint';
import { taskFromNextStep, type TaskFields } from './task';
import { DEFAULT_REFUND_DUE_DAYS, DEFAULT_SLA_DAYS } from './crm-settings';
import { stepKey, type StatusStep } from './status-steps';
import { addDays, daysBetween } from './date-math';
import { todayCalendarDate } from './dates';
import { SeededRandom } from './seeded-random';
import { seasonalDay, springFestivalOf } from './sample-seasons';
import * as cat from './sample-catalogue';

export type Sampled<T> = T & { id: string };
/** Refunds and complaints carry their status as steps (status-steps.ts), written with the record. */
export type SampleSteps = { [step: `step:${string}`]: Omit<StatusStep, 'id'> };

export interface SampleHistory {
  orders: Sampled<OrderFields>[];
  refunds: (Sampled<RefundFields> & SampleSteps)[];
  interactions: Sampled<InteractionFields>[];
  feedback: Sampled<FeedbackFields>[];
  complaints: (Sampled<ComplaintFields> & SampleSteps)[];
  tasks: Sampled<TaskFields>[];
}

export interface HistoryOptions {
  seed: number;
  now: Date;
  memberId: string;
}

/** How far back the sample's trade goes. */
export const HISTORY_DAYS = 730;

type Lang = 'zh' | 'en';

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0').slice(-len);

/** Catalogue products with ids that do not depend on the number of customers. */
export function sampleProducts(options: HistoryOptions): Sampled<ProductFields>[] {
  const rng = new SeededRandom(options.seed ^ 0x5eed_0001);
  const at = options.now.getTime() - (HISTORY_DAYS + 30) * 86_400_000;
  const make = (items: readonly cat.CatalogueItem[], currency: string) =>
    items.map(([sku, name, category, unitPrice], i) => ({
      id: rng.id(at + i),
      name,
      sku,
      unitPrice,
      currency,
      category,
      active: !cat.retiredSkus.has(sku),
    }));
  return [...make(cat.zhCatalogue, 'CNY'), ...make(cat.enCatalogue, 'USD')];
}

/** A customer's stream of random numbers depends on the seed and its place only: batches do not change it. */
function customerRandom(seed: number, index: number): SeededRandom {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return new SeededRandom((h ^ (h >>> 16)) >>> 0);
}

/** Picks by weight: `[[value, weight], …]`. */
function weighted<T>(rng: SeededRandom, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.next() * total;
  for (const [value, w] of items) {
    r -= w;
    if (r < 0) return value;
  }
  return items[items.length - 1]![0];
}

const ordersPerStatus: Record<CustomerFields['status'], number> = { active: 17, inactive: 9, lost: 6, lead: 0.4 };
const interactionsPerStatus: Record<CustomerFields['status'], number> = { active: 7, inactive: 4, lost: 3, lead: 3 };
/** Days before `now` a customer's trade may start and must end: lapsed customers stopped buying. */
const activeWindow: Record<CustomerFields['status'], [number, number]> = { active: [HISTORY_DAYS, 0], inactive: [HISTORY_DAYS, 100], lost: [HISTORY_DAYS, 200], lead: [90, 0] };

class CustomerHistory {
  readonly out: SampleHistory = { orders: [], refunds: [], interactions: [], feedback: [], complaints: [], tasks: [] };
  readonly lang: Lang;
  readonly currency: string;
  /** What can be sold on a recent order, on one older than a year (retired products too), and the gift boxes. */
  readonly offered: { recent: Sampled<ProductFields>[]; old: Sampled<ProductFields>[]; gifts: Sampled<ProductFields>[] };
  readonly today: string;
  #counter = 0;

  constructor(
    readonly rng: SeededRandom,
    readonly customer: Sampled<CustomerFields>,
    readonly contactIds: readonly string[],
    readonly index: number,
    readonly options: HistoryOptions,
    products: readonly Sampled<ProductFields>[],
  ) {
    const country = customer.address?.country;
    this.lang = country === 'CN' ? 'zh' : 'en';
    this.currency = country === 'CN' ? 'CNY' : country === 'GB' ? 'GBP' : 'USD';
    const catalogue = products.filter((p) => (this.lang === 'zh' ? p.currency === 'CNY' : p.currency === 'USD'));
    this.offered = { recent: catalogue.filter((p) => p.active), old: catalogue, gifts: catalogue.filter((p) => p.active && p.sku.includes('-GFT-')) };
    this.today = todayCalendarDate(options.now);
  }

  /** uuid-v7-shaped, time-sorted; the customer's place and a counter make it unique in the sample. */
  id(ms: number): string {
    return this.rng.id(ms).slice(0, 24) + hex(this.index, 7) + hex(this.#counter++, 5);
  }

  /** A local instant on `date` during working hours, never after now. */
  instant(date: string, hourFrom = 9, hourTo = 18): string {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    let at = new Date(y, m - 1, d, this.rng.int(hourFrom, hourTo), this.rng.int(0, 59));
    if (at.getTime() > this.options.now.getTime()) at = new Date(this.options.now.getTime() - this.rng.int(5, 120) * 60_000);
    return at.toISOString();
  }

  /** `days` after `date`, but not after today. */
  later(date: string, days: number): string {
    const d = addDays(date, days);
    return d > this.today ? this.today : d;
  }

  text<K extends string>(lists: { zh: Record<K, readonly string[]>; en: Record<K, readonly string[]> }, key: K): string {
    return this.rng.pick(lists[this.lang][key]);
  }

  count(mean: number): number {
    return Math.floor(mean * (0.3 + 1.4 * this.rng.next()) + this.rng.next());
  }

  build(): SampleHistory {
    const { status, kind } = this.customer;
    const scale = kind === 'company' ? 1.25 : 0.85;
    const [fromDays, toDays] = activeWindow[status];
    const from = addDays(this.today, -fromDays);
    const to = addDays(this.today, -toDays);
    for (let n = this.count(ordersPerStatus[status] * scale); n > 0; n--) this.order(seasonalDay(from, to, () => this.rng.next()));
    for (let n = this.count(interactionsPerStatus[status]); n > 0; n--) this.interaction(seasonalDay(from, this.today, () => this.rng.next()));
    if (status !== 'lost' && (this.index % 40 === 0 || this.rng.chance(0.04))) this.task();
    this.out.orders.sort((a, b) => (a.id < b.id ? -1 : 1));
    return this.out;
  }

  order(orderedOn: string) {
    const rng = this.rng;
    const age = daysBetween(orderedOn, this.today);
    const toFestival = daysBetween(orderedOn, springFestivalOf(Number(orderedOn.slice(0, 4))));
    const giftSeason = (toFestival >= 0 && toFestival <= 28) || orderedOn.slice(5, 7) === '12';
    const company = this.customer.kind === 'company';
    const offered = age > 365 ? this.offered.old : this.offered.recent;
    const lines: OrderLine[] = [];
    for (let n = company ? rng.int(1, 4) : rng.int(1, 2); n > 0; n--) {
      const product = giftSeason && lines.length === 0 && rng.chance(0.6) ? rng.pick(this.offered.gifts) : rng.pick(offered);
      if (lines.some((l) => l.productId === product.id)) continue;
      const price = this.currency === 'GBP' ? Math.round((product.unitPrice * cat.GBP_PER_USD) / 10) * 10 : product.unitPrice;
      const quantity = company ? (product.sku.includes('-SVC-') ? rng.int(1, 3) : rng.int(2, 40)) : rng.int(1, 3);
      lines.push({ id: `l${lines.length + 1}`, productId: product.id, description: product.name, quantity, unitPrice: price });
    }
    const subtotal = lines.reduce((s, l) => s + lineTotal(l), 0);
    const discount = subtotal >= 50_000 && rng.chance(0.15) ? Math.floor((subtotal * rng.pick([0.05, 0.1, 0.12])) / 100) * 100 : 0;
    const status = this.orderStatus(age);
    const zh = this.lang === 'zh';
    const channel: OrderChannel = zh ? weighted(rng, [['wechat', 35], ['online', 30], ['store', 20], ['phone', 15]] as const) : weighted(rng, [['online', 45], ['store', 25], ['phone', 20], ['other', 10]] as const);
    const paymentMethod: PaymentMethod | null =
      status === 'pending' || status === 'cancelled'
        ? null
        : zh
          ? weighted(rng, [['wechat_pay', 40], ['alipay', 30], ['bank_transfer', company ? 30 : 5], ['cash', 5]] as const)
          : weighted(rng, [['bank_card', 50], ['bank_transfer', company ? 35 : 5], ['cash', 5], ['other', 5]] as const);
    const order: Sampled<OrderFields> = {
      id: this.id(Date.parse(`${orderedOn}T10:00:00Z`)),
      customerId: this.customer.id,
      orderedOn,
      lines,
      discount,
      currency: this.currency,
      channel,
      paymentMethod,
      status,
      notes: '',
    };
    this.out.orders.push(order);
    if (status === 'cancelled' || status === 'pending') return;
    const refund = rng.chance(0.05) ? this.refund(order) : null;
    if (rng.chance(refund ? 0.3 : 0.02)) this.complaint(order, refund !== null);
    if (status === 'completed' && rng.chance(0.18)) this.feedback(order, refund !== null);
  }

  orderStatus(age: number): OrderStatus {
    const rng = this.rng;
    if (age <= 3) return weighted(rng, [['pending', 35], ['paid', 40], ['shipped', 20], ['cancelled', 5]] as const);
    if (age <= 14) return weighted(rng, [['pending', 10], ['paid', 25], ['shipped', 35], ['completed', 25], ['cancelled', 5]] as const);
    return weighted(rng, [['completed', 86], ['cancelled', 6], ['pending', 3], ['paid', 3], ['shipped', 2]] as const);
  }

  /** Steps from the initial status, each a day or more after the one before, never after now. */
  steps<S extends string>(path: readonly (readonly [S, string])[], start: string): SampleSteps {
    const steps: SampleSteps = {};
    let after: string | null = null;
    let at = Date.parse(start);
    for (const [status, note] of path) {
      at = Math.min(at + this.rng.int(6, 60) * 3_600_000, this.options.now.getTime() - 60_000);
      const id = this.id(at);
      steps[stepKey(id) as `step:${string}`] = { status, by: this.options.memberId, at: new Date(at).toISOString(), after, note };
      after = id;
    }
    return steps;
  }

  refund(order: Sampled<OrderFields>): Sampled<RefundFields> | null {
    const rng = this.rng;
    const type: RefundType = weighted(rng, [['refund', 55], ['return', 30], ['exchange', 15]] as const);
    const reason: RefundReason =
      type === 'exchange'
        ? weighted(rng, [['defect', 60], ['wrong_item', 40]] as const)
        : weighted(rng, [['defect', 30], ['wrong_item', 15], ['not_as_described', 10], ['changed_mind', 20], ['late_delivery', 15], ['other', 10]] as const);
    const line = rng.pick(order.lines);
    // The domain's own rule: never more than is still refundable on the order.
    const remaining = refundableRemaining(order, [] as Refund[]);
    const wanted = type === 'exchange' ? 0 : type === 'return' ? lineTotal(line) : Math.round(lineTotal(line) * rng.pick([1, 0.5, 0.3]));
    const amount = Math.min(remaining, wanted);
    if (type !== 'exchange' && amount === 0) return null;
    const requestedOn = this.later(order.orderedOn, rng.int(2, 20));
    const zh = this.lang === 'zh';
    const method: RefundMethod = type === 'exchange' ? 'original' : weighted(rng, zh ? ([['original', 60], ['wechat_pay', 20], ['alipay', 15], ['bank_transfer', 5]] as const) : ([['original', 70], ['bank_transfer', 15], ['store_credit', 15]] as const));
    const age = daysBetween(requestedOn, this.today);
    const end: RefundStatus = age > 20 ? weighted(rng, [['completed', 80], ['rejected', 12], ['approved', 5], ['requested', 3]] as const) : weighted(rng, [['requested', 45], ['approved', 35], ['completed', 15], ['rejected', 5]] as const);
    const path: [RefundStatus, string][] = end === 'requested' ? [] : end === 'approved' ? [['approved', '']] : end === 'completed' ? [['approved', ''], ['completed', '']] : [['rejected', zh ? '超过退货期限' : 'Outside the return window']];
    const requestedAt = this.instant(requestedOn);
    const refund = {
      id: this.id(Date.parse(requestedAt)),
      customerId: order.customerId,
      orderId: order.id,
      lineIds: type === 'refund' && rng.chance(0.5) ? [] : [line.id],
      type,
      reason,
      reasonText: rng.chance(0.8) ? this.text({ zh: cat.zhRefundReasons, en: cat.enRefundReasons }, reason) : '',
      amount,
      currency: order.currency,
      method,
      dueDate: addDays(requestedOn, DEFAULT_REFUND_DUE_DAYS),
      ...this.steps(path, requestedAt),
    };
    this.out.refunds.push(refund);
    return refund;
  }

  complaint(order: Sampled<OrderFields>, refunded: boolean) {
    const rng = this.rng;
    const openedOn = this.later(order.orderedOn, rng.int(1, 10));
    const severity: ComplaintSeverity = weighted(rng, [['low', 30], ['medium', 45], ['high', 20], ['critical', 5]] as const);
    const category: ComplaintCategory = refunded ? 'product' : weighted(rng, [['product', 25], ['service', 20], ['delivery', 30], ['billing', 10], ['staff', 5], ['other', 10]] as const);
    const dueDate = complaintDueDate(openedOn, severity, DEFAULT_SLA_DAYS);
    const zh = this.lang === 'zh';
    const resolution = rng.pick(zh ? cat.zhResolutions : cat.enResolutions);
    // Past its deadline most are settled; some are still open: overdue, as in any real team.
    const end: ComplaintStatus = dueDate < this.today ? weighted(rng, [['resolved', 55], ['closed', 30], ['in_progress', 8], ['open', 7]] as const) : weighted(rng, [['open', 50], ['in_progress', 40], ['resolved', 10]] as const);
    const path: [ComplaintStatus, string][] =
      end === 'open' ? [] : end === 'in_progress' ? [['in_progress', '']] : end === 'resolved' ? [['in_progress', ''], ['resolved', resolution]] : [['in_progress', ''], ['resolved', resolution], ['closed', '']];
    const openedAt = this.instant(openedOn);
    this.out.complaints.push({
      id: this.id(Date.parse(openedAt)),
      customerId: order.customerId,
      orderId: rng.chance(0.9) ? order.id : null,
      severity,
      category,
      title: this.text({ zh: cat.zhComplaints, en: cat.enComplaints }, category),
      description: '',
      assigneeId: rng.chance(0.7) ? this.options.memberId : null,
      dueDate,
      ...this.steps(path, openedAt),
    });
  }

  feedback(order: Sampled<OrderFields>, unhappy: boolean) {
    const rng = this.rng;
    const raw = weighted(rng, [[10, 20], [9, 25], [8, 20], [7, 12], [6, 8], [5, 5], [4, 3], [3, 3], [2, 2], [1, 1], [0, 1]] as const);
    const nps = unhappy ? Math.max(0, raw - 4) : raw;
    const mood = nps >= 9 ? 'good' : nps >= 7 ? 'neutral' : 'bad';
    const satisfaction = rng.chance(0.15) ? null : Math.min(5, Math.max(1, Math.round(nps / 2) + rng.int(-1, 0)));
    const zh = this.lang === 'zh';
    this.out.feedback.push({
      id: this.id(Date.parse(`${order.orderedOn}T12:00:00Z`) + 86_400_000),
      customerId: order.customerId,
      orderId: order.id,
      receivedOn: this.later(order.orderedOn, rng.int(3, 14)),
      satisfaction,
      nps: rng.chance(0.1) ? null : nps,
      comment: rng.chance(0.7) ? this.text({ zh: cat.zhFeedback, en: cat.enFeedback }, mood) : '',
      channel: weighted(rng, zh ? ([['wechat', 40], ['survey', 25], ['in_person', 20], ['phone', 15]] as const) : ([['email', 35], ['survey', 30], ['online', 20], ['phone', 15]] as const)) as FeedbackChannel,
    });
  }

  interaction(day: string) {
    const rng = this.rng;
    const zh = this.lang === 'zh';
    const type: InteractionType = weighted(
      rng,
      zh
        ? ([['message', 30], ['call', 25], ['visit', 15], ['meeting', 8], ['email', 7], ['note', 15]] as const)
        : ([['email', 30], ['call', 25], ['meeting', 15], ['visit', 10], ['message', 5], ['note', 15]] as const),
    );
    const occurredAt = this.instant(day);
    const age = daysBetween(day, this.today);
    const id = this.id(Date.parse(occurredAt));
    let nextStep = '';
    let nextStepDue: string | null = null;
    // Recent follow-ups leave next steps due around now (some already late); old ones were done.
    if ((age <= 14 && rng.chance(0.6)) || (age > 14 && rng.chance(0.1))) {
      nextStep = rng.pick(zh ? cat.zhNextSteps : cat.enNextSteps);
      nextStepDue = age <= 14 ? addDays(this.today, rng.int(-4, 9)) : addDays(day, rng.int(3, 10));
      if (nextStepDue < day) nextStepDue = day;
    }
    const interaction: Sampled<InteractionFields> = {
      id,
      customerId: this.customer.id,
      type,
      occurredAt,
      memberId: this.options.memberId,
      contactId: this.contactIds.length && rng.chance(0.6) ? rng.pick(this.contactIds) : null,
      summary: this.text({ zh: cat.zhInteractions, en: cat.enInteractions }, type),
      outcome: type === 'note' ? '' : rng.pick(zh ? cat.zhOutcomes : cat.enOutcomes),
      nextStep,
      nextStepDue,
    };
    this.out.interactions.push(interaction);
    const task = taskFromNextStep(interaction);
    if (task) this.out.tasks.push({ ...task, ...(task.dueDate && task.dueDate < addDays(this.today, -4) ? this.done(task.dueDate) : {}), id: this.id(Date.parse(occurredAt) + 1) });
  }

  done(on: string): Pick<TaskFields, 'done' | 'doneAt' | 'doneBy'> {
    return { done: true, doneAt: this.instant(on, 15, 18), doneBy: this.options.memberId };
  }

  /** A task set by hand: every fortieth customer's is due today, so Today always has something. */
  task() {
    const rng = this.rng;
    const dueDate = this.index % 40 === 0 ? this.today : addDays(this.today, rng.int(-6, 10));
    const zh = this.lang === 'zh';
    const late = dueDate < this.today && rng.chance(0.25);
    this.out.tasks.push({
      id: this.id(this.options.now.getTime() - rng.int(1, 20) * 86_400_000),
      title: rng.pick(zh ? cat.zhTasks : cat.enTasks),
      dueDate,
      dueTime: rng.chance(0.3) ? rng.pick(['10:00', '14:30', '16:00']) : null,
      assigneeId: rng.chance(0.8) ? this.options.memberId : null,
      customerId: this.customer.id,
      interactionId: null,
      notes: '',
      ...(late ? this.done(dueDate) : { done: false, doneAt: null, doneBy: null }),
    });
  }
}

/**
 * The trade history of one customer: orders with seasonal rhythm, refunds and returns,
 * complaints, feedback with NPS, follow-ups and tasks. Seeded per customer, so a sample written
 * batch by batch is the same as one generated at once.
 */
export function sampleHistoryOf(customer: Sampled<CustomerFields>, contactIds: readonly string[], index: number, products: readonly Sampled<ProductFields>[], options: HistoryOptions): SampleHistory {
  return new CustomerHistory(customerRandom(options.seed, index), customer, contactIds, index, options, products).build();
}



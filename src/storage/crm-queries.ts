import Dexie, { liveQuery } from 'dexie';
import { addDays, addMonths } from '../domain/date-math';
import type { CrmSettings } from '../domain/crm-settings';
import { generateReminders, type Reminder } from '../domain/reminders';
import type { ActivityRow, ComplaintRow, CustomerRow, FeedbackRow, InteractionRow, OrderRow, ProductRow, ReadDb, RefundRow, TaskRow } from './read-db';
import type { Subscribable } from './subscribable';
import { settledLiveQuery } from './settled-live-query';

/** Everything of one customer that its page shows: each read by the customer's index. */
export interface CustomerRecords {
  interactions: InteractionRow[];
  orders: OrderRow[];
  refunds: RefundRow[];
  feedback: FeedbackRow[];
  complaints: ComplaintRow[];
  tasks: TaskRow[];
}

export interface ActivityFilter {
  customerId?: string;
  by?: string;
  collection?: string;
}

const live = <T extends { alive: 0 | 1 }>(rows: T[]) => rows.filter((r) => r.alive === 1);
const ofCustomer = (id: string) => [
  [id, Dexie.minKey],
  [id, Dexie.maxKey],
] as const;

/**
 * Read-side queries of the customer 360 records. Every one reads by an index and a limit, so
 * lists and timelines stay fast with 100k customers and a million timeline entries.
 */
export class CrmQueries {
  constructor(private readonly db: ReadDb) {}

  customerRecords(customerId: string): Subscribable<CustomerRecords> {
    return liveQuery(async () => {
      const [from, to] = ofCustomer(customerId);
      const [interactions, orders, refunds, feedback, complaints, tasks] = await Promise.all([
        this.db.interactions.where('[customerId+occurredAt]').between(from, to).reverse().toArray(),
        this.db.orders.where('[customerId+orderedOn]').between(from, to).reverse().toArray(),
        this.db.refunds.where('[customerId+createdAt]').between(from, to).reverse().toArray(),
        this.db.feedback.where('[customerId+receivedOn]').between(from, to).reverse().toArray(),
        this.db.complaints.where('[customerId+createdAt]').between(from, to).reverse().toArray(),
        this.db.tasks.where('[customerId+dueKey]').between(from, to).toArray(),
      ]);
      return { interactions: live(interactions), orders: live(orders), refunds: live(refunds), feedback: live(feedback), complaints: live(complaints), tasks: live(tasks) };
    });
  }

  /** Newest first. */
  orders(limit: number): Subscribable<OrderRow[]> {
    return liveQuery(() => this.db.orders.where('[alive+orderedOn]').between([1, Dexie.minKey], [1, Dexie.maxKey]).reverse().limit(limit).toArray());
  }

  order(id: string): Subscribable<OrderRow | undefined> {
    return liveQuery(() => this.db.orders.get(id));
  }

  refundsOfOrder(orderId: string): Subscribable<RefundRow[]> {
    return liveQuery(async () => live(await this.db.refunds.where('orderId').equals(orderId).toArray()));
  }

  refundIdsOfOrder(orderId: string): Promise<string[]> {
    return this.db.refunds.where('orderId').equals(orderId).primaryKeys();
  }

  /** Pending (requested, approved) first, then the rest; newest first within each; or one status. */
  refunds(limit: number, status?: RefundRow['status']): Subscribable<RefundRow[]> {
    return liveQuery(async () => {
      const newest = (index: string, key: unknown, n: number) =>
        this.db.refunds.where(index).between([key, Dexie.minKey], [key, Dexie.maxKey]).reverse().limit(n).toArray();
      if (status) return live(await newest('[status+createdAt]', status, limit));
      const pending = live(await newest('[pending+createdAt]', 1, limit));
      return pending.length >= limit ? pending : [...pending, ...live(await newest('[pending+createdAt]', 0, limit - pending.length))];
    });
  }

  refund(id: string): Subscribable<RefundRow | undefined> {
    return liveQuery(() => this.db.refunds.get(id));
  }

  /** Open first, by due date (the most overdue on top); then closed ones, latest due first. */
  complaints(limit: number): Subscribable<ComplaintRow[]> {
    return liveQuery(async () => {
      const open = live(await this.db.complaints.where('[open+dueDate]').between([1, Dexie.minKey], [1, Dexie.maxKey]).limit(limit).toArray());
      if (open.length >= limit) return open;
      const done = await this.db.complaints.where('[open+dueDate]').between([0, Dexie.minKey], [0, Dexie.maxKey]).reverse().limit(limit - open.length).toArray();
      return [...open, ...live(done)];
    });
  }

  complaint(id: string): Subscribable<ComplaintRow | undefined> {
    return liveQuery(() => this.db.complaints.get(id));
  }

  /** Tasks not done, soonest due first (no due date last). */
  openTasks(limit: number): Subscribable<TaskRow[]> {
    return liveQuery(async () => live(await this.db.tasks.where('[open+dueKey]').between([1, Dexie.minKey], [1, Dexie.maxKey]).limit(limit).toArray()));
  }

  products(): Subscribable<ProductRow[]> {
    return liveQuery(() => this.db.products.where('[alive+name]').between([1, Dexie.minKey], [1, Dexie.maxKey]).toArray());
  }

  /** Newest first, by the index that fits the filter best; the other filters apply to what it reads. */
  activity(filter: ActivityFilter, limit: number): Subscribable<ActivityRow[]> {
    return liveQuery(async () => {
      const [index, key] = filter.customerId
        ? ['[customerId+at]', filter.customerId]
        : filter.by
          ? ['[by+at]', filter.by]
          : filter.collection
            ? ['[collection+at]', filter.collection]
            : ['at', null];
      const keep = (e: ActivityRow) => (!filter.by || e.by === filter.by) && (!filter.collection || e.collection === filter.collection);
      const source = key === null ? this.db.activity.orderBy('at') : this.db.activity.where(index).between([key, Dexie.minKey], [key, Dexie.maxKey]);
      return source.reverse().filter(keep).limit(limit).toArray();
    });
  }

  /**
   * Reminders, computed from what the indexes find: birthdays and anniversaries in the window
   * (by month and day, across the end of the year), details not verified for the set period,
   * open tasks, pending refunds and open complaints.
   */
  reminders(today: string, now: Date, settings: Pick<CrmSettings, 'reminderWindowDays' | 'verifyAfterMonths'>, limit = 500): Subscribable<Reminder[]> {
    const db = this.db;
    return settledLiveQuery(db, [db.customers.name, db.tasks.name, db.refunds.name, db.complaints.name], async () => {
      const horizon = addDays(today, settings.reminderWindowDays);
      const byMonthDay = async (index: string) => {
        const from = today.slice(5);
        const to = horizon.slice(5);
        const range = (a: string, b: string) => this.db.customers.where(index).between([1, a], [1, b], true, true).limit(limit).toArray();
        return from <= to ? range(from, to) : [...(await range(from, '12-31')), ...(await range('01-01', to))];
      };
      const staleBefore = addMonths(today, -settings.verifyAfterMonths);
      const [birthdays, anniversaries, stale, tasks, refunds, complaints] = await Promise.all([
        byMonthDay('[alive+birthdayKey]'),
        byMonthDay('[alive+sinceKey]'),
        this.db.customers.where('[alive+reviewKey]').between([1, Dexie.minKey], [1, staleBefore], true, true).limit(limit).toArray(),
        this.db.tasks.where('[open+dueKey]').between([1, Dexie.minKey], [1, horizon], true, true).limit(limit).toArray(),
        this.db.refunds.where('[pending+createdAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).limit(limit).toArray(),
        this.db.complaints.where('[open+dueDate]').between([1, Dexie.minKey], [1, horizon], true, true).limit(limit).toArray(),
      ]);
      const customers = new Map<string, CustomerRow>();
      for (const c of [...birthdays, ...anniversaries, ...stale]) customers.set(c.id, c);
      // Names for refunds and complaints of other customers.
      const missing = [...new Set([...refunds, ...complaints].map((r) => r.customerId))].filter((id) => !customers.has(id));
      for (const c of await this.db.customers.bulkGet(missing)) if (c) customers.set(c.id, c);
      return generateReminders({
        today,
        now,
        customers: [...customers.values()],
        tasks: live(tasks),
        interactions: [],
        refunds: live(refunds),
        complaints: live(complaints),
        settings,
      });
    });
  }
}

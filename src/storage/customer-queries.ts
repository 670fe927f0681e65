import { liveQuery } from 'dexie';
import type { ComplaintRow, CustomerRow, FeedbackRow, InteractionRow, OrderRow, ReadDb, RefundRow, TaskRow } from './read-db';
import type { Subscribable } from './subscribable';
import { liveRows, startingWith } from './query-ranges';

export const customerSorts = ['name', 'city', 'status', 'updated'] as const;
export type CustomerSort = (typeof customerSorts)[number];
export type SortDirection = 'asc' | 'desc';

const sortIndex: Record<CustomerSort, string> = {
  name: '[alive+nameKey]',
  city: '[alive+cityKey]',
  status: '[alive+status]',
  updated: '[alive+updatedAt]',
};

/** Everything of one customer that its page shows: each read by the customer's index. */
export interface CustomerRecords {
  interactions: InteractionRow[];
  orders: OrderRow[];
  refunds: RefundRow[];
  feedback: FeedbackRow[];
  complaints: ComplaintRow[];
  tasks: TaskRow[];
}

export class CustomerQueries {
  constructor(private readonly db: ReadDb) {}

  /** The first `limit` customers in this order: a list never reads (or re-reads) the whole table. */
  list(sort: CustomerSort, direction: SortDirection, limit = Infinity): Subscribable<CustomerRow[]> {
    return liveQuery(() => {
      const rows = this.db.customers.where(sortIndex[sort]).between(...startingWith(1));
      return (direction === 'desc' ? rows.reverse() : rows).limit(limit).toArray();
    });
  }

  count(): Subscribable<number> {
    return liveQuery(() => this.db.customers.where('[alive+nameKey]').between(...startingWith(1)).count());
  }

  /** Customers by id, in that order (ids no longer stored are left out). */
  async byIds(ids: string[]): Promise<CustomerRow[]> {
    return (await this.db.customers.bulkGet(ids)).filter((c): c is CustomerRow => c !== undefined);
  }

  get(id: string): Subscribable<CustomerRow | undefined> {
    return liveQuery(() => this.db.customers.get(id));
  }

  /** The customer's interactions, orders, refunds, feedback, complaints and tasks, newest first. */
  records(customerId: string): Subscribable<CustomerRecords> {
    return liveQuery(async () => {
      const [from, to] = startingWith(customerId);
      const [interactions, orders, refunds, feedback, complaints, tasks] = await Promise.all([
        this.db.interactions.where('[customerId+occurredAt]').between(from, to).reverse().toArray(),
        this.db.orders.where('[customerId+orderedOn]').between(from, to).reverse().toArray(),
        this.db.refunds.where('[customerId+createdAt]').between(from, to).reverse().toArray(),
        this.db.feedback.where('[customerId+receivedOn]').between(from, to).reverse().toArray(),
        this.db.complaints.where('[customerId+createdAt]').between(from, to).reverse().toArray(),
        this.db.tasks.where('[customerId+dueKey]').between(from, to).toArray(),
      ]);
      return {
        interactions: liveRows(interactions),
        orders: liveRows(orders),
        refunds: liveRows(refunds),
        feedback: liveRows(feedback),
        complaints: liveRows(complaints),
        tasks: liveRows(tasks),
      };
    });
  }
}

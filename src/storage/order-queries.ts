import { liveQuery } from 'dexie';
import type { OrderRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { startingWith } from './query-ranges';
import { orderCountsAsSpent } from '../domain/order';

export class OrderQueries {
  constructor(private readonly db: ReadDb) {}

  /** Newest first. */
  recent(limit: number): Subscribable<OrderRow[]> {
    return liveQuery(() => this.db.orders.where('[alive+orderedOn]').between(...startingWith(1)).reverse().limit(limit).toArray());
  }

  /** Each customer's last purchase (the date of its newest paid, live order), as Key figures and the list's column count it; one index walk per customer. */
  async lastPurchases(customerIds: string[]): Promise<Map<string, string>> {
    const last = new Map<string, string>();
    await this.db.transaction('r', this.db.orders, () =>
      Promise.all(
        customerIds.map(async (id) => {
          const order = await this.db.orders.where('[customerId+orderedOn]').between(...startingWith(id)).reverse().filter((o) => o.alive === 1 && orderCountsAsSpent(o)).first();
          if (order) last.set(id, order.orderedOn);
        }),
      ),
    );
    return last;
  }

  get(id: string): Subscribable<OrderRow | undefined> {
    return liveQuery(() => this.db.orders.get(id));
  }
}

import { liveQuery } from 'dexie';
import type { OrderRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { startingWith } from './query-ranges';

export class OrderQueries {
  constructor(private readonly db: ReadDb) {}

  /** Newest first. */
  recent(limit: number): Subscribable<OrderRow[]> {
    return liveQuery(() => this.db.orders.where('[alive+orderedOn]').between(...startingWith(1)).reverse().limit(limit).toArray());
  }

  get(id: string): Subscribable<OrderRow | undefined> {
    return liveQuery(() => this.db.orders.get(id));
  }
}

import { liveQuery } from 'dexie';
import type { ReadDb, RefundRow } from './read-db';
import type { Subscribable } from './subscribable';
import { liveRows, startingWith } from './query-ranges';

export class RefundQueries {
  constructor(private readonly db: ReadDb) {}

  /** Pending (requested, approved) first, then the rest; newest first within each; or one status. */
  list(limit: number, status?: RefundRow['status']): Subscribable<RefundRow[]> {
    return liveQuery(async () => {
      const newest = (index: string, key: unknown, n: number) => this.db.refunds.where(index).between(...startingWith(key)).reverse().limit(n).toArray();
      if (status) return liveRows(await newest('[status+createdAt]', status, limit));
      const pending = liveRows(await newest('[pending+createdAt]', 1, limit));
      return pending.length >= limit ? pending : [...pending, ...liveRows(await newest('[pending+createdAt]', 0, limit - pending.length))];
    });
  }

  get(id: string): Subscribable<RefundRow | undefined> {
    return liveQuery(() => this.db.refunds.get(id));
  }

  ofOrder(orderId: string): Subscribable<RefundRow[]> {
    return liveQuery(async () => liveRows(await this.db.refunds.where('orderId').equals(orderId).toArray()));
  }

  idsOfOrder(orderId: string): Promise<string[]> {
    return this.db.refunds.where('orderId').equals(orderId).primaryKeys();
  }
}

import { liveQuery } from 'dexie';
import type { ActivityRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { startingWith } from './query-ranges';

export interface ActivityFilter {
  customerId?: string;
  by?: string;
  collection?: string;
}

export class ActivityQueries {
  constructor(private readonly db: ReadDb) {}

  /** Newest first, by the index that fits the filter best; the other filters apply to what it reads. */
  list(filter: ActivityFilter, limit: number): Subscribable<ActivityRow[]> {
    return liveQuery(async () => {
      const [index, key] = filter.customerId
        ? ['[customerId+at]', filter.customerId]
        : filter.by
          ? ['[by+at]', filter.by]
          : filter.collection
            ? ['[collection+at]', filter.collection]
            : ['at', null];
      const keep = (e: ActivityRow) => (!filter.by || e.by === filter.by) && (!filter.collection || e.collection === filter.collection);
      const source = key === null ? this.db.activity.orderBy('at') : this.db.activity.where(index).between(...startingWith(key));
      return source.reverse().filter(keep).limit(limit).toArray();
    });
  }
}

import { liveQuery } from 'dexie';
import type { ComplaintRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { liveRows, startingWith } from './query-ranges';

export class ComplaintQueries {
  constructor(private readonly db: ReadDb) {}

  /** Open first, by due date (the most overdue on top); then closed ones, latest due first. */
  list(limit: number): Subscribable<ComplaintRow[]> {
    return liveQuery(async () => {
      const open = liveRows(await this.db.complaints.where('[open+dueDate]').between(...startingWith(1)).limit(limit).toArray());
      if (open.length >= limit) return open;
      const done = await this.db.complaints.where('[open+dueDate]').between(...startingWith(0)).reverse().limit(limit - open.length).toArray();
      return [...open, ...liveRows(done)];
    });
  }

  get(id: string): Subscribable<ComplaintRow | undefined> {
    return liveQuery(() => this.db.complaints.get(id));
  }
}

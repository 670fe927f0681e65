import { liveQuery } from 'dexie';
import type { ReadDb, TaskRow } from './read-db';
import type { Subscribable } from './subscribable';
import { liveRows, startingWith } from './query-ranges';

export class TaskQueries {
  constructor(private readonly db: ReadDb) {}

  /** Tasks not done, soonest due first (no due date last). */
  open(limit: number): Subscribable<TaskRow[]> {
    return liveQuery(async () => liveRows(await this.db.tasks.where('[open+dueKey]').between(...startingWith(1)).limit(limit).toArray()));
  }
}

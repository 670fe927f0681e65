import Dexie from 'dexie';
import { addDays, addMonths } from '../domain/date-math';
import type { CrmSettings } from '../domain/crm-settings';
import { generateReminders, type Reminder } from '../domain/reminders';
import type { CustomerRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { settledLiveQuery } from './settled-live-query';
import { liveRows } from './query-ranges';

/** What Today shows: reminders computed from the read tables' indexes. */
export class ReminderQueries {
  constructor(private readonly db: ReadDb) {}

  /**
   * Reminders, computed from what the indexes find: birthdays and anniversaries in the window
   * (by month and day, across the end of the year), details not verified for the set period,
   * open tasks, and pending refunds and open complaints due by the end of the window.
   */
  due(today: string, now: Date, settings: Pick<CrmSettings, 'reminderWindowDays' | 'verifyAfterMonths'>, limit = 500): Subscribable<Reminder[]> {
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
        this.db.refunds.where('[pending+dueDate]').between([1, Dexie.minKey], [1, horizon], true, true).limit(limit).toArray(),
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
        tasks: liveRows(tasks),
        interactions: [],
        refunds: liveRows(refunds),
        complaints: liveRows(complaints),
        settings,
      });
    });
  }
}

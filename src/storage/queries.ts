import Dexie, { liveQuery } from 'dexie';
import type { WorkspaceSettings } from '../domain/workspace-settings';
import type { Member } from '../domain/member';
import { CrmQueries } from './crm-queries';
import type { ContactRow, CustomerRow, CustomFieldRow, ProblemRow, ReadDb, SavedViewRow } from './read-db';
import type { Subscribable } from './subscribable';

export const customerSorts = ['name', 'city', 'status', 'updated'] as const;
export type CustomerSort = (typeof customerSorts)[number];
export type SortDirection = 'asc' | 'desc';

const sortIndex: Record<CustomerSort, string> = {
  name: '[alive+nameKey]',
  city: '[alive+cityKey]',
  status: '[alive+status]',
  updated: '[alive+updatedAt]',
};

/** Read-side queries over the projected tables; every one reads by index, never by scanning. */
export class Queries {
  /** Interactions, orders, refunds, feedback, complaints, tasks, activity and reminders. */
  readonly crm: CrmQueries;

  constructor(private readonly db: ReadDb) {
    this.crm = new CrmQueries(db);
  }

  /** The first `limit` customers in this order: a list never reads (or re-reads) the whole table. */
  customers(sort: CustomerSort, direction: SortDirection, limit = Infinity): Subscribable<CustomerRow[]> {
    return liveQuery(() => {
      const rows = this.db.customers.where(sortIndex[sort]).between([1, Dexie.minKey], [1, Dexie.maxKey]);
      return (direction === 'desc' ? rows.reverse() : rows).limit(limit).toArray();
    });
  }

  customerCount(): Subscribable<number> {
    return liveQuery(() => this.db.customers.where('[alive+nameKey]').between([1, Dexie.minKey], [1, Dexie.maxKey]).count());
  }

  /** Customers by id, in that order (ids no longer stored are left out). */
  async customersByIds(ids: string[]): Promise<CustomerRow[]> {
    return (await this.db.customers.bulkGet(ids)).filter((c): c is CustomerRow => c !== undefined);
  }

  customer(id: string): Subscribable<CustomerRow | undefined> {
    return liveQuery(() => this.db.customers.get(id));
  }

  contactsOf(customerId: string): Subscribable<ContactRow[]> {
    return liveQuery(async () =>
      (await this.db.contacts.where('customerId').equals(customerId).toArray())
        .filter((c) => c.alive === 1)
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  }

  contact(id: string): Subscribable<ContactRow | undefined> {
    return liveQuery(() => this.db.contacts.get(id));
  }

  /** Deleted customers, most recently deleted first (null deletedAt is not indexed, so this skips live ones). */
  trash(): Subscribable<CustomerRow[]> {
    return liveQuery(() => this.db.customers.where('deletedAt').above('').reverse().toArray());
  }

  problems(): Subscribable<ProblemRow[]> {
    return liveQuery(() => this.db.problems.toArray());
  }

  problemCount(): Subscribable<number> {
    return liveQuery(() => this.db.problems.count());
  }

  memberList(): Promise<Member[]> {
    return this.db.members.toArray();
  }

  members(): Subscribable<Member[]> {
    return liveQuery(() => this.db.members.toArray());
  }

  customFields(): Subscribable<CustomFieldRow[]> {
    return liveQuery(async () => (await this.db.customFields.where('alive').equals(1).toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  }

  /** Views shared with the team, by name. */
  views(): Subscribable<SavedViewRow[]> {
    return liveQuery(async () => (await this.db.views.where('alive').equals(1).toArray()).sort((a, b) => a.name.localeCompare(b.name)));
  }

  settings(): Subscribable<WorkspaceSettings | undefined> {
    return liveQuery(async () => (await this.db.meta.get('settings'))?.value as WorkspaceSettings | undefined);
  }
}

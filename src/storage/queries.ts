import { liveQuery } from 'dexie';
import type { WorkspaceSettings } from '../domain/workspace-settings';
import type { Member } from '../domain/member';
import type { CustomFieldRow, ProblemRow, ReadDb, SavedViewRow } from './read-db';
import type { Subscribable } from './subscribable';
import { CustomerQueries } from './customer-queries';
import { ContactQueries } from './contact-queries';
import { OrderQueries } from './order-queries';
import { RefundQueries } from './refund-queries';
import { ComplaintQueries } from './complaint-queries';
import { TaskQueries } from './task-queries';
import { ProductQueries } from './product-queries';
import { ActivityQueries } from './activity-queries';
import { ReminderQueries } from './reminder-queries';
import { TrashQueries } from './trash-queries';

/**
 * Read-side queries over the projected tables, one object per record type; every one reads by
 * index and limit, never by scanning, so lists stay fast at 100k customers.
 */
export class Queries {
  readonly customers: CustomerQueries;
  readonly contacts: ContactQueries;
  readonly orders: OrderQueries;
  readonly refunds: RefundQueries;
  readonly complaints: ComplaintQueries;
  readonly tasks: TaskQueries;
  readonly products: ProductQueries;
  readonly activity: ActivityQueries;
  readonly reminders: ReminderQueries;
  /** Every record type in Trash. */
  readonly trash: TrashQueries;

  constructor(private readonly db: ReadDb) {
    this.customers = new CustomerQueries(db);
    this.contacts = new ContactQueries(db);
    this.orders = new OrderQueries(db);
    this.refunds = new RefundQueries(db);
    this.complaints = new ComplaintQueries(db);
    this.tasks = new TaskQueries(db);
    this.products = new ProductQueries(db);
    this.activity = new ActivityQueries(db);
    this.reminders = new ReminderQueries(db);
    this.trash = new TrashQueries(db);
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

  /** The custom fields in the order they were added, read once. */
  async customFieldList(): Promise<CustomFieldRow[]> {
    return (await this.db.customFields.where('alive').equals(1).toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
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

import Dexie, { type Table } from 'dexie';
import type { Customer } from '../domain/customer';
import type { Contact } from '../domain/contact';
import type { Member } from '../domain/member';
import type { CustomFieldDef } from '../domain/custom-field';
import type { SavedView } from '../domain/saved-view';
import type { Interaction } from '../domain/interaction';
import type { Product } from '../domain/product';
import type { Order } from '../domain/order';
import type { Refund, RefundStatus } from '../domain/refund';
import type { Feedback } from '../domain/feedback';
import type { Complaint, ComplaintStatus } from '../domain/complaint';
import type { Task } from '../domain/task';
import type { ActivityEntry } from '../domain/activity';
import type { FieldErrors } from '../domain/field-errors';
import type { CollectionName } from '../workspace/layout';

/** 1 = not deleted. IndexedDB cannot index booleans or null, so liveness is a number. */
export type Alive = 0 | 1;

/**
 * `birthdayKey`/`sinceKey`: MM-DD of the birthday and of the day the customer was added, for
 * "who has a birthday this week" by index; `reviewKey`: the day the details were last verified
 * (or added), for stale-verification reminders.
 */
export type CustomerRow = Customer & { alive: Alive; nameKey: string; cityKey: string; reachable: Alive; birthdayKey: string; sinceKey: string; reviewKey: string };
export type ContactRow = Contact & { alive: Alive };
export type CustomFieldRow = CustomFieldDef & { alive: Alive };
export type SavedViewRow = SavedView & { alive: Alive };
export type InteractionRow = Interaction & { alive: Alive };
export type ProductRow = Product & { alive: Alive };
/** `total` is computed from the lines, never typed. */
export type OrderRow = Order & { alive: Alive; total: number };
/** `status` is the agreed status of its steps; `pending` 1 while requested or approved. */
export type RefundRow = Refund & { alive: Alive; status: RefundStatus; pending: Alive };
export type FeedbackRow = Feedback & { alive: Alive };
export type ComplaintRow = Complaint & { alive: Alive; status: ComplaintStatus; open: Alive };
/** `dueKey` sorts tasks without a due date last; `open` 1 while not done. */
export type TaskRow = Task & { alive: Alive; dueKey: string; open: Alive };
export type ActivityRow = ActivityEntry;

export interface ProblemRow {
  key: string;
  /** 'sync' for a refused message or file rather than a record; 'settings' for a workspace setting. */
  collection: CollectionName | 'activity' | 'settings' | 'sync';
  recordId: string;
  errors: FieldErrors;
  /** The offending record as JSON (cut to a readable size), so someone can see what arrived. */
  raw: string;
  at: number;
}

/** One projected batch of a collection the customer list is built from (see list-journal.ts). */
export interface ListJournalRow {
  seq: number;
  collection: CollectionName;
  ids: string[];
}

/** A part of the list worker's state as of a journal seq (see lists/list-snapshot.ts); opaque here. */
export interface ListSnapshotRow {
  key: string;
  seq: number;
  version: number;
  state: unknown;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * Read tables are derived from the workspace document and can be dropped and rebuilt at any
 * time, so they use the browser's default (relaxed) durability.
 */
export class ReadDb extends Dexie {
  customers!: Table<CustomerRow, string>;
  contacts!: Table<ContactRow, string>;
  members!: Table<Member, string>;
  customFields!: Table<CustomFieldRow, string>;
  views!: Table<SavedViewRow, string>;
  interactions!: Table<InteractionRow, string>;
  products!: Table<ProductRow, string>;
  orders!: Table<OrderRow, string>;
  refunds!: Table<RefundRow, string>;
  feedback!: Table<FeedbackRow, string>;
  complaints!: Table<ComplaintRow, string>;
  tasks!: Table<TaskRow, string>;
  activity!: Table<ActivityRow, string>;
  problems!: Table<ProblemRow, string>;
  listJournal!: Table<ListJournalRow, number>;
  listSnapshot!: Table<ListSnapshotRow, string>;
  meta!: Table<MetaRow, string>;

  constructor(workspaceId: string) {
    super(`kehu-read-${workspaceId}`);
    this.version(1).stores({
      customers: 'id, [alive+nameKey], [alive+cityKey], [alive+status], [alive+updatedAt], deletedAt',
      contacts: 'id, customerId, deletedAt',
      members: 'id',
      customFields: 'id, alive',
      problems: 'key, collection',
      meta: 'key',
    });
    this.version(2).stores({ views: 'id, alive' });
    // Every list and timeline reads by one of these indexes: nothing scans a whole table.
    this.version(3).stores({
      customers: 'id, [alive+nameKey], [alive+cityKey], [alive+status], [alive+updatedAt], deletedAt, [alive+birthdayKey], [alive+sinceKey], [alive+reviewKey]',
      interactions: 'id, [customerId+occurredAt]',
      products: 'id, [alive+name]',
      orders: 'id, [customerId+orderedOn], [alive+orderedOn], [status+orderedOn]',
      refunds: 'id, [customerId+createdAt], orderId, [pending+createdAt], [status+createdAt]',
      feedback: 'id, [customerId+receivedOn]',
      complaints: 'id, [customerId+createdAt], [open+dueDate]',
      tasks: 'id, [customerId+dueKey], [open+dueKey], interactionId',
      activity: 'id, [customerId+at], [collection+at], [by+at], at',
    });
    // The list worker saves its state and catches up from the journal instead of reading every table.
    this.version(4).stores({ listJournal: 'seq', listSnapshot: 'key' });
    // Today reads pending refunds by due date, as complaints: the oldest 500 by creation missed
    // a refund due today behind older ones.
    this.version(5).stores({ refunds: 'id, [customerId+createdAt], orderId, [pending+createdAt], [status+createdAt], [pending+dueDate]' });
    // Trash lists every record type by when it was deleted (live records, null deletedAt, are not indexed).
    this.version(6).stores({
      interactions: 'id, [customerId+occurredAt], deletedAt',
      products: 'id, [alive+name], deletedAt',
      orders: 'id, [customerId+orderedOn], [alive+orderedOn], [status+orderedOn], deletedAt',
      refunds: 'id, [customerId+createdAt], orderId, [pending+createdAt], [status+createdAt], [pending+dueDate], deletedAt',
      feedback: 'id, [customerId+receivedOn], deletedAt',
      complaints: 'id, [customerId+createdAt], [open+dueDate], deletedAt',
      tasks: 'id, [customerId+dueKey], [open+dueKey], interactionId, deletedAt',
    });
  }
}

import Dexie, { type Table } from 'dexie';
import type { Customer } from '../domain/customer';
import type { Contact } from '../domain/contact';
import type { Member } from '../domain/member';
import type { CustomFieldDef } from '../domain/custom-field';
import type { SavedView } from '../domain/saved-view';
import type { FieldErrors } from '../domain/field-errors';
import type { CollectionName } from '../workspace/layout';

/** 1 = not deleted. IndexedDB cannot index booleans or null, so liveness is a number. */
export type Alive = 0 | 1;

export type CustomerRow = Customer & { alive: Alive; nameKey: string; cityKey: string; reachable: Alive };
export type ContactRow = Contact & { alive: Alive };
export type CustomFieldRow = CustomFieldDef & { alive: Alive };
export type SavedViewRow = SavedView & { alive: Alive };

export interface ProblemRow {
  key: string;
  /** 'sync' for a refused message or file rather than a record. */
  collection: CollectionName | 'sync';
  recordId: string;
  errors: FieldErrors;
  /** The offending record as JSON (cut to a readable size), so someone can see what arrived. */
  raw: string;
  at: number;
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
  problems!: Table<ProblemRow, string>;
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
  }
}

import { liveQuery } from 'dexie';
import type { ContactRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { liveRows } from './query-ranges';

export class ContactQueries {
  constructor(private readonly db: ReadDb) {}

  /** A customer's contacts by name. */
  ofCustomer(customerId: string): Subscribable<ContactRow[]> {
    return liveQuery(async () => liveRows(await this.db.contacts.where('customerId').equals(customerId).toArray()).sort((a, b) => a.name.localeCompare(b.name)));
  }

  /** The live contacts of these customers, each customer's by name (one read, for an export). */
  async ofCustomers(customerIds: string[]): Promise<ContactRow[]> {
    const rows = liveRows(await this.db.contacts.where('customerId').anyOf(customerIds).toArray());
    return rows.sort((a, b) => a.customerId.localeCompare(b.customerId) || a.name.localeCompare(b.name));
  }

  get(id: string): Subscribable<ContactRow | undefined> {
    return liveQuery(() => this.db.contacts.get(id));
  }
}

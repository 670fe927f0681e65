import type { CustomerFields, CustomerStatus } from '../domain/customer';
import type { ContactFields } from '../domain/contact';
import { collection } from './layout';
import { TAG_PREFIX, readRecord, writeChanges } from './record-map';
import { readStoredRecord } from './record-entry';
import { insertRecord, logChange, patchRecord, purgeRecord, restoreRecord, softDeleteRecord } from './record-commands';
import type { Workspace } from './workspace';

export function createCustomer(ws: Workspace, fields: CustomerFields, id?: string): string {
  return insertRecord(ws, 'customers', fields, id);
}

export function updateCustomer(ws: Workspace, id: string, fields: Partial<CustomerFields>): string[] {
  return patchRecord(ws, 'customers', id, fields);
}

export function deleteCustomer(ws: Workspace, id: string): void {
  softDeleteRecord(ws, 'customers', id);
}

export function restoreCustomer(ws: Workspace, id: string): void {
  restoreRecord(ws, 'customers', id);
}

/** "Delete forever" also removes the customer's contacts, in the same transaction. */
export function purgeCustomer(ws: Workspace, id: string): void {
  ws.transact(() => {
    for (const [contactId, map] of collection(ws.doc, 'contacts').entries()) {
      if (readStoredRecord(contactId, map)?.customerId === id) purgeRecord(ws, 'contacts', contactId);
    }
    purgeRecord(ws, 'customers', id);
  });
}

export function createContact(ws: Workspace, fields: ContactFields): string {
  return insertRecord(ws, 'contacts', fields);
}

export function updateContact(ws: Workspace, id: string, fields: Partial<ContactFields>): string[] {
  return patchRecord(ws, 'contacts', id, fields);
}

export function deleteContact(ws: Workspace, id: string): void {
  softDeleteRecord(ws, 'contacts', id);
}

export function restoreContact(ws: Workspace, id: string): void {
  restoreRecord(ws, 'contacts', id);
}

/** The changes a bulk action makes to each customer; tags are set key by key so concurrent tag edits merge. */
export interface BulkChange {
  addTag?: string;
  removeTag?: string;
  ownerId?: string | null;
  status?: CustomerStatus;
}

/** Applies one bulk change to customers that exist (ids purged meanwhile are skipped); returns how many changed. */
export function bulkUpdateCustomers(ws: Workspace, ids: string[], change: BulkChange): number {
  const customers = collection(ws.doc, 'customers');
  let changed = 0;
  ws.transact(() => {
    for (const id of ids) {
      const map = customers.get(id);
      // A quarantined entry (a peer's string, a map out of bounds) is not a customer to change.
      const current = readStoredRecord(id, map);
      if (!map || !current) continue;
      const tags = current.tags as string[];
      const patch: Record<string, unknown> = {};
      if (change.ownerId !== undefined) patch.ownerId = change.ownerId;
      if (change.status !== undefined) patch.status = change.status;
      let dirty = writeChanges(map, patch).length > 0;
      // Tags compare case-insensitively, as in the form: "VIP" is not added next to "vip".
      const has = (tag: string) => tags.find((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase());
      if (change.addTag && !has(change.addTag)) {
        map.set(TAG_PREFIX + change.addTag, true);
        dirty = true;
      }
      const existing = change.removeTag ? has(change.removeTag) : undefined;
      if (existing) {
        map.set(TAG_PREFIX + existing, null);
        dirty = true;
      }
      if (dirty) {
        map.set('updatedAt', ws.now());
        map.set('updatedBy', ws.memberId);
        logChange(ws, 'customers', id, current, readRecord(map));
        changed += 1;
      }
    }
  });
  return changed;
}

/** Soft-deletes (or restores) many customers in one transaction, for bulk delete and its undo. */
export function setCustomersDeleted(ws: Workspace, ids: string[], deleted: boolean): void {
  ws.transact(() => {
    for (const id of ids) {
      // Ids purged meanwhile, and entries a peer made unreadable since the list showed them, are skipped.
      if (!readStoredRecord(id, collection(ws.doc, 'customers').get(id))) continue;
      if (deleted) softDeleteRecord(ws, 'customers', id);
      else restoreRecord(ws, 'customers', id);
    }
  });
}

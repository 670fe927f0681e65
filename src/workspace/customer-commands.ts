import type { CustomerFields } from '../domain/customer';
import type { ContactFields } from '../domain/contact';
import { collection } from './layout';
import { readRecord } from './record-map';
import { insertRecord, patchRecord, purgeRecord, restoreRecord, softDeleteRecord } from './record-commands';
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
      if (readRecord(map).customerId === id) purgeRecord(ws, 'contacts', contactId);
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

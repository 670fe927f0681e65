import { z } from 'zod';
import { customerDraftSchema, customerStatuses, type CustomerDraft, type CustomerFields, type CustomerStatus } from '../domain/customer';
import type { CustomFieldDefFields } from '../domain/custom-field';
import { parseWith, type ParseResult } from '../domain/field-errors';
import { findTag, sameTag, tagSchema } from '../domain/tags';
import { markVerifiedPatch } from '../domain/verification';
import type { WorkspaceSettings } from '../domain/workspace-settings';
import { todayOf, type CommandContext } from './command-context';
import { collection } from './layout';
import { readStoredRecord } from './record-entry';
import { assertWritable, insertRecord, patchRecord, purgeRecord, readRecordsWhere } from './record-commands';
import { childFinder, restoreTrashed, trashedWith, trashGroups, trashRecord } from './record-trash';
import type { Workspace } from './workspace';

export function createCustomer(ws: Workspace, fields: CustomerFields, id?: string): string {
  return insertRecord(ws, 'customers', fields, id);
}

export function updateCustomer(ws: Workspace, id: string, fields: Partial<CustomerFields>): string[] {
  return patchRecord(ws, 'customers', id, fields);
}

/** Everything under the customer goes to Trash with it (domain/record-links.ts). */
export function deleteCustomer(ws: Workspace, id: string): void {
  trashRecord(ws, 'customers', id);
}

export function restoreCustomer(ws: Workspace, id: string): void {
  restoreTrashed(ws, 'customers', id);
}

/**
 * "Delete forever" also removes the customer's contacts and what went to Trash with it, in the
 * same transaction: nothing is left in Trash that names a customer who no longer exists.
 */
export function purgeCustomer(ws: Workspace, id: string): void {
  ws.transact(() => {
    for (const [contactId, map] of collection(ws.doc, 'contacts').entries()) {
      if (readStoredRecord(contactId, map)?.customerId === id) purgeRecord(ws, 'contacts', contactId);
    }
    for (const r of trashedWith(ws, id)) purgeRecord(ws, r.type, r.id);
    purgeRecord(ws, 'customers', id);
  });
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
  assertWritable(ws, 'customers');
  const customers = collection(ws.doc, 'customers');
  let changed = 0;
  ws.transact(() => {
    for (const id of ids) {
      // A quarantined entry (a peer's string, a map out of bounds) is not a customer to change.
      const current = readStoredRecord(id, customers.get(id), 'customers');
      if (!current) continue;
      const patch: Record<string, unknown> = {};
      if (change.ownerId !== undefined) patch.ownerId = change.ownerId;
      if (change.status !== undefined) patch.status = change.status;
      // Tags compare by key (domain/tags.ts), as in the form: "VIP" is not added next to "vip",
      // and removing "vip" removes it in every spelling the record holds. Written key by key
      // (record-map.ts), so a teammate's concurrent tag edits merge.
      const tags = current.tags as string[];
      let next = tags;
      if (change.addTag && !findTag(next, change.addTag)) next = [...next, change.addTag];
      const removed = change.removeTag;
      if (removed) next = next.filter((t) => !sameTag(t, removed));
      if (next !== tags) patch.tags = next;
      if (patchRecord(ws, 'customers', id, patch).length > 0) changed += 1;
    }
  });
  return changed;
}

/**
 * What a bulk delete or restore reads of the links once and shares between its batches. A record
 * a teammate adds meanwhile under a customer being deleted is not in it: the read side shows it
 * in Trash with its customer all the same (record-trash.ts, effectiveTrash).
 */
export interface TrashLinks {
  finder?: ReturnType<typeof childFinder>;
  groups?: ReturnType<typeof trashGroups>;
}

/** Soft-deletes (or restores) many customers in one transaction, for bulk delete and its undo. */
export function setCustomersDeleted(ws: Workspace, ids: string[], deleted: boolean, links: TrashLinks = {}): void {
  ws.transact(() => {
    // One reading of who names whom for all the batches (each customer's records go with it):
    // a scan of every order per batch of a thousand customers would be most of a bulk delete.
    const finder = deleted ? (links.finder ??= childFinder(ws)) : undefined;
    const groups = deleted ? undefined : (links.groups ??= trashGroups(ws));
    for (const id of ids) {
      // Ids purged meanwhile, and entries a peer made unreadable since the list showed them, are skipped.
      if (!readStoredRecord(id, collection(ws.doc, 'customers').get(id))) continue;
      if (deleted) trashRecord(ws, 'customers', id, finder);
      else restoreTrashed(ws, 'customers', id, groups);
    }
  });
}

const bulkChangeSchema = z.object({
  addTag: tagSchema.optional(),
  removeTag: tagSchema.optional(),
  ownerId: z.string().max(64).nullable().optional(),
  status: z.enum(customerStatuses).optional(),
});

/** Customers (individuals and businesses): create, edit, Trash, delete forever, verify, bulk changes. */
export class CustomerCommands {
  constructor(
    private readonly ctx: CommandContext,
    private readonly settings: () => WorkspaceSettings,
  ) {}

  #customFieldDefs() {
    return readRecordsWhere(this.ctx.ws, 'customFields', (d) => !d.deletedAt) as (CustomFieldDefFields & { id: string })[];
  }

  /** `held`: the custom values of the record being edited, as the form opened (a removed choice stays valid there). */
  parse(draft: CustomerDraft, held?: CustomerDraft['custom']): ParseResult<CustomerFields> {
    const schema = customerDraftSchema({ region: this.settings().defaultRegion, today: todayOf(this.ctx), customFields: this.#customFieldDefs(), held });
    return parseWith(schema, draft);
  }

  async create(draft: CustomerDraft): Promise<ParseResult<string>> {
    await this.ctx.loaded();
    const parsed = this.parse(draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.ctx.commit(() => createCustomer(this.ctx.ws, parsed.value)) };
  }

  /** `original` is the draft as the form opened: the save merges what the person changed since into the record as it is now. */
  async update(id: string, draft: CustomerDraft, original: CustomerDraft): Promise<ParseResult<string[]>> {
    await this.ctx.loaded();
    const parsed = this.parse(draft, original.custom);
    if (!parsed.ok) return parsed;
    const before = this.parse(original, original.custom);
    return { ok: true, value: await this.ctx.forms.save('customers', id, before.ok ? before.value : null, parsed.value) };
  }

  remove(id: string) {
    return this.ctx.commit(() => deleteCustomer(this.ctx.ws, id));
  }

  restore(id: string) {
    return this.ctx.commit(() => restoreCustomer(this.ctx.ws, id));
  }

  purge(id: string) {
    return this.ctx.commit(() => purgeCustomer(this.ctx.ws, id));
  }

  /** "Mark verified": someone checked the customer's details; stamps who and when. */
  markVerified(id: string) {
    const { ws } = this.ctx;
    return this.ctx.commit(() => patchRecord(ws, 'customers', id, markVerifiedPatch({ by: ws.memberId, at: ws.now() })));
  }

  /**
   * One change to many customers, in transactions of a thousand with pauses between, so
   * changing 100k customers neither freezes the page nor becomes one enormous update.
   */
  async bulkUpdate(ids: string[], draft: BulkChange): Promise<ParseResult<number>> {
    const parsed = parseWith(bulkChangeSchema, draft);
    if (!parsed.ok) return parsed;
    let changed = 0;
    await this.ctx.inBatches(ids, (batch) => (changed += bulkUpdateCustomers(this.ctx.ws, batch, parsed.value)));
    return { ok: true, value: changed };
  }

  bulkRemove(ids: string[]) {
    const links: TrashLinks = {};
    return this.ctx.inBatches(ids, (batch) => setCustomersDeleted(this.ctx.ws, batch, true, links));
  }

  bulkRestore(ids: string[]) {
    const links: TrashLinks = {};
    return this.ctx.inBatches(ids, (batch) => setCustomersDeleted(this.ctx.ws, batch, false, links));
  }
}

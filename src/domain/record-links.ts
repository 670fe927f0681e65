/**
 * What happens to the records that name a record when it goes to Trash (issue 21): either they
 * go with it and come back with it ('cascade'), or the delete is refused with a reason
 * ('refuse'). docs/workspace-format.md ("Linked records") has the same table in words.
 */

/** The record types that name others or are named; spelled as the workspace's collections. */
export type LinkedType = 'customers' | 'contacts' | 'interactions' | 'products' | 'orders' | 'refunds' | 'feedback' | 'complaints' | 'tasks';

export type LinkRule = 'cascade' | 'refuse';

export interface RecordLink {
  parent: LinkedType;
  child: LinkedType;
  /** The child's field that holds the parent's id ('lines' holds it in each line's productId). */
  field: string;
  rule: LinkRule;
}

export const recordLinks: readonly RecordLink[] = [
  // A customer's records mean nothing without the customer: all of them go to Trash with it.
  { parent: 'customers', child: 'contacts', field: 'customerId', rule: 'cascade' },
  { parent: 'customers', child: 'interactions', field: 'customerId', rule: 'cascade' },
  { parent: 'customers', child: 'orders', field: 'customerId', rule: 'cascade' },
  { parent: 'customers', child: 'refunds', field: 'customerId', rule: 'cascade' },
  { parent: 'customers', child: 'feedback', field: 'customerId', rule: 'cascade' },
  { parent: 'customers', child: 'complaints', field: 'customerId', rule: 'cascade' },
  { parent: 'customers', child: 'tasks', field: 'customerId', rule: 'cascade' },
  // An interaction with a contact is about that contact; a follow-up task about its interaction.
  { parent: 'contacts', child: 'interactions', field: 'contactId', rule: 'cascade' },
  { parent: 'interactions', child: 'tasks', field: 'interactionId', rule: 'cascade' },
  // Refunds, returns and exchanges, and feedback or complaints about an order, go with the order:
  // a refund of an order in Trash would count money no live order backs.
  { parent: 'orders', child: 'refunds', field: 'orderId', rule: 'cascade' },
  { parent: 'orders', child: 'feedback', field: 'orderId', rule: 'cascade' },
  { parent: 'orders', child: 'complaints', field: 'orderId', rule: 'cascade' },
  // An order line is what was sold: a product on an order is kept; "Active" off stops offering it.
  { parent: 'products', child: 'orders', field: 'lines', rule: 'refuse' },
];

/** The ids of `link.parent` records that `record` names through `link`. */
export function parentIds(link: RecordLink, record: Record<string, unknown>): string[] {
  const value = record[link.field];
  if (link.field === 'lines') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((line: unknown) => {
      const id = typeof line === 'object' && line !== null ? (line as Record<string, unknown>).productId : undefined;
      return typeof id === 'string' && id ? [id] : [];
    });
  }
  return typeof value === 'string' && value ? [value] : [];
}

/** The record types Trash lists: every one a person deletes. */
export const trashTypes = ['customers', 'contacts', 'interactions', 'products', 'orders', 'refunds', 'feedback', 'complaints', 'tasks'] as const satisfies readonly LinkedType[];
export type TrashType = (typeof trashTypes)[number];

/** The most recently deleted records Trash shows of each type at first; "Show more" shows as many more. */
export const TRASH_PAGE = 500;

export const linksFrom = (parent: LinkedType) => recordLinks.filter((l) => l.parent === parent);
export const linksTo = (child: LinkedType) => recordLinks.filter((l) => l.child === child);

export interface LinkedRecord {
  type: LinkedType;
  id: string;
  deletedAt: string | null;
  /** The id of the record whose delete took this one to Trash; absent or null when deleted on its own. */
  trashedWith?: string | null;
}

/** Reads the records of `link.child` that name `parentId` (live and in Trash). */
export type ChildFinder = (link: RecordLink, parentId: string) => readonly LinkedRecord[];

export type TrashPlan =
  | { ok: true; records: LinkedRecord[]; counts: Partial<Record<LinkedType, number>> }
  | { ok: false; reason: 'linked'; child: LinkedType; count: number };

/**
 * What a delete of `root` takes to Trash with it: every live record that names it, and what
 * names those, once each. Records already in Trash stay as they are (their restore is their own).
 * Refused when a 'refuse' link has a record, in Trash or not (restoring it would bring it back).
 */
export function planTrash(root: Pick<LinkedRecord, 'type' | 'id'>, children: ChildFinder): TrashPlan {
  const seen = new Set<string>([root.id]);
  const records: LinkedRecord[] = [];
  const counts: Partial<Record<LinkedType, number>> = {};
  const queue: Pick<LinkedRecord, 'type' | 'id'>[] = [root];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const link of linksFrom(next.type)) {
      const found = children(link, next.id);
      if (link.rule === 'refuse') {
        if (found.length > 0) return { ok: false, reason: 'linked', child: link.child, count: found.length };
        continue;
      }
      for (const child of found) {
        if (seen.has(child.id) || child.deletedAt) continue;
        seen.add(child.id);
        records.push(child);
        counts[child.type] = (counts[child.type] ?? 0) + 1;
        queue.push(child);
      }
    }
  }
  return { ok: true, records, counts };
}

/** Reads the record of `type` with `id` (live or in Trash); undefined when it is not there. */
export type RecordFinder = (type: LinkedType, id: string) => LinkedRecord | undefined;

export type RestorePlan =
  | { ok: true; records: LinkedRecord[] }
  | { ok: false; reason: 'withParent'; parent: LinkedType }
  | { ok: false; reason: 'parentInTrash'; parent: LinkedType };

/**
 * What a restore of `record` brings back: itself and exactly the records that went to Trash
 * with it (`trashedWith` its id), not those that were in Trash before. Refused while a record it
 * names through a cascade link is in Trash: it would come back under a parent nobody sees.
 */
export function planRestore(
  record: LinkedRecord & Record<string, unknown>,
  wentWith: readonly LinkedRecord[],
  find: RecordFinder,
): RestorePlan {
  for (const link of linksTo(record.type)) {
    if (link.rule !== 'cascade') continue;
    for (const id of parentIds(link, record)) {
      const parent = find(link.parent, id);
      if (!parent?.deletedAt) continue;
      const went = !!record.trashedWith && (record.trashedWith === id || record.trashedWith === parent.trashedWith);
      return { ok: false, reason: went ? 'withParent' : 'parentInTrash', parent: link.parent };
    }
  }
  return { ok: true, records: wentWith.filter((r) => r.deletedAt && r.trashedWith === record.id) };
}

/** A delete or restore the links refuse; `code` names its translated reason (trash.refused.*). */
export class LinkRefusedError extends Error {
  override name = 'LinkRefusedError';
  constructor(
    readonly code: 'linked' | 'withParent' | 'parentInTrash',
    readonly recordType: LinkedType,
    readonly linkedType: LinkedType,
    readonly count: number = 1,
  ) {
    super(`${recordType}: ${code} (${linkedType})`);
  }
}

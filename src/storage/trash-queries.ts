import { liveQuery, type Table } from 'dexie';
import { TRASH_PAGE, trashTypes, type TrashType } from '../domain/record-links';
import type { ReadDb } from './read-db';
import type { Subscribable } from './subscribable';

export { trashTypes, type TrashType } from '../domain/record-links';

/** The most recently deleted records read per type at first; "Show more" reads this many more of each. */
export const TRASH_LIMIT = TRASH_PAGE;

export type TrashCounts = Record<TrashType, number>;

export interface TrashRow {
  type: TrashType;
  id: string;
  deletedAt: string;
  /** Who deleted it: the last writer of a record in Trash. */
  deletedBy: string;
  trashedWith: string | null;
  /** Its customer's name (the customer may be in Trash too); null for a product or a task of no one. */
  customerName: string | null;
  record: Record<string, unknown>;
}

/** A record deleted on its own, with what went to Trash with it (restored with it). */
export interface TrashGroup {
  row: TrashRow;
  went: TrashRow[];
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** Groups rows by what took them to Trash, newest first; a row whose group root is not listed stands alone. */
export function groupTrash(rows: readonly TrashRow[]): TrashGroup[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const groups = new Map<string, TrashGroup>();
  for (const row of rows) if (!row.trashedWith || !byId.has(row.trashedWith)) groups.set(row.id, { row, went: [] });
  for (const row of rows) if (row.trashedWith && byId.has(row.trashedWith)) groups.get(row.trashedWith)?.went.push(row);
  const newest = (a: TrashRow, b: TrashRow) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : a.id < b.id ? 1 : -1);
  const out = [...groups.values()].sort((a, b) => newest(a.row, b.row));
  for (const g of out) g.went.sort((a, b) => trashTypes.indexOf(a.type) - trashTypes.indexOf(b.type) || newest(a, b));
  return out;
}

export class TrashQueries {
  constructor(private readonly db: ReadDb) {}

  /**
   * Every record type in Trash, grouped by what went with what: the newest `limit` of each type,
   * each table read by its deletedAt index (counts() says how many there are in all).
   */
  all(limit = TRASH_LIMIT): Subscribable<TrashGroup[]> {
    return liveQuery(async () => {
      const rows: TrashRow[] = [];
      for (const type of trashTypes) {
        const table = this.db[type] as unknown as Table<Record<string, unknown>, string>;
        // null deletedAt is not indexed, so this reads only records in Trash.
        const found = await table.where('deletedAt').above('').reverse().limit(limit).toArray();
        for (const record of found) {
          rows.push({
            type,
            id: String(record.id),
            deletedAt: String(record.deletedAt),
            deletedBy: String(record.updatedBy),
            trashedWith: text(record.trashedWith),
            customerName: null,
            record,
          });
        }
      }
      const customerIds = [...new Set(rows.flatMap((r) => (r.type === 'customers' ? [] : [text(r.record.customerId)].filter((id): id is string => !!id))))];
      const customers = await this.db.customers.bulkGet(customerIds);
      const names = new Map(customers.flatMap((c) => (c ? [[c.id, c.name] as const] : [])));
      for (const row of rows) row.customerName = row.type === 'customers' ? text(row.record.name) : (names.get(text(row.record.customerId) ?? '') ?? null);
      return groupTrash(rows);
    });
  }

  /** How many records of each type are in Trash, counted on the deletedAt index. */
  counts(): Subscribable<TrashCounts> {
    return liveQuery(async () => {
      const counts = {} as TrashCounts;
      for (const type of trashTypes) counts[type] = await (this.db[type] as unknown as Table<Record<string, unknown>, string>).where('deletedAt').above('').count();
      return counts;
    });
  }
}

import type { ListFilter } from '../domain/list-filter';
import type { ComplaintRow, ContactRow, CustomerRow, OrderRow, ReadDb } from '../storage/read-db';
import type { ProjectedChange } from '../storage/projection';
import { yieldToPage } from '../storage/pacing';
import { contactSearchDoc, customerSearchDoc } from '../search/search-doc';
import { CustomerList, type ListRow } from './customer-list';
import { noExtras, toListRow, type CustomerExtras } from './list-row';
import { CustomerSearch } from './customer-search';

/** Rows read per step while loading, so queries are answered (on what is loaded) meanwhile. */
const LOAD_CHUNK = 5000;

export interface ListResult {
  total: number;
  /** The rows of the window asked for with the query, so a keystroke costs one round trip. */
  rows: ListRow[];
  /** Where `rows` start. */
  from: number;
  /** False while the engine is still reading the tables: the total may grow. */
  complete: boolean;
}

/**
 * The customer list and its search index, in memory, fed from the read tables once and then by
 * every projected change. Runs in the list worker (or in-thread where there are no workers).
 */
export class ListEngine {
  readonly search = new CustomerSearch();
  readonly list = new CustomerList(this.search);
  /** Each view of the list (the page, the command palette) keeps its own last result. */
  #results = new Map<string, { filter: ListFilter; ids: string[] }>();
  #complete = false;
  #closed = false;
  /** Per customer: its orders' dates (cancelled and deleted ones left out) and open complaints. */
  #purchases = new Map<string, Map<string, string>>();
  #openComplaints = new Map<string, Set<string>>();
  #ownerOf = new Map<string, string>();

  constructor(private readonly db: ReadDb) {}

  /** Reads every customer and contact, a chunk at a time; `onProgress` after each chunk. */
  async load(onProgress: () => void = () => {}): Promise<void> {
    let after = '';
    for (;;) {
      const rows: CustomerRow[] = await this.db.customers.where('id').above(after).limit(LOAD_CHUNK).toArray();
      if (this.#closed) return;
      if (rows.length === 0) break;
      this.#customers(rows);
      after = rows[rows.length - 1]!.id;
      onProgress();
      await yieldToPage();
    }
    after = '';
    for (;;) {
      const rows: ContactRow[] = await this.db.contacts.where('id').above(after).limit(LOAD_CHUNK).toArray();
      if (this.#closed || rows.length === 0) break;
      this.#contacts(rows);
      after = rows[rows.length - 1]!.id;
      await yieldToPage();
    }
    for (const table of ['orders', 'complaints'] as const) {
      after = '';
      for (;;) {
        const rows = (await this.db.table(table).where('id').above(after).limit(LOAD_CHUNK).toArray()) as (OrderRow | ComplaintRow)[];
        if (this.#closed || rows.length === 0) break;
        this.#figures(table, rows, []);
        after = rows[rows.length - 1]!.id;
        await yieldToPage();
      }
    }
    this.#complete = true;
    onProgress();
  }

  /** A projected batch; the caller re-queries afterwards. */
  apply(change: ProjectedChange): void {
    if (change.kind === 'reset') {
      this.list.clear();
      this.search.clear();
      return;
    }
    if (change.collection === 'customers') {
      this.#customers(change.rows as CustomerRow[]);
      this.list.remove(change.gone);
      for (const id of change.gone) this.search.removeCustomer(id);
    } else if (change.collection === 'contacts') {
      this.#contacts(change.rows as ContactRow[]);
      for (const id of change.gone) this.search.removeContact(id);
    } else if (change.collection === 'orders' || change.collection === 'complaints') {
      this.#figures(change.collection, change.rows as (OrderRow | ComplaintRow)[], change.gone);
    }
  }

  /** Keeps last purchase and open complaints per customer, and refreshes the rows they changed. */
  #figures(table: 'orders' | 'complaints', rows: (OrderRow | ComplaintRow)[], gone: string[]) {
    const touched = new Set<string>();
    const forget = (id: string) => {
      const customerId = this.#ownerOf.get(id);
      if (customerId === undefined) return;
      this.#ownerOf.delete(id);
      this.#purchases.get(customerId)?.delete(id);
      this.#openComplaints.get(customerId)?.delete(id);
      touched.add(customerId);
    };
    for (const id of gone) forget(id);
    for (const row of rows) {
      forget(row.id);
      this.#ownerOf.set(row.id, row.customerId);
      touched.add(row.customerId);
      if (table === 'orders') {
        const order = row as OrderRow;
        if (order.alive !== 1 || order.status === 'cancelled') continue;
        let dates = this.#purchases.get(order.customerId);
        if (!dates) this.#purchases.set(order.customerId, (dates = new Map()));
        dates.set(order.id, order.orderedOn);
      } else {
        const complaint = row as ComplaintRow;
        if (complaint.alive !== 1 || complaint.open !== 1) continue;
        let open = this.#openComplaints.get(complaint.customerId);
        if (!open) this.#openComplaints.set(complaint.customerId, (open = new Set()));
        open.add(complaint.id);
      }
    }
    const updated: ListRow[] = [];
    for (const customerId of touched) {
      const row = this.list.get(customerId);
      if (row) updated.push({ ...row, ...this.#extras(customerId) });
    }
    if (updated.length) this.list.upsert(updated);
  }

  #extras(customerId: string): CustomerExtras {
    const dates = this.#purchases.get(customerId);
    const open = this.#openComplaints.get(customerId)?.size ?? 0;
    if (!dates?.size && !open) return noExtras;
    let last: string | null = null;
    for (const on of dates?.values() ?? []) if (last === null || on > last) last = on;
    return { lastPurchaseAt: last, openComplaints: open };
  }

  #customers(rows: CustomerRow[]) {
    const listRows: ListRow[] = [];
    for (const c of rows) {
      listRows.push(toListRow(c, this.#extras(c.id)));
      // A deleted customer is in Trash, not in search results.
      if (c.alive === 1) this.search.upsertCustomer(customerSearchDoc(c));
      else this.search.removeCustomer(c.id);
    }
    this.list.upsert(listRows);
  }

  #contacts(rows: ContactRow[]) {
    for (const c of rows) {
      if (c.alive === 1) this.search.upsertContact(contactSearchDoc(c, this.list.get(c.customerId)?.name ?? ''));
      else this.search.removeContact(c.id);
    }
  }

  query(filter: ListFilter, slot = 'list', window: [number, number] = [0, 0]): ListResult {
    const ids = this.list.query(filter);
    this.#results.set(slot, { filter, ids });
    const [from, to] = window;
    return { total: ids.length, complete: this.#complete, rows: this.window(from, to, slot), from: Math.max(0, from) };
  }

  window(from: number, to: number, slot = 'list'): ListRow[] {
    const ids = this.#results.get(slot)?.ids ?? [];
    // A row removed since the query (a purge) is skipped until the next one.
    return ids.slice(Math.max(0, from), Math.max(0, to)).flatMap((id) => this.list.get(id) ?? []);
  }

  ids(slot = 'list'): string[] {
    return [...(this.#results.get(slot)?.ids ?? [])];
  }

  facets() {
    return this.list.facets();
  }

  close(): void {
    this.#closed = true;
  }
}

import type { ListFilter } from '../domain/list-filter';
import type { ContactRow, CustomerRow, ReadDb } from '../storage/read-db';
import type { ProjectedChange } from '../storage/projection';
import { yieldToPage } from '../storage/pacing';
import { contactSearchDoc, customerSearchDoc } from '../search/search-doc';
import { CustomerList, type ListRow } from './customer-list';
import { toListRow } from './list-row';
import { CustomerSearch } from './customer-search';

/** Rows read per step while loading, so queries are answered (on what is loaded) meanwhile. */
const LOAD_CHUNK = 5000;

export interface ListResult {
  total: number;
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
    }
  }

  #customers(rows: CustomerRow[]) {
    const listRows: ListRow[] = [];
    for (const c of rows) {
      listRows.push(toListRow(c));
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

  query(filter: ListFilter, slot = 'list'): ListResult {
    const ids = this.list.query(filter);
    this.#results.set(slot, { filter, ids });
    return { total: ids.length, complete: this.#complete };
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

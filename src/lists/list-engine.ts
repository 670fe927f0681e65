import type { ListFilter } from '../domain/list-filter';
import type { Member } from '../domain/member';
import type { ComplaintRow, ContactRow, CustomerRow, OrderRow, ReadDb } from '../storage/read-db';
import type { ProjectedChange } from '../storage/projection';
import { yieldToPage } from '../storage/pacing';
import { contactSearchDoc, customerSearchDoc } from '../search/search-doc';
import { CustomerList } from './customer-list';
import { listRowCodec, toListRow, type ListRow } from './list-row';
import { packRecords, unpackRecords } from './packed-records';
import { CustomerFigures } from './customer-figures';
import { CustomerSearch } from './customer-search';
import { listCollections } from '../storage/list-journal';
import { readListStart, saveListState, type ListState } from './list-snapshot';

/** Rows read per step while loading, so queries are answered (on what is loaded) meanwhile. */
const LOAD_CHUNK = 5000;

/** Whether the list started from its saved state or read every table, and how long each step took. */
export interface ListLoadReport {
  from: 'saved' | 'tables';
  ms: Record<string, number>;
}

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
  readonly #figures = new CustomerFigures();
  /** Display names by member id, for the Owner column's order. */
  readonly #memberNames = new Map<string, string>();
  /**
   * The list journal's number of the last batch written to the tables whose rows this memory
   * holds; the saved state is stored with it, and the next start reads the journal after it.
   */
  #seq = 0;
  /** Batches whose rows are in (they come before they are written) and not yet known to be written. */
  #unwritten = new Set<number>();
  /** A batch failed to be written: this memory holds rows the tables lack, so it is never saved. */
  #tablesBehind = false;
  /** The number of the saved state: when it differs from #seq, there is something to save. */
  #savedSeq = -1;
  /** Batches that arrive while a read is under way wait for it: the read may be older than they are. */
  #reading = false;
  #pending: ProjectedChange[] = [];

  constructor(private readonly db: ReadDb) {}

  /**
   * Starts from the saved state plus what changed since, or else (once `beforeTables` settles)
   * reads every customer, contact, order and complaint a chunk at a time; `onProgress` after
   * each chunk.
   */
  async load(onProgress: () => void = () => {}, beforeTables: Promise<void> = Promise.resolve()): Promise<ListLoadReport> {
    this.#reading = true;
    const report: ListLoadReport = { from: 'tables', ms: {} };
    let t = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      report.ms[name] = Math.round(now - t);
      t = now;
    };
    try {
      // Members are few and not in the saved state: the Owner column sorts by their names.
      for (const m of (await this.db.members.toArray()) as { id: string; name?: unknown }[]) if (typeof m.name === 'string') this.#memberNames.set(m.id, m.name);
      this.list.setOwnerNames(this.#memberNames);
      const start = await readListStart(this.db);
      step('read saved');
      if (this.#closed) return report;
      this.#seq = start.seq;
      if (start.kind === 'saved' && this.#restore(start.state)) {
        step('restore');
        this.#savedSeq = start.savedSeq;
        report.from = 'saved';
        onProgress();
        await this.#catchUp(start.since);
        step('catch up');
      } else {
        await beforeTables;
        step('wait');
        await this.#readTables(onProgress);
        step('read tables');
      }
    } finally {
      this.#reading = false;
      this.#drain();
    }
    if (this.#closed) return report;
    this.#complete = true;
    onProgress();
    return report;
  }

  async #readTables(onProgress: () => void) {
    this.#clear();
    for (const table of listCollections) {
      let after = '';
      for (;;) {
        const rows = (await this.db.table(table).where('id').above(after).limit(LOAD_CHUNK).toArray()) as { id: string }[];
        if (this.#closed || rows.length === 0) break;
        this.#applyRows(table, rows, []);
        this.#drain();
        after = rows[rows.length - 1]!.id;
        if (table === 'customers') onProgress();
        await yieldToPage();
      }
    }
  }

  /** Re-reads the records journalled since the state was saved; one that is not there any more is gone. */
  async #catchUp(since: Map<string, string[]>) {
    for (const table of listCollections) {
      const ids = since.get(table) ?? [];
      for (let i = 0; i < ids.length && !this.#closed; i += LOAD_CHUNK) {
        const slice = ids.slice(i, i + LOAD_CHUNK);
        const found = (await this.db.table(table).bulkGet(slice)) as ({ id: string } | undefined)[];
        const rows = found.filter((row) => row !== undefined);
        const gone = slice.filter((_, j) => found[j] === undefined);
        this.#applyRows(table, rows, gone);
        this.#drain();
        await yieldToPage();
      }
    }
  }

  /** A projected change; true when rows changed, and the caller re-queries. */
  apply(change: ProjectedChange): boolean {
    if (this.#reading) this.#pending.push(change);
    else this.#applyNow(change);
    return change.kind !== 'written';
  }

  /**
   * Applies what waited, in order. While the tables are still being read, it stops at rows not
   * yet written: a chunk read before they were written would put the older rows back over them.
   */
  #drain() {
    // A batch's 'written' comes after its rows, so it is still waiting here when they are.
    const written = new Set(this.#pending.flatMap((change) => (change.kind === 'written' ? [change.batch] : [])));
    let ready = 0;
    for (const change of this.#pending) {
      if (this.#reading && change.kind === 'rows' && !written.has(change.batch)) break;
      ready++;
    }
    for (const change of this.#pending.splice(0, ready)) this.#applyNow(change);
  }

  #applyNow(change: ProjectedChange): void {
    if (change.kind === 'reset') {
      this.#clear();
      this.#seq = 0;
      this.#savedSeq = -1;
      this.#tablesBehind = false;
      return;
    }
    if (change.kind === 'written') {
      this.#unwritten.delete(change.batch);
      if (change.failed) this.#tablesBehind = true;
      // Numbers only grow between resets; one up to #seq is already in what was read at the start.
      if (change.seq !== undefined && change.seq > this.#seq) this.#seq = change.seq;
      return;
    }
    // Always applied, even when the tables read at the start already held them: batches come
    // in order, so a row read from the tables is, at worst, briefly replaced by an older one
    // until the batch that wrote it arrives too.
    this.#unwritten.add(change.batch);
    this.#applyRows(change.collection, change.rows, change.gone);
  }

  #applyRows(collection: string, rows: object[], gone: string[]) {
    if (collection === 'customers') {
      this.#customers(rows as CustomerRow[]);
      this.list.remove(gone);
      for (const id of gone) this.search.removeCustomer(id);
    } else if (collection === 'contacts') {
      this.#contacts(rows as ContactRow[]);
      for (const id of gone) this.search.removeContact(id);
    } else if (collection === 'orders' || collection === 'complaints') {
      this.#refresh(this.#figures.apply(collection, rows as (OrderRow | ComplaintRow)[], gone));
    } else if (collection === 'members') {
      for (const m of rows as Member[]) this.#memberNames.set(m.id, m.name);
      for (const id of gone) this.#memberNames.delete(id);
      this.list.setOwnerNames(this.#memberNames);
    }
  }

  /** Gives the rows of these customers their current figures. */
  #refresh(customerIds: Set<string>) {
    const updated: ListRow[] = [];
    for (const customerId of customerIds) {
      const row = this.list.get(customerId);
      if (row) updated.push({ ...row, ...this.#figures.extras(customerId) });
    }
    if (updated.length) this.list.upsert(updated);
  }

  #clear() {
    this.list.clear();
    this.search.clear();
    this.#figures.clear();
  }

  /**
   * True when there are changes since the state was last saved (or read back), and nothing is
   * loading. Not while rows are in that the tables lack (a batch not yet written, or one that
   * failed): the saved state's number would not cover them.
   */
  get unsaved(): boolean {
    return this.#complete && !this.#reading && !this.#closed && !this.#tablesBehind && this.#unwritten.size === 0 && this.#seq !== this.#savedSeq;
  }

  /** Saves this memory so the next start reads it back instead of every table; false if a batch was on its way. */
  async save(): Promise<boolean> {
    if (!this.unsaved) return false;
    const seq = this.#seq;
    const saved = await saveListState(this.db, seq, this.#state());
    if (saved) this.#savedSeq = seq;
    return saved;
  }

  #state(): ListState {
    return { rows: packRecords(this.list.byName(), listRowCodec), ...this.#figures.toState(), search: this.search.toJSON() };
  }

  /** False (with nothing kept) when the saved state cannot be read, e.g. an index of another version. */
  #restore(state: ListState): boolean {
    this.#clear();
    try {
      const rows = unpackRecords<ListRow>(state.rows, listRowCodec);
      this.#figures.restore(state);
      this.search.restore(
        state.search,
        rows.filter((row) => row.alive).map((row) => [row.id, row.name] as const),
      );
      this.list.restore(rows);
      return true;
    } catch (error) {
      console.warn('saved customer list unreadable; reading the tables', error);
      this.#clear();
      return false;
    }
  }

  #customers(rows: CustomerRow[]) {
    const listRows: ListRow[] = [];
    for (const c of rows) {
      listRows.push(toListRow(c, this.#figures.extras(c.id)));
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

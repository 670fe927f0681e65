import { tick } from 'svelte';
import type { WorkspaceSession } from '../../app/session';
import type { ListSource } from '../../lists/list-client';
import { toListRow, type ListRow } from '../../lists/list-row';
import { isUnfiltered, sameList, type ListFilter } from '../../domain/list-filter';
import type { CustomerSort } from '../../storage/customer-queries';
import type { CustomerRow } from '../../storage/read-db';

/** Rows fetched around the visible ones, so a fling scroll rarely shows empty rows. */
const FETCH_MARGIN = 40;
/** Rows the cold-start view reads straight from the read tables, before the worker has them all. */
const FIRST_SCREEN = 60;
const indexedSorts: readonly string[] = ['name', 'city', 'status', 'updated'];

/**
 * Runes view of the customer list: the current filter, how many customers pass it, and the rows
 * of the visible window, fetched from the list worker as the person scrolls. Until the worker
 * has read every customer, an unfiltered list shows its first screen straight from the read
 * tables' sorted index, so a cold start at 100k customers shows names within a second.
 */
export class CustomerListView {
  #source: ListSource;
  #filter = $state.raw<ListFilter>();
  #total = $state(0);
  #ready = $state(false);
  #loadedAll = $state(false);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built, then swapped whole into $state.raw
  #rows = $state.raw(new Map<number, ListRow>());
  #shown = $state.raw<ListFilter>();
  #generation = 0;
  #querying = false;
  #again = false;
  #unsubscribe: () => void;
  #fallbackCancel: (() => void) | null = null;

  constructor(
    private readonly session: WorkspaceSession,
    filter: ListFilter,
  ) {
    this.#source = session.customerList();
    this.#filter = filter;
    this.#unsubscribe = this.#source.onChange(() => {
      if (this.#source.loaded && !this.#loadedAll) performance.mark('kehu:list-loaded', { detail: this.#source.loadReport });
      this.#loadedAll = this.#source.loaded;
      void this.refresh();
    });
    this.#loadedAll = this.#source.loaded;
    this.#showFirstScreen();
    void this.refresh();
  }

  get filter(): ListFilter {
    return this.#filter!;
  }

  get total(): number {
    return this.#total;
  }

  /** False until a first result (from the worker or the read tables) is known. */
  get ready(): boolean {
    return this.#ready;
  }

  get loadedAll(): boolean {
    return this.#loadedAll;
  }

  /**
   * The search the shown rows answer. Highlights follow it, not the box: a keystroke would
   * otherwise re-highlight the previous rows while their replacement is on its way.
   */
  get shownQuery(): string {
    return this.#shown?.q ?? '';
  }

  /**
   * Whether the rows and total on screen answer a search or filter. The count line follows it:
   * "200 matching customers" while a search's answer is on its way would be wrong.
   */
  get shownFiltered(): boolean {
    return this.#shown !== undefined && !isUnfiltered(this.#shown);
  }

  row(index: number): ListRow | undefined {
    return this.#rows.get(index);
  }

  setFilter(filter: ListFilter) {
    // What is on screen already answers it (a space typed after a word). Compared with what is
    // shown, not with the last filter asked: after a query failed, asking again must run it.
    const unchanged = this.#ready && !this.#querying && this.#shown !== undefined && sameList(filter, this.#shown);
    this.#filter = filter;
    if (unchanged) return void this.#rendered(this.#total === 0);
    this.#stopFallback();
    this.#showFirstScreen();
    void this.refresh();
  }

  /** Runs the filter again; calls that arrive while one runs are folded into one more run. */
  async refresh(): Promise<void> {
    if (this.#querying) {
      this.#again = true;
      return;
    }
    this.#querying = true;
    try {
      do {
        this.#again = false;
        const generation = ++this.#generation;
        const filter = this.#filter!;
        const from = Math.max(0, this.#lastFrom - FETCH_MARGIN);
        const result = await this.#source.query(filter, 'list', [from, this.#lastTo + FETCH_MARGIN]);
        if (generation !== this.#generation) continue;
        // While the worker is still reading, the read tables' first screen is the better view.
        if (!this.#source.loaded && this.#fallbackCancel) continue;
        this.#stopFallback();
        this.#total = result.total;
        // The visible rows come with the result: one round trip and one render per keystroke.
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built, then swapped whole into $state.raw
        const rows = new Map<number, ListRow>();
        result.rows.forEach((row, k) => rows.set(result.from + k, row));
        this.#rows = rows;
        this.#shown = filter;
        this.#ready = true;
        void this.#rendered(result.total === 0);
      } while (this.#again);
    } catch (error) {
      console.error('customer list query failed', error);
    } finally {
      this.#querying = false;
    }
  }

  #lastFrom = 0;
  #lastTo = FIRST_SCREEN;

  /** Makes sure rows from..to are fetched (with a margin either side). */
  async ensure(from: number, to: number): Promise<void> {
    this.#lastFrom = from;
    this.#lastTo = to;
    if (this.#fallbackCancel) return;
    const start = Math.max(0, from - FETCH_MARGIN);
    const end = Math.min(this.#total, to + FETCH_MARGIN);
    let missing = false;
    for (let i = start; i < end && !missing; i++) missing = !this.#rows.has(i);
    if (!missing) return;
    const generation = this.#generation;
    const rows = await this.#source.window(start, end);
    if (generation !== this.#generation) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built, then swapped whole into $state.raw
    const next = new Map(this.#rows);
    rows.forEach((row, k) => next.set(start + k, row));
    this.#rows = next;
    void this.#rendered();
  }

  /** Marks for `npm run bench`: when rows (first ever, and after each query) are on screen. */
  async #rendered(empty = false) {
    await tick();
    this.session.firstScreenShown();
    if (this.#rows.size === 0 && !empty) return;
    if (!this.#markedFirst && this.#rows.size > 0) {
      this.#markedFirst = true;
      performance.mark('kehu:first-rows');
    }
    performance.mark('kehu:list-rendered');
  }

  #markedFirst = false;

  /** Ids of every customer that passes the filter (for "select all"). */
  allIds(): Promise<string[]> {
    return this.#source.ids();
  }

  facets() {
    return this.#source.facets();
  }

  #showFirstScreen() {
    const filter = this.#filter!;
    if (this.#source.loaded || !isUnfiltered(filter) || !indexedSorts.includes(filter.sort)) return;
    const queries = this.session.queries;
    // The rows and the count are shown together: either alone would pair with what a search
    // left on screen ("500 matching customers", or "0 customers" above 60 rows).
    let first: CustomerRow[] | null = null;
    let total: number | null = null;
    const show = () => {
      if (!this.#fallbackCancel || first === null || total === null) return;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built, then swapped whole into $state.raw
      this.#rows = new Map(first.map((c, i) => [i, toListRow(c)]));
      this.#total = total;
      this.#shown = filter;
      this.#ready = true;
      void this.#rendered();
    };
    const rows = queries.customers.list(filter.sort as CustomerSort, filter.dir, FIRST_SCREEN).subscribe({
      next: (list) => {
        first = list;
        show();
      },
    });
    const count = queries.customers.count().subscribe({
      next: (n) => {
        total = n;
        show();
      },
    });
    this.#fallbackCancel = () => {
      rows.unsubscribe();
      count.unsubscribe();
    };
  }

  #stopFallback() {
    this.#fallbackCancel?.();
    this.#fallbackCancel = null;
  }

  destroy() {
    this.#stopFallback();
    this.#unsubscribe();
  }
}

import { customerStatuses } from '../domain/customer';
import { textSortKey } from '../domain/sort-key';
import { countTags } from '../domain/tags';
import { defaultListFilter, type ListFilter, type ListSort } from '../domain/list-filter';
import { grown } from '../search/typed-arrays';
import { rowPredicate } from './row-predicate';
import type { ListRow } from './list-row';
import { insertionPoint, mergedOrder, removeFrom, type Compare as RowCompare } from './row-orders';
import type { CustomerMatches as SearchMatches } from '../search/search-index';

/**
 * What a query finds, as the list takes it: distinct customers, best first, as numbers into a
 * table of customer ids (search-index.ts). The list keeps its row number per customer number,
 * so a broad query (40k customers at 100k) is resolved with typed arrays instead of an id lookup
 * per match.
 */
export type CustomerMatches = Pick<SearchMatches, 'keys' | 'ids'>;

/** The search side of the list: which customers a query finds, best first. */
export interface Matcher {
  search(query: string): CustomerMatches;
  /** Customer id by number: CustomerMatches.ids as the next search will return it. */
  readonly customerIds: readonly string[];
}

type Compare = RowCompare<ListRow>;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const statusRank = new Map(customerStatuses.map((s, i) => [s, i]));
const byName: Compare = (a, b) => byText(a.nameKey, b.nameKey) || byText(a.id, b.id);
/** Empty values go last in either direction would need two orders; they go last ascending. */
const emptyLast = (a: string | null, b: string | null) => (a === b ? 0 : !a ? 1 : !b ? -1 : byText(a, b));

const compares: Record<Exclude<ListSort, 'relevance'>, Compare> = {
  name: byName,
  city: (a, b) => emptyLast(a.cityKey, b.cityKey) || byName(a, b),
  status: (a, b) => statusRank.get(a.status)! - statusRank.get(b.status)! || byName(a, b),
  // By the owner's id only until the list is given the members' names (setOwnerNames).
  owner: (a, b) => emptyLast(a.ownerId, b.ownerId) || byName(a, b),
  created: (a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id),
  updated: (a, b) => byText(a.updatedAt, b.updatedAt) || byText(a.id, b.id),
  lastPurchase: (a, b) => emptyLast(a.lastPurchaseAt, b.lastPurchaseAt) || byName(a, b),
};

const WARM_UP_QUERIES = ['a', 'wa', '138', '王'];

/** Bulk changes above this re-sort from scratch instead of moving rows one by one. */
const INCREMENTAL_LIMIT = 2000;
/**
 * From this many rows, a change is merged into each order in one pass. Moving rows one by one
 * shifts the order's tail for each: while a teammate's 100k customers arrived 500 at a time,
 * that cost the list worker 4 s.
 */
const MERGE_FROM = 32;

/**
 * Every customer of the workspace in memory (in the list worker), with one sorted order per
 * column kept up to date row by row, so a query is one pass over an order: filtering, sorting
 * and search combine in a few milliseconds at 100k customers.
 *
 * Each customer id gets a row number the first time it is seen and keeps it until clear(), even
 * when removed (a purged customer's number is just empty): orders, the live flags and the cache
 * of the matcher's customer numbers are arrays by row number, and never go stale.
 */
export class CustomerList {
  #numbers = new Map<string, number>();
  #rows: (ListRow | undefined)[] = [];
  #ids: string[] = [];
  /** 1 where the row exists and is alive: what an unfiltered query needs, without reading rows. */
  #live = new Uint8Array(1024);
  #size = 0;
  /** Row numbers in each column's order. */
  #orders = new Map<keyof typeof compares, number[]>();
  /** Row number + 1 by the matcher's customer number (0: not known yet), for `#keyTable`. */
  #rowOfKey = new Int32Array(0);
  #keyTable: readonly string[] | null = null;
  /** The sort key of each member's display name (as names sort: pinyin for Chinese), by member id. */
  #ownerKeys = new Map<string, string>();
  /**
   * The Owner column sorts by the owner's name as Name does, not by member id; an owner who is
   * not a member of the workspace (yet) sorts after the named ones, by id.
   */
  readonly #compares: typeof compares = {
    ...compares,
    owner: (a, b) => emptyLast(this.#ownerKey(a.ownerId), this.#ownerKey(b.ownerId)) || byName(a, b),
  };

  constructor(private readonly matcher: Matcher) {}

  #ownerKey(id: string | null): string | null {
    return id === null ? null : (this.#ownerKeys.get(id) ?? `\uffff${id}`);
  }

  /** The members' display names by id; the Owner order is sorted again when one changed. */
  setOwnerNames(names: ReadonlyMap<string, string>): void {
    const keys = new Map([...names].map(([id, name]) => [id, textSortKey(name) || `\uffff${id}`]));
    const same = keys.size === this.#ownerKeys.size && [...keys].every(([id, key]) => this.#ownerKeys.get(id) === key);
    if (same) return;
    this.#ownerKeys = keys;
    this.#orders.delete('owner');
  }

  get size(): number {
    return this.#size;
  }

  get(id: string): ListRow | undefined {
    const n = this.#numbers.get(id);
    return n === undefined ? undefined : this.#rows[n];
  }

  /** Every row, sorted by name: how the list saves them, so that a restored list need not sort. */
  byName(): ListRow[] {
    return this.#order('name').map((n) => this.#rows[n]!);
  }

  /** Starts over with `rows`, which must be sorted by name (as byName gives them). */
  restore(rows: ListRow[]): void {
    this.clear();
    this.upsert(rows);
    const order = rows.map((row) => this.#numbers.get(row.id)!);
    for (let i = 1; i < order.length; i++) {
      // Not in order (saved by another version, say): sorted on first use instead.
      if (compares.name(this.#rows[order[i - 1]!]!, this.#rows[order[i]!]!) >= 0) return;
    }
    this.#orders.set('name', order);
  }

  upsert(rows: ListRow[]): void {
    const incremental = rows.length <= INCREMENTAL_LIMIT;
    if (!incremental) this.#orders.clear();
    else if (rows.length >= MERGE_FROM && this.#orders.size > 0) {
      this.#mergeIn(rows);
      return;
    }
    for (const row of rows) {
      const n = this.#number(row.id);
      const old = this.#rows[n];
      // The old row finds its place in each order: remove it before its number shows the new one.
      if (old && incremental) for (const [sort, order] of this.#orders) removeFrom(order, n, old, this.#compares[sort], this.#rows);
      this.#rows[n] = row;
      this.#live[n] = row.alive ? 1 : 0;
      if (!old) this.#size++;
      if (!incremental) continue;
      for (const [sort, order] of this.#orders) order.splice(insertionPoint(order, row, this.#compares[sort], this.#rows), 0, n);
    }
  }

  /** Takes `rows` in, then merges them into each order in one pass (row-orders.ts). */
  #mergeIn(rows: ListRow[]): void {
    const batch = new Uint8Array(this.#ids.length + rows.length);
    const numbers: number[] = [];
    /** Whether any of the rows was in the orders already (and must leave its old place). */
    let replaced = false;
    for (const row of rows) {
      const n = this.#number(row.id);
      if (this.#rows[n]) replaced = true;
      else this.#size++;
      this.#rows[n] = row;
      this.#live[n] = row.alive ? 1 : 0;
      // The same customer twice in one change: its last row counts, in one place.
      if (batch[n] === 0) numbers.push(n);
      batch[n] = 1;
    }
    for (const [sort, order] of this.#orders) this.#orders.set(sort, mergedOrder(order, numbers, replaced ? batch : null, this.#compares[sort], this.#rows));
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const n = this.#numbers.get(id);
      const old = n === undefined ? undefined : this.#rows[n];
      if (n === undefined || !old) continue;
      for (const [sort, order] of this.#orders) removeFrom(order, n, old, this.#compares[sort], this.#rows);
      this.#rows[n] = undefined;
      this.#live[n] = 0;
      this.#size--;
    }
  }

  clear(): void {
    this.#numbers.clear();
    this.#rows = [];
    this.#ids = [];
    this.#live = new Uint8Array(1024);
    this.#size = 0;
    this.#orders.clear();
    this.#keyTable = null;
  }

  #number(id: string): number {
    let n = this.#numbers.get(id);
    if (n !== undefined) return n;
    n = this.#ids.length;
    this.#numbers.set(id, n);
    this.#ids.push(id);
    this.#rows.push(undefined);
    if (n >= this.#live.length) this.#live = grown(this.#live, this.#live.length * 2);
    return n;
  }

  #order(sort: keyof typeof compares): number[] {
    let order = this.#orders.get(sort);
    if (!order) {
      const rows = this.#rows;
      const compare = this.#compares[sort];
      order = [];
      for (let n = 0; n < rows.length; n++) if (rows[n]) order.push(n);
      order.sort((a, b) => compare(rows[a]!, rows[b]!));
      this.#orders.set(sort, order);
    }
    return order;
  }

  /** The row numbers of what the matcher found, best first; customers without a row are left out. */
  #found(matches: CustomerMatches): Int32Array {
    const { keys, ids } = matches;
    const rowOfKey = this.#keysOf(ids);
    const out = new Int32Array(keys.length);
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const r = rowOfKey[key] || this.#learn(key, ids);
      if (r !== 0) out[count++] = r - 1;
    }
    return out.subarray(0, count);
  }

  #keysOf(ids: readonly string[]): Int32Array {
    if (ids !== this.#keyTable) {
      this.#keyTable = ids;
      this.#rowOfKey = new Int32Array(0);
    }
    if (this.#rowOfKey.length < ids.length) this.#rowOfKey = grown(this.#rowOfKey, Math.ceil(ids.length * 1.25));
    return this.#rowOfKey;
  }

  /** Row number + 1 of the matcher's customer `key`, or 0. Only a row found is cached: a customer's row may arrive after its contacts. */
  #learn(key: number, ids: readonly string[]): number {
    const n = this.#numbers.get(ids[key]!);
    return n === undefined ? 0 : (this.#rowOfKey[key] = n + 1);
  }

  /**
   * Looks up the row of every customer the matcher knows, which a search would otherwise do
   * for the customers it finds, the first time it finds them: a one-letter search right after a
   * start from the saved state then spends some 30 ms on it at 100k customers.
   */
  warm(): void {
    const ids = this.matcher.customerIds;
    const rowOfKey = this.#keysOf(ids);
    for (let key = 0; key < ids.length; key++) if (rowOfKey[key] === 0) this.#learn(key, ids);
    // One search of each kind (a word prefix, digits, Chinese): the first search of a kind
    // otherwise runs its code unoptimised, and the first letter typed after a start took 30 ms
    // at 100k customers where the same letter later takes 12.
    for (const q of WARM_UP_QUERIES) this.query({ ...defaultListFilter, q, sort: 'relevance', dir: 'desc' });
  }

  /** The ids of the live customers that pass the filter, in its order. */
  query(filter: ListFilter): string[] {
    const keep = rowPredicate(filter);
    const live = this.#live;
    const rows = this.#rows;
    const passes = keep ? (n: number) => live[n] === 1 && keep(rows[n]!) : (n: number) => live[n] === 1;
    const q = filter.q.trim();
    const found = q ? this.#found(this.matcher.search(q)) : null;
    const ids: string[] = [];
    if (found && filter.sort === 'relevance') {
      for (let i = 0; i < found.length; i++) if (passes(found[i]!)) ids.push(this.#ids[found[i]!]!);
      if (filter.dir === 'asc') ids.reverse();
      return ids;
    }
    // Found rows are marked by number, so walking an order of 100k asks nothing of a set.
    let marks: Uint8Array | null = null;
    if (found) {
      marks = new Uint8Array(rows.length);
      for (let i = 0; i < found.length; i++) marks[found[i]!] = 1;
    }
    const order = this.#order(filter.sort === 'relevance' ? 'name' : filter.sort);
    const push = (n: number) => {
      if ((!marks || marks[n] === 1) && passes(n)) ids.push(this.#ids[n]!);
    };
    if (filter.dir === 'desc') for (let i = order.length - 1; i >= 0; i--) push(order[i]!);
    else for (let i = 0; i < order.length; i++) push(order[i]!);
    return ids;
  }

  /** Values the filter menus offer, most used first. */
  facets(): { tags: [string, number][]; cities: [string, number][]; owners: [string, number][] } {
    const cities = new Map<string, number>();
    const owners = new Map<string, number>();
    const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
    for (const row of this.#rows) {
      if (!row?.alive) continue;
      if (row.city) count(cities, row.city);
      if (row.ownerId) count(owners, row.ownerId);
    }
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).slice(0, 200);
    // Tags by key (tags.ts): "vip (23)" and "VIP (15)" are one tag, in the spelling most customers use.
    const tags = countTags(this.#rows.flatMap((row) => (row?.alive ? [row.tags] : [])))
      .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
      .slice(0, 200);
    return { tags, cities: top(cities), owners: top(owners) };
  }
}

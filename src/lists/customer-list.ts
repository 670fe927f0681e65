import { customerStatuses, type CustomerKind, type CustomerStatus } from '../domain/customer';
import type { ListFilter, ListSort } from '../domain/list-filter';

/** What the list shows and filters by, per customer: small, so 100k of them fit a phone's memory. */
export interface ListRow {
  id: string;
  kind: CustomerKind;
  name: string;
  nameKey: string;
  city: string;
  cityKey: string;
  status: CustomerStatus;
  ownerId: string | null;
  tags: string[];
  phone: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  alive: boolean;
  reachable: boolean;
  lastPurchaseAt: string | null;
  openComplaints: number;
}

/** The search side of the list: which customers a query finds, best first. */
export interface Matcher {
  search(query: string): { customerId: string; score: number }[];
}

type Compare = (a: ListRow, b: ListRow) => number;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const statusRank = new Map(customerStatuses.map((s, i) => [s, i]));
const byName: Compare = (a, b) => byText(a.nameKey, b.nameKey) || byText(a.id, b.id);
/** Empty values go last in either direction would need two orders; they go last ascending. */
const emptyLast = (a: string | null, b: string | null) => (a === b ? 0 : !a ? 1 : !b ? -1 : byText(a, b));

const compares: Record<Exclude<ListSort, 'relevance'>, Compare> = {
  name: byName,
  city: (a, b) => emptyLast(a.cityKey, b.cityKey) || byName(a, b),
  status: (a, b) => statusRank.get(a.status)! - statusRank.get(b.status)! || byName(a, b),
  owner: (a, b) => emptyLast(a.ownerId, b.ownerId) || byName(a, b),
  created: (a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id),
  updated: (a, b) => byText(a.updatedAt, b.updatedAt) || byText(a.id, b.id),
  lastPurchase: (a, b) => emptyLast(a.lastPurchaseAt, b.lastPurchaseAt) || byName(a, b),
};

/** Bulk changes above this re-sort from scratch instead of moving rows one by one. */
const INCREMENTAL_LIMIT = 2000;

/**
 * Every customer of the workspace in memory (in the list worker), with one sorted order per
 * column kept up to date row by row, so a query is one pass over an order: filtering, sorting
 * and search combine in a few milliseconds at 100k customers.
 */
export class CustomerList {
  #rows = new Map<string, ListRow>();
  #orders = new Map<keyof typeof compares, ListRow[]>();

  constructor(private readonly matcher: Matcher) {}

  get size(): number {
    return this.#rows.size;
  }

  get(id: string): ListRow | undefined {
    return this.#rows.get(id);
  }

  all(): IterableIterator<ListRow> {
    return this.#rows.values();
  }

  upsert(rows: ListRow[]): void {
    const incremental = rows.length <= INCREMENTAL_LIMIT;
    if (!incremental) this.#orders.clear();
    for (const row of rows) {
      const old = this.#rows.get(row.id);
      this.#rows.set(row.id, row);
      if (!incremental) continue;
      for (const [sort, order] of this.#orders) {
        if (old) removeFrom(order, old, compares[sort]);
        order.splice(insertionPoint(order, row, compares[sort]), 0, row);
      }
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const old = this.#rows.get(id);
      if (!old) continue;
      this.#rows.delete(id);
      for (const [sort, order] of this.#orders) removeFrom(order, old, compares[sort]);
    }
  }

  clear(): void {
    this.#rows.clear();
    this.#orders.clear();
  }

  #order(sort: keyof typeof compares): ListRow[] {
    let order = this.#orders.get(sort);
    if (!order) this.#orders.set(sort, (order = [...this.#rows.values()].sort(compares[sort])));
    return order;
  }

  /** The ids of the live customers that pass the filter, in its order. */
  query(filter: ListFilter): string[] {
    const keep = predicate(filter);
    const q = filter.q.trim();
    const found = q ? this.matcher.search(q) : null;
    if (found && filter.sort === 'relevance') {
      const seen = new Set<string>();
      const ids: string[] = [];
      for (const { customerId } of found) {
        const row = this.#rows.get(customerId);
        if (!row || seen.has(customerId) || !keep(row)) continue;
        seen.add(customerId);
        ids.push(customerId);
      }
      if (filter.dir === 'asc') ids.reverse();
      return ids;
    }
    const matches = found ? new Set(found.map((h) => h.customerId)) : null;
    const order = this.#order(filter.sort === 'relevance' ? 'name' : filter.sort);
    const ids: string[] = [];
    const push = (row: ListRow) => {
      if (keep(row) && (!matches || matches.has(row.id))) ids.push(row.id);
    };
    if (filter.dir === 'desc') for (let i = order.length - 1; i >= 0; i--) push(order[i]!);
    else for (const row of order) push(row);
    return ids;
  }

  /** Values the filter menus offer, most used first. */
  facets(): { tags: [string, number][]; cities: [string, number][]; owners: [string, number][] } {
    const tags = new Map<string, number>();
    const cities = new Map<string, number>();
    const owners = new Map<string, number>();
    const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
    for (const row of this.#rows.values()) {
      if (!row.alive) continue;
      for (const tag of row.tags) count(tags, tag);
      if (row.city) count(cities, row.city);
      if (row.ownerId) count(owners, row.ownerId);
    }
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).slice(0, 200);
    return { tags: top(tags), cities: top(cities), owners: top(owners) };
  }
}

function predicate(f: ListFilter): (row: ListRow) => boolean {
  const statuses = f.status.length ? new Set(f.status) : null;
  const city = f.city.toLocaleLowerCase();
  // Dates are compared as text: ISO timestamps and YYYY-MM-DD order the same way.
  const createdTo = f.createdTo && `${f.createdTo}\uffff`;
  const purchaseTo = f.purchaseTo && `${f.purchaseTo}\uffff`;
  return (row) =>
    row.alive &&
    (!statuses || statuses.has(row.status)) &&
    (!f.kind || row.kind === f.kind) &&
    f.tags.every((t) => row.tags.includes(t)) &&
    (!city || row.cityKey === city) &&
    (!f.owner || (f.owner === 'none' ? !row.ownerId : row.ownerId === f.owner)) &&
    (!f.createdFrom || row.createdAt >= f.createdFrom) &&
    (!createdTo || row.createdAt <= createdTo) &&
    (!f.purchaseFrom || (row.lastPurchaseAt !== null && row.lastPurchaseAt >= f.purchaseFrom)) &&
    (!purchaseTo || (row.lastPurchaseAt !== null && row.lastPurchaseAt <= purchaseTo)) &&
    (!f.openComplaint || row.openComplaints > 0);
}

function insertionPoint(order: ListRow[], row: ListRow, compare: Compare): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(order[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every order ends on the id, so `row` (as it was when sorted in) has exactly one place. */
function removeFrom(order: ListRow[], row: ListRow, compare: Compare): void {
  let at = insertionPoint(order, row, compare);
  // Defensive: a row found out of place is removed by identity rather than removing a neighbour.
  if (order[at] !== row) at = order.indexOf(row);
  if (at >= 0) order.splice(at, 1);
}

import { customerKinds, customerStatuses, type CustomerKind, type CustomerStatus } from './customer';
import { isCalendarDate } from './dates';

export const listSorts = ['relevance', 'name', 'city', 'status', 'owner', 'created', 'updated', 'lastPurchase'] as const;
export type ListSort = (typeof listSorts)[number];
export type SortDirection = 'asc' | 'desc';

/** What the customer list shows: a search, filters that all apply, and an order. */
export interface ListFilter {
  q: string;
  /** Any of these statuses (none = all). */
  status: CustomerStatus[];
  kind: CustomerKind | '';
  /** Every one of these tags. */
  tags: string[];
  city: string;
  /** A member id, 'none' for customers without an owner, '' for all. */
  owner: string;
  /** Calendar dates (YYYY-MM-DD), inclusive; '' = open. */
  createdFrom: string;
  createdTo: string;
  purchaseFrom: string;
  purchaseTo: string;
  openComplaint: boolean;
  sort: ListSort;
  dir: SortDirection;
}

export const defaultListFilter: ListFilter = {
  q: '',
  status: [],
  kind: '',
  tags: [],
  city: '',
  owner: '',
  createdFrom: '',
  createdTo: '',
  purchaseFrom: '',
  purchaseTo: '',
  openComplaint: false,
  sort: 'name',
  dir: 'asc',
};

/** A new sort starts in the direction people expect of it: newest first for dates. */
export function defaultDirection(sort: ListSort): SortDirection {
  return sort === 'created' || sort === 'updated' || sort === 'lastPurchase' || sort === 'relevance' ? 'desc' : 'asc';
}

/** A search lists the best matches first; without one, names in order. */
export function defaultSort(q: string): ListSort {
  return q.trim() ? 'relevance' : 'name';
}

/** True when nothing narrows the list (the order may still differ). */
export function isUnfiltered(f: ListFilter): boolean {
  return (
    f.q.trim() === '' && f.status.length === 0 && f.kind === '' && f.tags.length === 0 && f.city === '' && f.owner === '' &&
    !f.createdFrom && !f.createdTo && !f.purchaseFrom && !f.purchaseTo && !f.openComplaint
  );
}

/** True when `a` and `b` list the same customers in the same order: spaces around the search aside, they are the same filter. */
export function sameList(a: ListFilter, b: ListFilter): boolean {
  const key = (f: ListFilter) => filterToParams({ ...f, q: f.q.trim() }).toString();
  return key(a) === key(b);
}

const MAX_TEXT = 200;
const text = (v: string | null) => (v ?? '').slice(0, MAX_TEXT);
const date = (v: string | null) => (v && isCalendarDate(v) ? v : '');
const list = (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 50) : []);

/**
 * The filter as URL parameters, defaults left out, so a bookmarked or shared link reopens the
 * same list. Anything unknown or malformed in a link falls back to the default, never throws.
 */
export function filterToParams(f: ListFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q);
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.kind) p.set('kind', f.kind);
  if (f.tags.length) p.set('tags', f.tags.join(','));
  if (f.city) p.set('city', f.city);
  if (f.owner) p.set('owner', f.owner);
  for (const key of ['createdFrom', 'createdTo', 'purchaseFrom', 'purchaseTo'] as const) if (f[key]) p.set(key, f[key]);
  if (f.openComplaint) p.set('complaint', 'open');
  if (f.sort !== defaultSort(f.q)) p.set('sort', f.sort);
  if (f.dir !== defaultDirection(f.sort)) p.set('dir', f.dir);
  return p;
}

export function filterFromParams(p: URLSearchParams): ListFilter {
  const q = text(p.get('q'));
  const sortParam = p.get('sort');
  const sort: ListSort = (listSorts as readonly string[]).includes(sortParam ?? '') ? (sortParam as ListSort) : defaultSort(q);
  const dirParam = p.get('dir');
  return {
    q,
    status: list(p.get('status')).filter((s): s is CustomerStatus => (customerStatuses as readonly string[]).includes(s)),
    kind: (customerKinds as readonly string[]).includes(p.get('kind') ?? '') ? (p.get('kind') as CustomerKind) : '',
    tags: list(p.get('tags')),
    city: text(p.get('city')),
    owner: text(p.get('owner')),
    createdFrom: date(p.get('createdFrom')),
    createdTo: date(p.get('createdTo')),
    purchaseFrom: date(p.get('purchaseFrom')),
    purchaseTo: date(p.get('purchaseTo')),
    openComplaint: p.get('complaint') === 'open',
    sort,
    dir: dirParam === 'asc' || dirParam === 'desc' ? dirParam : defaultDirection(sort),
  };
}

import { describe, expect, it, vi } from 'vitest';
import { CustomerSearch } from '../../../src/lists/customer-search';
import type { SearchDoc } from '../../../src/search/search-doc';

const doc = (id: string, name: string, patch: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  kind: 'customer',
  customerId: id,
  name,
  company: '',
  phones: [],
  emails: [],
  city: '',
  tags: [],
  notes: '',
  ...patch,
});
const contact = (id: string, customerId: string, name: string, company: string) => doc(id, name, { kind: 'contact', customerId, company });

const found = (search: CustomerSearch, q: string) => {
  const { keys, ids } = search.search(q);
  return [...keys].map((k) => ids[k]).sort();
};

describe('CustomerSearch while deferring', () => {
  it('keeps changes back until something reads the index, then answers as if it had indexed each at once', () => {
    const now = new CustomerSearch();
    const later = new CustomerSearch();
    later.defer(true);
    for (const search of [now, later]) {
      search.upsertCustomer(doc('c1', 'Harbor Trading'));
      search.upsertContact(contact('p1', 'c1', 'Li Ming', 'Harbor Trading'));
      search.upsertCustomer(doc('c2', 'Walker'));
      search.upsertCustomer(doc('c1', 'Lighthouse Trading'));
      search.removeCustomer('c2');
      search.upsertCustomer(doc('c3', 'Wang Fang'));
      search.removeContact('p1');
      search.upsertContact(contact('p2', 'c3', 'Harbor Chen', 'Wang Fang'));
    }
    expect(later.behind).toBe(8);
    for (const q of ['harbor', 'lighthouse', 'walker', 'li ming', 'wang', 'trading']) expect(found(later, q), q).toEqual(found(now, q));
    expect(later.behind).toBe(0);
    expect(found(later, 'harbor')).toEqual(['c3']);
  });

  it('catches up in slices of its time budget, in order', () => {
    const search = new CustomerSearch();
    search.defer(true);
    for (let i = 0; i < 200; i++) search.upsertCustomer(doc(`c${i}`, `Name ${i}`));
    search.removeCustomer('c5');
    expect(search.catchUp(0)).toBe(false);
    expect(search.behind).toBeGreaterThan(0);
    expect(search.behind).toBeLessThan(201);
    while (!search.catchUp(0));
    expect(search.behind).toBe(0);
    expect(search.customerIds).toHaveLength(200);
    expect(found(search, 'name')).toHaveLength(199);
  });

  it('saves what waited, forgets it on clear, and indexes at once when deferring stops', () => {
    const search = new CustomerSearch();
    search.defer(true);
    search.upsertCustomer(doc('c1', 'Harbor'));
    const saved = new CustomerSearch();
    saved.restore(search.toJSON(), [['c1', 'Harbor']]);
    expect(found(saved, 'harbor')).toEqual(['c1']);

    search.upsertCustomer(doc('c2', 'Harbor Two'));
    search.clear();
    expect(search.behind).toBe(0);
    expect(found(search, 'harbor')).toEqual([]);

    search.upsertCustomer(doc('c3', 'Walker'));
    search.defer(false);
    expect(search.behind).toBe(0);
    search.upsertCustomer(doc('c4', 'Walker Two'));
    expect(search.behind).toBe(0);
    expect(found(search, 'walker')).toEqual(['c3', 'c4']);
  });

  it('goes on past a change the index cannot take, instead of failing the next search', () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const search = new CustomerSearch();
    search.defer(true);
    search.upsertCustomer(doc('c1', 'Harbor One'));
    search.upsertCustomer({ ...doc('c2', 'x'), name: null as never });
    search.upsertCustomer(doc('c3', 'Harbor Three'));
    expect(found(search, 'harbor')).toEqual(['c1', 'c3']);
    expect(search.behind).toBe(0);
    expect(warned).toHaveBeenCalledTimes(1);
    warned.mockRestore();
  });
});

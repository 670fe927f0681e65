import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CustomerList, type Matcher } from '../../../src/lists/customer-list';
import type { ListRow } from '../../../src/lists/list-row';
import { defaultListFilter, type ListFilter } from '../../../src/domain/list-filter';
import { listRow } from '../support/fixtures';

let n = 0;
function row(patch: Partial<ListRow> & { name: string }): ListRow {
  n += 1;
  return listRow({ id: `c${String(n).padStart(4, '0')}`, ...patch });
}

/** Finds customers whose name contains the query, scoring earlier matches higher. */
const containsMatcher = (list: () => CustomerList): Matcher => ({
  search(q) {
    const hits: { customerId: string; score: number }[] = [];
    for (const id of list().query({ ...defaultListFilter })) {
      const at = list().get(id)!.name.indexOf(q);
      if (at >= 0) hits.push({ customerId: id, score: 100 - at });
    }
    const ids = hits.sort((a, b) => b.score - a.score).map((h) => h.customerId);
    // A new id table per search: the list must not keep row numbers across tables.
    return { ids, keys: Int32Array.from(ids.keys()) };
  },
  // Nothing to look up ahead: every search brings its own table.
  customerIds: [],
});

function listOf(rows: ListRow[]) {
  const list: CustomerList = new CustomerList(containsMatcher(() => list));
  list.upsert(rows);
  return list;
}

const names = (list: CustomerList, f: Partial<ListFilter>) => list.query({ ...defaultListFilter, ...f }).map((id) => list.get(id)!.name);

describe('CustomerList text columns', () => {
  // The issue: 上海, 北京, 广州 sorted by code point (上 U+4E0A first) while names sorted by pinyin.
  it('sorts Chinese cities by pinyin among Latin ones, as names (empty last ascending)', () => {
    const list = listOf(['上海', '北京', 'Boston', '', '广州', 'amsterdam'].map((city, i) => row({ name: `n${i}`, city })));
    const cities = (dir: 'asc' | 'desc') => list.query({ ...defaultListFilter, sort: 'city', dir }).map((id) => list.get(id)!.city);
    expect(cities('asc')).toEqual(['amsterdam', '北京', 'Boston', '广州', '上海', '']);
    expect(cities('desc')).toEqual(['', '上海', '广州', 'Boston', '北京', 'amsterdam']);
  });
});

describe('CustomerList owner column', () => {
  // Issue 21: Owner sorted by member id (m-9 before m-a…), not by the name people see.
  it('sorts by the owner’s display name as names sort (pinyin), unknown owners after, none last', () => {
    const owners = ['m-1', 'm-2', 'm-3', 'm-4', null, 'm-gone'];
    const list = listOf(owners.map((ownerId, i) => row({ name: `n${i}`, ownerId })));
    list.setOwnerNames(new Map([['m-1', '周杰'], ['m-2', 'Zoe'], ['m-3', '安娜'], ['m-4', 'bob']]));
    const order = (dir: 'asc' | 'desc') => list.query({ ...defaultListFilter, sort: 'owner', dir }).map((id) => list.get(id)!.ownerId);
    expect(order('asc')).toEqual(['m-3', 'm-4', 'm-1', 'm-2', 'm-gone', null]);
    // A member renamed: the order follows.
    list.setOwnerNames(new Map([['m-1', 'Aaron'], ['m-2', 'Zoe'], ['m-3', '安娜'], ['m-4', 'bob']]));
    expect(order('asc')).toEqual(['m-1', 'm-3', 'm-4', 'm-2', 'm-gone', null]);
    // Rows changed after the order was made keep their place by name.
    list.upsert([{ ...list.get(list.query({ ...defaultListFilter, sort: 'owner' })[0]!)!, ownerId: 'm-2' }]);
    expect(order('asc')).toEqual(['m-3', 'm-4', 'm-2', 'm-2', 'm-gone', null]);
  });
});

describe('CustomerList', () => {
  const rows = [
    row({ name: '王建国', city: '上海', status: 'active', tags: ['VIP'], ownerId: 'm1', createdAt: '2026-03-01T08:00:00.000Z', lastPurchaseAt: '2026-05-01T00:00:00.000Z' }),
    row({ name: 'Walker', city: 'Boston', status: 'lead', tags: ['VIP', 'b2b'], createdAt: '2026-02-01T08:00:00.000Z', openComplaints: 1 }),
    row({ name: '李明', city: '上海', status: 'lost', ownerId: 'm2', createdAt: '2026-01-15T08:00:00.000Z' }),
    row({ name: 'Adams', city: '', status: 'active', kind: 'company', tags: ['b2b'], createdAt: '2026-04-01T08:00:00.000Z', lastPurchaseAt: '2026-06-15T00:00:00.000Z' }),
    row({ name: 'Deleted Dan', alive: false }),
  ];
  const list = listOf(rows);

  it.each<[string, Partial<ListFilter>, string[]]>([
    ['all live customers by name (pinyin among Latin)', {}, ['Adams', '李明', 'Walker', '王建国']],
    ['by name, descending', { dir: 'desc' }, ['王建国', 'Walker', '李明', 'Adams']],
    ['by city, empty last', { sort: 'city' }, ['Walker', '李明', '王建国', 'Adams']],
    ['by status order', { sort: 'status' }, ['Walker', 'Adams', '王建国', '李明']],
    ['newest first', { sort: 'created', dir: 'desc' }, ['Adams', '王建国', 'Walker', '李明']],
    ['statuses are any-of', { status: ['lead', 'lost'] }, ['李明', 'Walker']],
    ['tags are all-of', { tags: ['VIP', 'b2b'] }, ['Walker']],
    ['tags compare case- and width-insensitively', { tags: ['ｖｉｐ', 'B2B'] }, ['Walker']],
    ['city ignores case', { city: 'boston' }, ['Walker']],
    ['a Chinese city by its name', { city: '上海' }, ['李明', '王建国']],
    ['owner, and no owner', { owner: 'none' }, ['Adams', 'Walker']],
    ['kind', { kind: 'company' }, ['Adams']],
    ['created range is inclusive of whole days', { createdFrom: '2026-02-01', createdTo: '2026-03-01' }, ['Walker', '王建国']],
    ['last purchase range leaves out customers who never bought', { purchaseFrom: '2026-06-01' }, ['Adams']],
    ['open complaint', { openComplaint: true }, ['Walker']],
    ['search by relevance', { q: 'a', sort: 'relevance', dir: 'desc' }, ['Walker', 'Adams']],
    ['search combined with a sort and a filter', { q: 'a', sort: 'name', tags: ['b2b'] }, ['Adams', 'Walker']],
    ['search combined with a filter that excludes all', { q: '王', status: ['lead'] }, []],
  ])('%s', (_, filter, expected) => {
    expect(names(list, filter)).toEqual(expected);
  });

  it('keeps every order right through edits, deletes and re-adds (incremental = from scratch)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ i: fc.integer({ min: 0, max: 30 }), name: fc.string({ maxLength: 4 }), city: fc.constantFrom('', 'a', 'b'), del: fc.boolean() }),
          { maxLength: 60 },
        ),
        (steps) => {
          const live = listOf([]);
          for (const sort of ['name', 'city', 'updated'] as const) live.query({ ...defaultListFilter, sort });
          steps.forEach((s, k) => {
            const id = `r${s.i}`;
            if (s.del) live.remove([id]);
            else live.upsert([row({ id, name: s.name, city: s.city, updatedAt: `2026-01-01T00:00:${String(k % 60).padStart(2, '0')}.000Z` })]);
          });
          const fresh = listOf(live.query(defaultListFilter).map((id) => live.get(id)!));
          for (const sort of ['name', 'city', 'updated'] as const) {
            expect(live.query({ ...defaultListFilter, sort })).toEqual(fresh.query({ ...defaultListFilter, sort }));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps every order right when many rows change at once (merged = from scratch)', () => {
    const change = fc.record({ i: fc.integer({ min: 0, max: 120 }), name: fc.string({ maxLength: 3 }), city: fc.constantFrom('', 'a', 'b'), alive: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(change, { minLength: 1, maxLength: 90, size: 'max' }), { maxLength: 6 }), (batches) => {
        const live = listOf([]);
        for (const sort of ['name', 'city', 'updated'] as const) live.query({ ...defaultListFilter, sort });
        batches.forEach((batch, k) => {
          live.upsert(batch.map((s, j) => row({ id: `r${s.i}`, name: s.name, city: s.city, alive: s.alive, updatedAt: `2026-01-0${1 + (k % 9)}T00:00:${String(j % 60).padStart(2, '0')}.000Z` })));
        });
        const fresh = listOf(live.query(defaultListFilter).map((id) => live.get(id)!));
        expect(live.size).toBe(new Set(batches.flat().map((s) => s.i)).size);
        for (const sort of ['name', 'city', 'updated'] as const) {
          for (const dir of ['asc', 'desc'] as const) expect(live.query({ ...defaultListFilter, sort, dir })).toEqual(fresh.query({ ...defaultListFilter, sort, dir }));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('counts the spellings of one tag as one tag, shown as most customers spell it', () => {
    const spelt = listOf([
      row({ name: 'a', tags: ['vip'] }),
      row({ name: 'b', tags: ['vip'] }),
      row({ name: 'c', tags: ['VIP'] }),
      row({ name: 'd', tags: ['ＶＩＰ', 'x'] }),
    ]);
    expect(spelt.facets().tags).toEqual([['vip', 4], ['x', 1]]);
    expect(spelt.query({ ...defaultListFilter, tags: ['Vip'] }).length).toBe(4);
  });

  it('offers tags, cities and owners by how often they are used', () => {
    expect(list.facets()).toEqual({
      tags: [['VIP', 2], ['b2b', 2]],
      cities: [['上海', 2], ['Boston', 1]],
      owners: [['m1', 1], ['m2', 1]],
    });
  });
});

describe('CustomerList.restore', () => {
  const rows = ['Walker', '王建国', 'Adams', 'Zhou', '李明'].map((name) => row({ name }));

  it('takes rows saved in name order as they are, and keeps them in order as they change', () => {
    const saved = listOf(rows);
    const restored = listOf([]);
    restored.restore(saved.byName());
    expect(names(restored, { sort: 'name' })).toEqual(names(saved, { sort: 'name' }));
    restored.upsert([row({ name: 'Baker' })]);
    expect(names(restored, { sort: 'name' })).toEqual(['Adams', 'Baker', '李明', 'Walker', '王建国', 'Zhou']);
  });

  it('sorts rows that were not saved in order', () => {
    const restored = listOf([]);
    restored.restore(rows);
    expect(names(restored, { sort: 'name' })).toEqual(['Adams', '李明', 'Walker', '王建国', 'Zhou']);
  });
});

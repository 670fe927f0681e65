import { describe, expect, it } from 'vitest';
import { defaultListFilter, filterFromParams, filterToParams, isUnfiltered, sameList, type ListFilter } from '../../../src/domain/list-filter';

const f = (patch: Partial<ListFilter>): ListFilter => ({ ...defaultListFilter, ...patch });

describe('list filter in the URL', () => {
  it.each<[string, ListFilter, string]>([
    ['the default list has no parameters', defaultListFilter, ''],
    ['a search sorts by relevance without saying so', f({ q: '王建国', sort: 'relevance', dir: 'desc' }), 'q=%E7%8E%8B%E5%BB%BA%E5%9B%BD'],
    ['statuses and tags are comma lists', f({ status: ['active', 'lead'], tags: ['VIP', '华东'] }), 'status=active%2Clead&tags=VIP%2C%E5%8D%8E%E4%B8%9C'],
    ['date ranges and the complaint flag', f({ createdFrom: '2026-01-01', purchaseTo: '2026-06-30', openComplaint: true }), 'createdFrom=2026-01-01&purchaseTo=2026-06-30&complaint=open'],
    ['a sort and its non-default direction', f({ sort: 'updated', dir: 'asc' }), 'sort=updated&dir=asc'],
    ['a sort in its default direction', f({ sort: 'city', dir: 'asc' }), 'sort=city'],
    ['owner and kind', f({ owner: 'none', kind: 'company', city: '上海' }), 'kind=company&city=%E4%B8%8A%E6%B5%B7&owner=none'],
  ])('%s', (_, filter, query) => {
    expect(filterToParams(filter).toString()).toBe(query);
    expect(filterFromParams(new URLSearchParams(query))).toEqual(filter);
  });

  it.each([
    ['unknown statuses and sorts are dropped', 'status=active,bogus&sort=shoe&dir=up', f({ status: ['active'] })],
    ['malformed dates are ignored', 'createdFrom=2026-02-30&createdTo=yesterday', defaultListFilter],
    ['a very long search is cut', `q=${'x'.repeat(5000)}`, f({ q: 'x'.repeat(200), sort: 'relevance', dir: 'desc' })],
    ['empty list items are skipped', 'tags=,,a,,', f({ tags: ['a'] })],
  ])('%s', (_, query, expected) => {
    expect(filterFromParams(new URLSearchParams(query))).toEqual(expected);
  });

  it('knows when nothing narrows the list', () => {
    expect(isUnfiltered(f({ sort: 'city' }))).toBe(true);
    expect(isUnfiltered(f({ q: ' ' }))).toBe(true);
    expect(isUnfiltered(f({ tags: ['a'] }))).toBe(false);
    expect(isUnfiltered(f({ openComplaint: true }))).toBe(false);
  });

  it('knows when two filters list the same customers: only spaces around the search may differ', () => {
    expect(sameList(f({ q: '555', sort: 'relevance', dir: 'desc' }), f({ q: '555 ', sort: 'relevance', dir: 'desc' }))).toBe(true);
    expect(sameList(f({ q: '' }), f({ q: '  ' }))).toBe(true);
    expect(sameList(f({ q: 'bei', sort: 'relevance', dir: 'desc' }), f({ q: 'bei j', sort: 'relevance', dir: 'desc' }))).toBe(false);
    expect(sameList(f({ q: 'bei jing' }), f({ q: 'beijing' }))).toBe(false);
    expect(sameList(f({ q: 'a', tags: ['vip'] }), f({ q: 'a ' }))).toBe(false);
    expect(sameList(f({ sort: 'city' }), f({ sort: 'city', dir: 'desc' }))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CustomerList, type CustomerMatches, type Matcher } from '../../../src/lists/customer-list';
import type { ListRow } from '../../../src/lists/list-row';
import { defaultListFilter, listSorts, type ListFilter } from '../../../src/domain/list-filter';
import { listRow } from '../support/fixtures';

function row(id: string, name: string, patch: Partial<ListRow> = {}): ListRow {
  return listRow({ id, name, ...patch });
}

/**
 * Numbers customers the way the search index does: a table that only grows, replaced as a
 * whole when `renumber` is called. `found` is what the next search finds, best first.
 */
class NumberingMatcher implements Matcher {
  found: string[] = [];
  searches = 0;
  #table: string[] = [];
  #numbers = new Map<string, number>();

  renumber(): void {
    this.#table = [];
    this.#numbers = new Map();
  }

  search(): CustomerMatches {
    this.searches++;
    const keys = this.found.map((id) => {
      let n = this.#numbers.get(id);
      if (n === undefined) this.#numbers.set(id, (n = this.#table.push(id) - 1));
      return n;
    });
    return { keys: Int32Array.from(keys), ids: this.#table };
  }

  get customerIds(): readonly string[] {
    return this.#table;
  }
}

const f = (patch: Partial<ListFilter>): ListFilter => ({ ...defaultListFilter, ...patch });

/**
 * The list as it answered before row numbers: the found ids in order, or the unsearched order
 * narrowed to them; the unsearched order from a list built from scratch with the same rows.
 */
function expected(rows: Map<string, ListRow>, found: string[], filter: ListFilter): string[] {
  const fresh = new CustomerList(new NumberingMatcher());
  fresh.upsert([...rows.values()]);
  const unsearched = fresh.query({ ...filter, q: '', sort: filter.sort === 'relevance' ? 'name' : filter.sort });
  if (filter.sort !== 'relevance') return unsearched.filter((id) => found.includes(id));
  const kept = new Set(unsearched);
  const ids = found.filter((id) => kept.has(id));
  return filter.dir === 'asc' ? ids.reverse() : ids;
}

describe('CustomerList with a search: rows by number', () => {
  it('answers like a lookup per match, through edits, removals, clearing and renumbering', () => {
    const id = fc.integer({ min: 0, max: 12 }).map((i) => `r${i}`);
    const step = fc.oneof(
      fc.record({ op: fc.constant('upsert' as const), id, name: fc.constantFrom('Adams', 'Brown', '王建国', 'adams', ''), alive: fc.boolean(), status: fc.constantFrom('active' as const, 'lead' as const) }),
      fc.record({ op: fc.constant('remove' as const), id }),
      fc.record({ op: fc.constant('find' as const), ids: fc.uniqueArray(id, { maxLength: 10 }) }),
      fc.record({ op: fc.constantFrom('renumber' as const, 'clear' as const, 'warm' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.constantFrom(...listSorts), fc.constantFrom<ListFilter['dir']>('asc', 'desc'), fc.boolean(), (steps, sort, dir, leads) => {
        const matcher = new NumberingMatcher();
        const list = new CustomerList(matcher);
        const filter = f({ q: 'x', sort, dir, status: leads ? ['lead'] : [] });
        const rows = new Map<string, ListRow>();
        for (const s of steps) {
          if (s.op === 'upsert') {
            rows.set(s.id, row(s.id, s.name, { alive: s.alive, status: s.status }));
            list.upsert([rows.get(s.id)!]);
          } else if (s.op === 'remove') {
            rows.delete(s.id);
            list.remove([s.id]);
          } else if (s.op === 'find') {
            matcher.found = s.ids;
          } else if (s.op === 'renumber') {
            matcher.renumber();
          } else if (s.op === 'warm') {
            list.warm();
          } else {
            rows.clear();
            list.clear();
          }
          expect(list.query(filter)).toEqual(expected(rows, matcher.found, filter));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds a customer whose row arrives after the search first saw it', () => {
    const matcher = new NumberingMatcher();
    const list = new CustomerList(matcher);
    matcher.found = ['late', 'early'];
    list.upsert([row('early', 'Early')]);
    expect(list.query(f({ q: 'x', sort: 'relevance', dir: 'desc' }))).toEqual(['early']);
    list.warm();
    list.upsert([row('late', 'Late')]);
    expect(list.query(f({ q: 'x', sort: 'relevance', dir: 'desc' }))).toEqual(['late', 'early']);
    expect(list.query(f({ q: 'x', sort: 'name' }))).toEqual(['early', 'late']);
  });

  it('does not search for an empty query, and lists every row it holds by name', () => {
    const matcher = new NumberingMatcher();
    const list = new CustomerList(matcher);
    list.upsert([row('a', 'A'), row('b', 'B', { alive: false })]);
    list.remove(['a']);
    list.upsert([row('c', 'C')]);
    expect(list.query(f({ q: '  ' }))).toEqual(['c']);
    expect(matcher.searches).toBe(0);
    expect(list.byName().map((r) => r.id)).toEqual(['b', 'c']);
    expect(list.size).toBe(2);
  });
});

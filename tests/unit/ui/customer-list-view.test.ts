import { describe, expect, it, vi } from 'vitest';
import { CustomerListView } from '../../../src/ui/state/customer-list-view.svelte';
import { defaultListFilter, type ListFilter } from '../../../src/domain/list-filter';
import type { ListResult } from '../../../src/lists/list-engine';
import { customerRecord, listRow } from '../support/fixtures';

/** A live query whose answers the test gives, in the order it likes. */
function liveQuery<T>() {
  const next: ((value: T) => void)[] = [];
  return { subscribable: { subscribe: (observer: { next: (value: T) => void }) => (next.push(observer.next), { unsubscribe() {} }) }, answer: (value: T) => next.forEach((f) => f(value)) };
}
const all = { ...defaultListFilter };
const search = (q: string): ListFilter => ({ ...defaultListFilter, q });

/** The list view over a fake list worker (`answer`) and the read tables' first screen. */
function listView(loaded: boolean, answer: (filter: ListFilter) => Promise<ListResult>) {
  const rows = liveQuery<object[]>();
  const count = liveQuery<number>();
  const asked: Promise<ListResult>[] = [];
  const source = {
    loaded,
    loadReport: null,
    query: (filter: ListFilter) => {
      const answered = answer(filter);
      asked.push(answered);
      return answered;
    },
    window: async () => [],
    ids: async () => [],
    facets: async () => ({ tags: [], cities: [], owners: [] }),
    onChange: () => () => {},
    close() {},
  };
  const customers = { list: () => rows.subscribable, count: () => count.subscribable };
  const session = { customerList: () => source, queries: { customers }, firstScreenShown() {} };
  const view = new CustomerListView(session as never, all);
  /**
   * Resolves once every query the view asked has been answered and the view asked no more. The
   * view awaits each answer from the moment it asks, before this does: when this resumes, the
   * view has used the answer (and asked again, if it does, in that same turn).
   */
  const answered = async () => {
    let seen: number;
    do {
      seen = asked.length;
      await Promise.allSettled(asked);
    } while (asked.length !== seen);
  };
  return { view, rows, count, queries: () => asked.length, answered };
}

const result = (total: number, complete = true): ListResult => ({ total, rows: total ? [listRow({ id: 'c1', name: 'A' })] : [], from: 0, complete });

describe('CustomerListView: the count line matches what is on screen', () => {
  it('while the worker loads, a cleared search shows the first screen and its count together, in either order', async () => {
    for (const countFirst of [true, false]) {
      const { view, rows, count, answered } = listView(false, async (filter) => result(filter.q ? 0 : 500, false));
      view.setFilter(search('zzz'));
      await answered();
      view.setFilter(all);
      await answered();
      // The worker's answers are set aside while it loads; the read tables answer in two parts.
      if (countFirst) count.answer(500);
      else rows.answer([customerRecord()]);
      expect(view.shownFiltered && view.total === 500, 'the whole workspace called "matching"').toBe(false);
      expect(!view.shownFiltered && view.total === 0, '"0 customers" above the rows').toBe(false);
      if (countFirst) rows.answer([customerRecord()]);
      else count.answer(500);
      expect({ total: view.total, shownFiltered: view.shownFiltered }).toEqual({ total: 500, shownFiltered: false });
    }
  });

  it('asks again after a failed query, when the same filter is set once more', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let fail = false;
    const { view, queries, answered } = listView(true, async (filter) => {
      if (fail) throw new Error('search failed');
      return result(filter.q ? 0 : 500);
    });
    await answered();
    view.setFilter(search('zzz'));
    await answered();
    fail = true;
    view.setFilter(all);
    await answered();
    expect(view.shownFiltered).toBe(true);
    fail = false;
    const before = queries();
    // "Clear all" again: the filter asked is the same, but what is shown still answers the search.
    view.setFilter(all);
    await answered();
    expect(queries() - before).toBe(1);
    expect({ total: view.total, shownFiltered: view.shownFiltered }).toEqual({ total: 500, shownFiltered: false });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('a space typed after a word asks nothing more', async () => {
    const { view, queries, answered } = listView(true, async (filter) => result(filter.q ? 3 : 500));
    view.setFilter(search('wang'));
    await answered();
    const before = queries();
    view.setFilter(search('wang '));
    await answered();
    expect(queries()).toBe(before);
    expect(view.total).toBe(3);
  });
});

import type { Subscribable } from '../../storage/subscribable';
import { Live } from './live.svelte';

export const PAGE_SIZE = 50;

/**
 * A live list read `limit` rows at a time: "Show more" raises the limit, so a long list is
 * never read whole. While a larger page loads, the rows already shown stay on screen.
 */
export class PagedLive<T> {
  limit = $state(PAGE_SIZE);
  #query: (limit: number) => Subscribable<T[]>;
  #live = $derived(new Live(this.#queryOf(this.limit)));
  #last: T[] | undefined;

  constructor(query: (limit: number) => Subscribable<T[]>, readonly pageSize = PAGE_SIZE) {
    this.#query = query;
    this.limit = pageSize;
  }

  #queryOf(limit: number) {
    return this.#query(limit);
  }

  get rows(): T[] | undefined {
    const value = this.#live.current;
    if (value) this.#last = value;
    return value ?? this.#last;
  }

  get loaded(): boolean {
    return this.#live.loaded || this.#last !== undefined;
  }

  get error(): unknown {
    return this.#live.error;
  }

  /** A full page came back: there may be more. */
  get hasMore(): boolean {
    return (this.rows?.length ?? 0) >= this.limit;
  }

  more() {
    this.limit += this.pageSize;
  }
}

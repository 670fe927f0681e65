import { SvelteMap } from 'svelte/reactivity';
import type { Queries } from '../../storage/queries';

/**
 * Names of the customers a list shows, read by id (one indexed bulk read per change of the
 * list), so a list of orders or history entries never loads the customer table.
 */
export class CustomerNames {
  #names = new SvelteMap<string, string>();

  constructor(private readonly queries: Queries) {}

  /** Reads the names of these customers again (a rename shows when the list next changes); resolves once they are known. */
  read(ids: Iterable<string | null | undefined>): Promise<void> {
    // A Set, not indexOf: Today reads the customers of up to thousands of reminders at once.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, never rendered
    const wanted = [...new Set(ids)].filter((id): id is string => typeof id === 'string' && id !== '');
    if (wanted.length === 0) return Promise.resolve();
    return this.queries.customers.byIds(wanted).then(
      (rows) => {
        for (const row of rows) if (this.#names.get(row.id) !== row.name) this.#names.set(row.id, row.name);
      },
      (error: unknown) => console.error(error),
    );
  }

  name(id: string | null | undefined): string | undefined {
    return id ? this.#names.get(id) : undefined;
  }
}

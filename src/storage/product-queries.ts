import { liveQuery } from 'dexie';
import type { ProductRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { startingWith } from './query-ranges';

export class ProductQueries {
  constructor(private readonly db: ReadDb) {}

  /** Live products by name. */
  list(): Subscribable<ProductRow[]> {
    return liveQuery(() => this.db.products.where('[alive+name]').between(...startingWith(1)).toArray());
  }
}

import { liveQuery } from 'dexie';
import type { ProductRow, ReadDb } from './read-db';
import type { Subscribable } from './subscribable';
import { startingWith } from './query-ranges';
import { nameSortKey } from '../domain/sort-key';

/** Sort keys by name: a catalogue is re-read on every change, and its names seldom change. */
const keys = new Map<string, string>();
function keyOf(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    if (keys.size > 10_000) keys.clear();
    keys.set(name, (key = nameSortKey(name)));
  }
  return key;
}

/** Names as the customer list sorts them (pinyin for Chinese, case-insensitive), not by code point. */
export function byProductName(a: Pick<ProductRow, 'name' | 'id'>, b: Pick<ProductRow, 'name' | 'id'>): number {
  const x = keyOf(a.name);
  const y = keyOf(b.name);
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class ProductQueries {
  constructor(private readonly db: ReadDb) {}

  /**
   * Live products by name, as every text column sorts (the Products page and the product pickers
   * of an order). A catalogue is tens to a few hundred products: read whole, sorted here.
   */
  list(): Subscribable<ProductRow[]> {
    return liveQuery(async () => (await this.db.products.where('[alive+name]').between(...startingWith(1)).toArray()).sort(byProductName));
  }
}

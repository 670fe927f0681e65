import type { CollectionName } from '../workspace/layout';
import type { ReadDb } from './read-db';

/** The collections the customer list is built from: their projected batches are numbered and journalled. */
export const listCollections: readonly CollectionName[] = ['customers', 'contacts', 'orders', 'complaints'];

export const LIST_SEQ_KEY = 'listSeq';

export function isListCollection(name: CollectionName): boolean {
  return listCollections.includes(name);
}

/**
 * Numbers a projected batch and notes which records it touched, inside the batch's own
 * transaction (which must include `meta` and `listJournal`). The list worker keeps a saved copy
 * of its state with the number it matches; on the next start it reads back only the records
 * journalled since, instead of every customer, contact, order and complaint. `current` is the
 * number as currentListSeq() reads it, requested together with the batch's other requests (each
 * awaited one by one would cost its own round trip to IndexedDB).
 */
export async function journalBatch(db: ReadDb, collection: CollectionName, ids: string[], current: Promise<number>): Promise<number> {
  const seq = (await current) + 1;
  await Promise.all([db.meta.put({ key: LIST_SEQ_KEY, value: seq }), db.listJournal.put({ seq, collection, ids })]);
  return seq;
}

export async function currentListSeq(db: ReadDb): Promise<number> {
  const value = (await db.meta.get(LIST_SEQ_KEY))?.value;
  return typeof value === 'number' ? value : 0;
}

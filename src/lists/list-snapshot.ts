import type { ReadDb } from '../storage/read-db';
import { currentListSeq, listCollections } from '../storage/list-journal';
import type { CollectionName } from '../workspace/layout';
import type { CustomerSearchJson } from './customer-search';
import type { PackedRecords } from './packed-records';

/** Bump when ListRow or the saved state changes shape: a state saved by another version is then ignored. */
export const LIST_STATE_VERSION = 2;

/** Past this many journalled records, reading every table costs about as much as catching up. */
const MAX_CATCH_UP = 50_000;

/** The list engine's memory, as saved: packed (packed-records.ts), which IndexedDB reads back quickly. */
export interface ListState {
  rows: PackedRecords;
  /** Triples: order id, customer id, ordered on; for the orders that count as purchases. */
  purchases: PackedRecords;
  /** Pairs: complaint id, customer id; for the open complaints. */
  openComplaints: PackedRecords;
  /** Pairs: order or complaint id, customer id; for every order and complaint. */
  owners: PackedRecords;
  search: CustomerSearchJson;
}

export type ListStart =
  | { kind: 'saved'; seq: number; savedSeq: number; state: ListState; since: Map<CollectionName, string[]> }
  | { kind: 'tables'; seq: number };

/**
 * Where the list starts: from its saved state plus the records journalled since (when the
 * journal has every batch since the save), otherwise from the tables. `seq` is the journal
 * number the tables were at, read in the same transaction.
 */
export async function readListStart(db: ReadDb): Promise<ListStart> {
  return db.transaction('r', db.meta, db.listSnapshot, db.listJournal, async (): Promise<ListStart> => {
    const seq = await currentListSeq(db);
    const saved = await db.listSnapshot.get('list');
    if (!saved || saved.version !== LIST_STATE_VERSION || saved.seq > seq) return { kind: 'tables', seq };
    const batches = await db.listJournal.where('seq').above(saved.seq).toArray();
    if (batches.length !== seq - saved.seq) return { kind: 'tables', seq };
    const ids = new Map<CollectionName, Set<string>>(listCollections.map((name) => [name, new Set()]));
    let count = 0;
    for (const batch of batches) {
      for (const id of batch.ids) ids.get(batch.collection)?.add(id);
      count += batch.ids.length;
    }
    if (count > MAX_CATCH_UP) return { kind: 'tables', seq };
    const since = new Map([...ids].map(([name, set]): [CollectionName, string[]] => [name, [...set]]));
    return { kind: 'saved', seq, savedSeq: saved.seq, state: saved.state as ListState, since };
  });
}

/**
 * Saves the state if the tables are still at `seq` (otherwise a batch is on its way to the
 * engine, and the next save will do), and drops the journal it covers.
 */
export async function saveListState(db: ReadDb, seq: number, state: ListState): Promise<boolean> {
  return db.transaction('rw', db.meta, db.listSnapshot, db.listJournal, async () => {
    if ((await currentListSeq(db)) !== seq) return false;
    await db.listSnapshot.put({ key: 'list', seq, version: LIST_STATE_VERSION, state });
    await db.listJournal.where('seq').belowOrEqual(seq).delete();
    return true;
  });
}

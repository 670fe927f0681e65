import type { ReadDb } from '../storage/read-db';
import { currentListSeq, listCollections } from '../storage/list-journal';
import type { CollectionName } from '../workspace/layout';
import type { CustomerSearchJson } from './customer-search';
import type { PackedRecords } from './packed-records';
import type { FiguresState } from './customer-figures';

/**
 * Bump when ListRow or the saved state changes shape or meaning: a state saved by another version
 * is then ignored. 3: purchases are paid orders only (a pending order was one in 2). 4: cityKey
 * sorts as names do (textSortKey).
 */
export const LIST_STATE_VERSION = 4;

/** Past this many journalled records, reading every table costs about as much as catching up. */
const MAX_CATCH_UP = 50_000;

/** The list engine's memory, as saved: packed (packed-records.ts), which IndexedDB reads back quickly. */
export interface ListState extends FiguresState {
  rows: PackedRecords;
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
    const saved = await db.listSnapshot.get(HEAD);
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
    const parts = await db.listSnapshot.bulkGet(PARTS.map((part) => `${HEAD}/${part}`));
    if (parts.some((p) => !p || p.seq !== saved.seq || p.version !== saved.version)) return { kind: 'tables', seq };
    const state = joinState(new Map(parts.map((p, i) => [PARTS[i]!, p!.state])));
    return { kind: 'saved', seq, savedSeq: saved.seq, state, since };
  });
}

const HEAD = 'list';
/**
 * The state is saved in several rows: Chromium refuses an IndexedDB value over 127 MiB, and at
 * 100k customers the whole state is about that.
 */
const PARTS = ['rows', 'figures', 'contacts', 'index', 'index.docs', 'index.terms', 'index.firstChars', 'index.grams'] as const;
type Part = (typeof PARTS)[number];

function splitState(state: ListState): Record<Part, unknown> {
  const { rows, purchases, openComplaints, owners, search } = state;
  const { docs, terms, firstChars, grams, ...index } = search.index;
  return { rows, figures: { purchases, openComplaints, owners }, contacts: search.contacts, index, 'index.docs': docs, 'index.terms': terms, 'index.firstChars': firstChars, 'index.grams': grams };
}

/** The parts are checked where they are used (unpacking, SearchIndex.fromJSON): a damaged one throws there. */
function joinState(parts: Map<Part, unknown>): ListState {
  const part = <T>(name: Part) => parts.get(name) as T;
  const figures = part<Pick<ListState, 'purchases' | 'openComplaints' | 'owners'>>('figures');
  const index = { ...part<object>('index'), docs: part('index.docs'), terms: part('index.terms'), firstChars: part('index.firstChars'), grams: part('index.grams') };
  return { rows: part('rows'), ...figures, search: { contacts: part('contacts'), index: index as ListState['search']['index'] } };
}

/**
 * Saves the state if the tables are still at `seq` (otherwise a batch is on its way to the
 * engine, and the next save will do), and drops the journal it covers.
 */
export async function saveListState(db: ReadDb, seq: number, state: ListState): Promise<boolean> {
  return db.transaction('rw', db.meta, db.listSnapshot, db.listJournal, async () => {
    if ((await currentListSeq(db)) !== seq) return false;
    const parts = splitState(state);
    await db.listSnapshot.bulkPut([
      ...PARTS.map((name) => ({ key: `${HEAD}/${name}`, seq, version: LIST_STATE_VERSION, state: parts[name] })),
      { key: HEAD, seq, version: LIST_STATE_VERSION, state: null },
    ]);
    await db.listJournal.where('seq').belowOrEqual(seq).delete();
    return true;
  });
}

/**
 * The workspace history (time travel): what changed when, and from which device, read from the
 * update log. Each stored update becomes a LoggedChange (its records and what happened to each);
 * consecutive ones from the same writers close in time are grouped into one entry of the list.
 */
export const changeKinds = ['added', 'changed', 'deleted', 'restored', 'removed', 'broken'] as const;
/**
 * added/changed: as written. deleted: moved to the Trash (deletedAt set); restored: out of it.
 * removed: gone from the document (not in the Trash). broken: now fails validation, so the app
 * quarantines it (Data problems).
 */
export type ChangeKind = (typeof changeKinds)[number];

/** Kinds that take a record out of the team's view: what a bulk change is counted in. */
const destructive: ReadonlySet<ChangeKind> = new Set(['deleted', 'removed', 'broken']);

/**
 * A peer's single update that takes more records than this out of view (deleted, removed or
 * broken) is flagged on the status line for review. One person's honest bulk delete of a
 * filtered list is usually below it; a script or a broken peer emptying a collection is not.
 */
export const BULK_CHANGE_THRESHOLD = 20;

/** Rows further apart than this never share an entry. */
export const ENTRY_GAP_MS = 5 * 60 * 1000;

export type ChangeSource = 'local' | 'peer' | 'file' | 'unknown';

export interface RecordChange {
  collection: string;
  id: string;
  kind: ChangeKind;
}

export interface LoggedChange {
  seq: number;
  at: number;
  source: ChangeSource;
  /** Member ids of the writers of its new content, when their devices registered them. */
  authors: string[];
  /** For a peer's update: the teammates connected when it arrived (a delete names no author). */
  via: string[];
  changes: RecordChange[];
}

export type ChangeCounts = Record<string, Partial<Record<ChangeKind, number>>>;

export interface HistoryEntry {
  /** The entry covers log rows fromSeq..toSeq; "before it" is the state after fromSeq - 1. */
  fromSeq: number;
  toSeq: number;
  startAt: number;
  endAt: number;
  source: ChangeSource;
  authors: string[];
  via: string[];
  /** Per collection, how many records each kind of change touched. */
  counts: ChangeCounts;
  /** Records taken out of view (deleted, removed, broken). */
  destructive: number;
  /** A bulk change from someone else (see BULK_CHANGE_THRESHOLD): the list flags it. */
  bulk: boolean;
  /** Every record the entry touched, once each (for "restore all affected by this change"). */
  records: { collection: string; id: string }[];
}

export function destructiveCount(changes: readonly RecordChange[]): number {
  let n = 0;
  for (const change of changes) if (destructive.has(change.kind)) n++;
  return n;
}

/** Whether a change someone else made takes so many records out of view that it needs a look. */
export function isBulkChange(source: ChangeSource, changes: readonly RecordChange[]): boolean {
  return source !== 'local' && destructiveCount(changes) > BULK_CHANGE_THRESHOLD;
}

function attribution(row: LoggedChange): string {
  return `${row.source}|${row.authors.join(',')}|${row.via.join(',')}`;
}

function newEntry(row: LoggedChange, bulk: boolean): HistoryEntry {
  return { fromSeq: row.seq, toSeq: row.seq, startAt: row.at, endAt: row.at, source: row.source, authors: row.authors, via: row.via, counts: {}, destructive: 0, bulk, records: [] };
}

/**
 * Groups logged changes (in seq order) into entries, newest first. Rows touching no record
 * (a device registering, settings) join no entry. Rows that take records out of view (and bulk
 * ones among them) are never grouped with ordinary edits, so each can be reviewed and restored
 * on its own; consecutive ones of the same writers (deleting several customers one after
 * another, a delete done in batches) form one entry.
 */
export function groupHistory(rows: readonly LoggedChange[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let current: HistoryEntry | null = null;
  let currentKey = '';
  let seen = new Map<string, RecordChange>();
  for (const row of rows) {
    if (row.changes.length === 0) continue;
    const bulk = isBulkChange(row.source, row.changes);
    const kind = bulk ? 'bulk' : destructiveCount(row.changes) > 0 ? 'destructive' : 'edit';
    const key = `${attribution(row)}|${kind}`;
    if (!current || key !== currentKey || row.at - current.endAt > ENTRY_GAP_MS) {
      current = newEntry(row, bulk);
      currentKey = key;
      seen = new Map();
      entries.push(current);
    }
    current.toSeq = row.seq;
    current.endAt = Math.max(current.endAt, row.at);
    for (const change of row.changes) {
      const id = `${change.collection}/${change.id}`;
      const previous = seen.get(id);
      // A record counts once per entry, under what happened to it last.
      if (previous) decrement(current, previous);
      else current.records.push({ collection: change.collection, id: change.id });
      seen.set(id, change);
      increment(current, change);
    }
  }
  return entries.reverse();
}

function increment(entry: HistoryEntry, change: RecordChange) {
  const counts = (entry.counts[change.collection] ??= {});
  counts[change.kind] = (counts[change.kind] ?? 0) + 1;
  if (destructive.has(change.kind)) entry.destructive++;
}

function decrement(entry: HistoryEntry, change: RecordChange) {
  const counts = entry.counts[change.collection]!;
  counts[change.kind] = counts[change.kind]! - 1;
  if (counts[change.kind] === 0) delete counts[change.kind];
  if (destructive.has(change.kind)) entry.destructive--;
}

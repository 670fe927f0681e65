import Dexie from 'dexie';

/** Rows not in Trash: deleted rows stay in the read tables (for Trash and history) with alive 0. */
export const liveRows = <T extends { alive: 0 | 1 }>(rows: T[]) => rows.filter((r) => r.alive === 1);

/** Every key of a compound index that starts with `first`. */
export const startingWith = (first: unknown) => [
  [first, Dexie.minKey],
  [first, Dexie.maxKey],
] as const;

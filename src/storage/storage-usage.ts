import type { Collection, Table } from 'dexie';
import { piecesOf } from './snapshots';
import type { LogDb } from './log-db';
import type { ReadDb } from './read-db';
import { collectionNames } from '../workspace/layout';

/** What one store of a workspace holds on this device; `bytes` is approximate (indexes excluded). */
export interface StoreUsage {
  store: 'log' | 'snapshots' | 'tables' | 'list' | 'problems';
  rows: number;
  bytes: number;
}

/** Rows sampled to estimate a read table's row size: counting every byte of 100k rows is not worth it. */
const SAMPLE_ROWS = 50;
/** A saved list state of 100k customers is deep: stop walking a value past this many nodes. */
const MAX_NODES = 2_000_000;
const WIDE = /[\u0100-\uffff]/;

/** Size of a stored value as IndexedDB roughly keeps it: binary as is, Latin-1 strings a byte a character, others two. */
export function approxBytes(value: unknown): number {
  let nodes = 0;
  const walk = (v: unknown): number => {
    if (++nodes > MAX_NODES) return 0;
    if (typeof v === 'string') return WIDE.test(v) ? v.length * 2 : v.length;
    if (typeof v === 'number' || typeof v === 'boolean') return 8;
    if (v === null || v === undefined) return 1;
    if (ArrayBuffer.isView(v)) return v.byteLength;
    if (v instanceof ArrayBuffer) return v.byteLength;
    if (Array.isArray(v)) return v.reduce((n: number, item) => n + walk(item), 0);
    if (typeof v === 'object') return Object.entries(v).reduce((n, [key, item]) => n + key.length + walk(item), 0);
    return 0;
  };
  return walk(value);
}

async function sampled(table: Table): Promise<{ rows: number; bytes: number }> {
  const rows = await table.count();
  if (rows === 0) return { rows, bytes: 0 };
  const sample = await table.limit(SAMPLE_ROWS).toArray();
  return { rows, bytes: Math.round((approxBytes(sample) / sample.length) * rows) };
}

async function measured(table: Table | Collection, size: (row: never) => number): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  await table.each((row) => {
    rows++;
    bytes += size(row as never);
  });
  return { rows, bytes };
}

/**
 * Per store: the update log and snapshots (primary data, counted exactly), the read tables and
 * the list's saved state (derived: they can be dropped and built again from the document).
 */
export async function measureUsage(log: LogDb, read: ReadDb): Promise<StoreUsage[]> {
  const updates = await measured(log.updates, (row: { data: Uint8Array }) => row.data.byteLength);
  const snapshotRows = await log.snapshots.toArray();
  let snapshotBytes = 0;
  for (const s of snapshotRows) {
    snapshotBytes += s.data?.byteLength ?? s.bytes ?? 0;
    if (s.pieces && s.bytes === undefined) snapshotBytes += (await measured(piecesOf(log, s.id!, 0), (p: { data: Uint8Array }) => p.data.byteLength)).bytes;
  }
  const tables = { rows: 0, bytes: 0 };
  for (const table of [...collectionNames.map((name) => read.table(name)), read.activity]) {
    const usage = await sampled(table);
    tables.rows += usage.rows;
    tables.bytes += usage.bytes;
  }
  const snapshot = await measured(read.listSnapshot, (row: unknown) => approxBytes(row));
  const journal = await sampled(read.listJournal);
  const problems = await sampled(read.problems);
  return [
    { store: 'log', ...updates },
    { store: 'snapshots', rows: snapshotRows.length, bytes: snapshotBytes },
    { store: 'tables', ...tables },
    { store: 'list', rows: snapshot.rows + journal.rows, bytes: snapshot.bytes + journal.bytes },
    { store: 'problems', ...problems },
  ];
}

/** The list worker's saved state and journal: it reads the tables instead at its next start. */
export async function dropListState(read: ReadDb): Promise<void> {
  await read.transaction('rw', read.listSnapshot, read.listJournal, async () => {
    await read.listSnapshot.clear();
    await read.listJournal.clear();
  });
}

/** Reports of refused messages and files from teammates; records in quarantine stay listed. */
export async function clearSyncProblems(read: ReadDb): Promise<number> {
  return read.problems.where('collection').equals('sync').delete();
}

import type * as Y from 'yjs';
import type { DocCodec } from './codec';
import type { LogDb } from './log-db';
import { replayHistory, type ReplayedRow } from './history-replay';
import { collection, collectionNames, type CollectionName } from '../workspace/layout';
import { readableRecord } from '../workspace/transaction-changes';
import { readStoredRecord } from '../workspace/record-entry';

export interface HistoryRows {
  rows: ReplayedRow[];
  /** The earliest point the kept history reaches (the base snapshot's time), or null from the start. */
  fromAt: number | null;
}

/**
 * A record as it was at a point of the history. Its fields travel as one JSON string: a
 * preview of 10k customers as objects took the page a second to receive from the worker.
 */
export interface PastRecord {
  collection: CollectionName;
  id: string;
  /** JSON of its fields as stored (readable or not); null when absent or not a record map. */
  raw: string | null;
  /** Whether it was a record the app could read then (its schema passed). */
  readable: boolean;
  name: string | null;
  status: string | null;
  deleted: boolean;
}

export type HistoryRequest =
  | { kind: 'rows' }
  /** The records named, plus every customer when `allCustomers`, as they were after row `upTo`. */
  | { kind: 'records'; upTo: number; refs: { collection: string; id: string }[]; allCustomers: boolean };

/** Where the history is rebuilt: a worker in the browser (history.worker.ts), this thread in tests. */
export interface HistorySource {
  rows(): Promise<HistoryRows>;
  recordsAt(upTo: number, refs: { collection: string; id: string }[], allCustomers: boolean): Promise<PastRecord[]>;
}

function isCollection(name: string): name is CollectionName {
  return (collectionNames as readonly string[]).includes(name);
}

function pastRecord(doc: Y.Doc, name: CollectionName, id: string): PastRecord {
  const value = collection(doc, name).get(id) as unknown;
  const absent: PastRecord = { collection: name, id, raw: null, readable: false, name: null, status: null, deleted: false };
  const fields = readStoredRecord(id, value);
  if (!fields) return absent;
  try {
    return {
      collection: name,
      id,
      raw: JSON.stringify(fields),
      readable: readableRecord(name, id, value) !== undefined,
      name: typeof fields.name === 'string' ? fields.name : null,
      status: typeof fields.status === 'string' ? fields.status : null,
      deleted: Boolean(fields.deletedAt),
    };
  } catch {
    return absent;
  }
}

/** The fields of a past record that was readable then; null otherwise. */
export function pastFields(record: PastRecord): Record<string, unknown> | null {
  if (!record.readable || record.raw === null) return null;
  try {
    return JSON.parse(record.raw) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Answers one request by replaying the log (history-replay.ts). */
export async function answerHistoryRequest(db: LogDb, codec: DocCodec, request: HistoryRequest, pace?: () => Promise<void>): Promise<HistoryRows | PastRecord[]> {
  if (request.kind === 'rows') {
    const replay = await replayHistory(db, codec, { changes: true, ...(pace ? { pace } : {}) });
    replay.doc.destroy();
    return { rows: replay.rows, fromAt: replay.fromAt };
  }
  const replay = await replayHistory(db, codec, { upTo: request.upTo, ...(pace ? { pace } : {}) });
  try {
    const wanted = new Map<string, { name: CollectionName; id: string }>();
    if (request.allCustomers) for (const id of collection(replay.doc, 'customers').keys()) wanted.set(`customers/${id}`, { name: 'customers', id });
    for (const ref of request.refs.slice(0, 1_000_000)) {
      if (isCollection(ref.collection) && typeof ref.id === 'string') wanted.set(`${ref.collection}/${ref.id}`, { name: ref.collection, id: ref.id });
    }
    return [...wanted.values()].map(({ name, id }) => pastRecord(replay.doc, name, id));
  } finally {
    replay.doc.destroy();
  }
}

/** The history rebuilt on this thread (tests, or a codec a worker cannot have yet). */
export function inlineHistorySource(db: LogDb, codec: DocCodec, pace?: () => Promise<void>): HistorySource {
  return {
    rows: () => answerHistoryRequest(db, codec, { kind: 'rows' }, pace) as Promise<HistoryRows>,
    recordsAt: (upTo, refs, allCustomers) => answerHistoryRequest(db, codec, { kind: 'records', upTo, refs, allCustomers }, pace) as Promise<PastRecord[]>,
  };
}

/**
 * The history rebuilt in a dedicated worker, one per request: at 10k customers replaying the log
 * and validating what it held took 1.5-2 s of the page's time in slices, with tasks up to 0.4 s.
 */
export function workerHistorySource(workspaceId: string, db: LogDb, codec: DocCodec, pace?: () => Promise<void>): HistorySource {
  if (typeof Worker === 'undefined' || codec.id !== 'identity') return inlineHistorySource(db, codec, pace);
  const ask = <T>(request: HistoryRequest) =>
    new Promise<T>((resolve, reject) => {
      const worker = new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<{ ok: boolean; result?: T; message?: string }>) => {
        worker.terminate();
        if (event.data.ok) resolve(event.data.result as T);
        else reject(new Error(event.data.message));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(event.message || 'history worker failed'));
      };
      worker.postMessage({ workspaceId, request });
    });
  return {
    rows: () => ask<HistoryRows>({ kind: 'rows' }),
    recordsAt: (upTo, refs, allCustomers) => ask<PastRecord[]>({ kind: 'records', upTo, refs, allCustomers }),
  };
}

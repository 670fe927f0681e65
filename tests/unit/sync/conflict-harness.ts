import * as Y from 'yjs';
import { watchConflicts, type FieldConflict, type WatchConflictsOptions } from '../../../src/sync/conflicts';
import { LOCAL_ORIGIN } from '../../../src/workspace/origins';
import { Workspace } from '../../../src/workspace/workspace';
import { steppingClock } from '../support/fixtures';
import { docWithClient } from '../support/ydoc';

export const REMOTE = 'remote';

/** One device: its doc, a workspace writing as `member`, the conflicts it reported and every update it emitted. */
export interface Replica {
  doc: Y.Doc;
  ws: Workspace;
  conflicts: FieldConflict[];
  /** Updates of this device's own edits, as a live provider would broadcast them. */
  local: Uint8Array[];
  /** Every update the doc emitted (own edits and what it integrated from others), for relaying. */
  log: Uint8Array[];
}

export function replica(clientID: number, member: string, options: WatchConflictsOptions = {}, clockOffsetMs = 0): Replica {
  const doc = docWithClient(clientID);
  const ws = new Workspace('ws-1', doc, member, steppingClock(Date.parse('2026-03-01T08:00:00.000Z') + clockOffsetMs));
  const conflicts: FieldConflict[] = [];
  const local: Uint8Array[] = [];
  const log: Uint8Array[] = [];
  watchConflicts(doc, (c) => conflicts.push(c), { onError: (e) => { throw e; }, ...options });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    log.push(update);
    if (origin === LOCAL_ORIGIN) local.push(update);
  });
  return { doc, ws, conflicts, local, log };
}

/** Everything `from` has that `to` lacks, encoded from `from`'s current state (content it already garbage-collected is gone). */
export function sendState(from: Replica, to: Replica): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), REMOTE);
}

/** The live updates of `from`'s own edits, in the order they were made (content as it was when made). */
export function sendLive(from: Replica, to: Replica): void {
  for (const update of from.local) Y.applyUpdate(to.doc, update, REMOTE);
}

/** JSON of a doc with object keys sorted: Y.Map key order differs between replicas. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

import { newId } from '../domain/ids';
import { activityEntriesFor } from '../domain/activity';
import { activityLog, collection, loggedCollections, type CollectionName } from './layout';
import { newRecordMap, readRecord, writeChanges } from './record-map';
import { readStoredRecord } from './record-entry';
import type { Workspace } from './workspace';

export class RecordNotFoundError extends Error {
  override name = 'RecordNotFoundError';
  constructor(
    readonly collectionName: CollectionName,
    readonly recordId: string,
  ) {
    super(`${collectionName}/${recordId} does not exist`);
  }
}

/**
 * Appends what changed to the activity log in the same transaction as the change, so the
 * history replicates with it and can never disagree with the records.
 */
export function logChange(ws: Workspace, name: CollectionName, id: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!loggedCollections.has(name) || ws.quiet) return;
  const entries = activityEntriesFor(name, id, before, after, { by: ws.memberId, at: ws.now() });
  if (entries.length) activityLog(ws.doc).push(entries);
}

export function insertRecord(ws: Workspace, name: CollectionName, fields: object, id: string = newId()): string {
  const at = ws.now();
  ws.transact(() => {
    const map = newRecordMap({ ...fields, id, createdAt: at, createdBy: ws.memberId, updatedAt: at, updatedBy: ws.memberId, deletedAt: null });
    collection(ws.doc, name).set(id, map);
    logChange(ws, name, id, null, readRecord(map));
  });
  return id;
}

function recordMap(ws: Workspace, name: CollectionName, id: string) {
  const map = collection(ws.doc, name).get(id);
  if (!map) throw new RecordNotFoundError(name, id);
  return map;
}

/** Returns the fields that really changed; nothing is written (and nothing stamped) when none did. */
export function patchRecord(ws: Workspace, name: CollectionName, id: string, patch: object): string[] {
  return ws.transact(() => {
    const map = recordMap(ws, name, id);
    const before = loggedCollections.has(name) ? readRecord(map) : null;
    const changed = writeChanges(map, patch as Record<string, unknown>);
    if (changed.length > 0) {
      map.set('updatedAt', ws.now());
      map.set('updatedBy', ws.memberId);
      if (before) logChange(ws, name, id, before, readRecord(map));
    }
    return changed;
  });
}

export function softDeleteRecord(ws: Workspace, name: CollectionName, id: string): void {
  patchRecord(ws, name, id, { deletedAt: ws.now() });
}

export function restoreRecord(ws: Workspace, name: CollectionName, id: string): void {
  patchRecord(ws, name, id, { deletedAt: null });
}

/** Removes the record from the document; Yjs garbage-collects its content from the encoded state. */
export function purgeRecord(ws: Workspace, name: CollectionName, id: string): void {
  ws.transact(() => {
    if (!collection(ws.doc, name).has(id)) return;
    // An entry that is not a readable record (quarantined) is removed all the same, with no history.
    const before = readStoredRecord(id, collection(ws.doc, name).get(id));
    collection(ws.doc, name).delete(id);
    if (before) logChange(ws, name, id, before, null);
  });
}

export function readRecordById(ws: Workspace, name: CollectionName, id: string): Record<string, unknown> | undefined {
  return readStoredRecord(id, collection(ws.doc, name).get(id));
}

/** Every readable record of a collection that `where` accepts; quarantined entries are skipped. */
export function readRecordsWhere(ws: Workspace, name: CollectionName, where: (record: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [id, map] of collection(ws.doc, name).entries()) {
    const record = readStoredRecord(id, map);
    if (record && where(record)) out.push(record);
  }
  return out;
}

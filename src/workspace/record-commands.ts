import { newId } from '../domain/ids';
import { activityEntriesFor } from '../domain/activity';
import { activityLog, collection, loggedCollections, type CollectionName } from './layout';
import { NewerFormatError } from '../domain/record-versions';
import { newRecordMap, planChanges, writeChanges } from './record-map';
import { readStoredRecord } from './record-entry';
import { formatWatchOf } from './format-watch';
import { canUpgrade, upgradeStored, withVersion } from './record-upgrade';
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
  formatWatchOf(ws.doc).assertWritable('activity');
  const entries = activityEntriesFor(name, id, before, after, { by: ws.memberId, at: ws.now() });
  if (entries.length) activityLog(ws.doc).push(entries);
}

/**
 * Refuses, before anything is written, a command on records of a type this app finds records of
 * a newer version of (and on logged types while activity entries are newer): it would write
 * them in a format the newer app does not expect. Throws NewerFormatError.
 */
export function assertWritable(ws: Workspace, name: CollectionName): void {
  const watch = formatWatchOf(ws.doc);
  watch.assertWritable(name);
  if (loggedCollections.has(name) && !ws.quiet) watch.assertWritable('activity');
}

/** New records are written at the current version of their type. */
export function insertRecord(ws: Workspace, name: CollectionName, fields: object, id: string = newId()): string {
  assertWritable(ws, name);
  const at = ws.now();
  ws.transact(() => {
    const map = newRecordMap(withVersion(name, { ...fields, id, createdAt: at, createdBy: ws.memberId, updatedAt: at, updatedBy: ws.memberId, deletedAt: null }));
    collection(ws.doc, name).set(id, map);
    logChange(ws, name, id, null, readStoredRecord(id, map, name) ?? null);
  });
  return id;
}

function recordMap(ws: Workspace, name: CollectionName, id: string) {
  const map = collection(ws.doc, name).get(id);
  if (!map) throw new RecordNotFoundError(name, id);
  return map;
}

/**
 * Returns the fields that really changed; nothing is written (and nothing stamped) when none did.
 * The patch applies to the record as read (the current format); a record stored at an older
 * version is written back at the current one first (record-upgrade.ts), in the same transaction.
 */
export function patchRecord(ws: Workspace, name: CollectionName, id: string, patch: object): string[] {
  return ws.transact(() => {
    const map = recordMap(ws, name, id);
    assertWritable(ws, name);
    if (!canUpgrade(map, name)) throw new NewerFormatError(name);
    // A refused entry (out of bounds, say) is patched as stored, as before versions existed.
    const before = readStoredRecord(id, map, name);
    if (before && planChanges(before, patch as Record<string, unknown>).changed.length === 0) return [];
    if (before) upgradeStored(map, name);
    const changed = writeChanges(map, patch as Record<string, unknown>);
    if (changed.length > 0) {
      map.set('updatedAt', ws.now());
      map.set('updatedBy', ws.memberId);
      if (before && loggedCollections.has(name)) logChange(ws, name, id, before, readStoredRecord(id, map, name) ?? null);
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
    assertWritable(ws, name);
    // An entry that is not a readable record (quarantined) is removed all the same, with no history.
    const before = readStoredRecord(id, collection(ws.doc, name).get(id), name);
    collection(ws.doc, name).delete(id);
    if (before) logChange(ws, name, id, before, null);
  });
}

export function readRecordById(ws: Workspace, name: CollectionName, id: string): Record<string, unknown> | undefined {
  return readStoredRecord(id, collection(ws.doc, name).get(id), name);
}

/** Every readable record of a collection that `where` accepts; quarantined entries are skipped. */
export function readRecordsWhere(ws: Workspace, name: CollectionName, where: (record: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [id, map] of collection(ws.doc, name).entries()) {
    const record = readStoredRecord(id, map, name);
    if (record && where(record)) out.push(record);
  }
  return out;
}

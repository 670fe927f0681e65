import * as Y from 'yjs';
import type { RestoreAction } from '../domain/history-restore';
import { collection, type CollectionName } from './layout';
import { newRecordMap, readRecord, writeChanges } from './record-map';
import { assertWritable, logChange } from './record-commands';
import { readStoredRecord } from './record-entry';
import { canUpgrade, upgradeStored, withVersion } from './record-upgrade';
import { NewerFormatError } from '../domain/record-versions';
import type { Workspace } from './workspace';

export interface RecordRestore {
  collection: CollectionName;
  id: string;
  action: RestoreAction;
}

/**
 * Puts records back as they were at an earlier point (planRestore decided how), in ONE local
 * transaction: it syncs and is saved like any edit, and the activity log records it. A record
 * gone from the document is written again whole under its id, so its activity history (kept in
 * the log by id) is its own again; one still there gets only its differing fields back.
 * Returns how many records were written.
 */
export function restoreRecords(ws: Workspace, restores: readonly RecordRestore[]): number {
  let written = 0;
  // Checked before anything is written, so a restore is never half done.
  for (const { collection: name } of restores) assertWritable(ws, name);
  ws.transact(() => {
    for (const { collection: name, id, action } of restores) {
      const records = collection(ws.doc, name);
      const current = records.get(id) as unknown;
      if (action.kind === 'recreate' || (action.kind === 'revert' && !(current instanceof Y.Map))) {
        const fields = action.kind === 'recreate' ? action.fields : null;
        if (!fields) continue; // a revert needs the record it reverts
        // The past fields were read in the current format (record-entry.ts), so they are written at the current version.
        const map = newRecordMap(withVersion(name, { ...fields, id, updatedAt: ws.now(), updatedBy: ws.memberId }));
        records.set(id, map);
        const after = readStoredRecord(id, map, name);
        if (!after) continue;
        // Logged as a "restore" of the record (as if from the Trash), not a creation: it is the same record.
        logChange(ws, name, id, after.deletedAt ? null : { ...after, deletedAt: ws.now() }, after);
        written++;
      } else if (action.kind === 'revert') {
        const map = current as Y.Map<unknown>;
        if (!canUpgrade(map, name)) throw new NewerFormatError(name);
        // A record that is unreadable now (what a revert often repairs) is logged as stored.
        const before = readStoredRecord(id, map, name) ?? readRecord(map);
        upgradeStored(map, name);
        if (writeChanges(map, action.patch).length === 0) continue;
        map.set('updatedAt', ws.now());
        map.set('updatedBy', ws.memberId);
        logChange(ws, name, id, before, readStoredRecord(id, map, name) ?? readRecord(map));
        written++;
      }
    }
  });
  return written;
}

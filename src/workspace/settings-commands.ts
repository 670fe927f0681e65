import type { WorkspaceSettings } from '../domain/workspace-settings';
import type { CustomFieldDefFields } from '../domain/custom-field';
import { SCHEMA_VERSION, collection, metaMap, settingsMap } from './layout';
import { insertRecord, patchRecord, softDeleteRecord } from './record-commands';
import { readableRecord } from './transaction-changes';
import { readStoredRecord } from './record-entry';
import { displayNameSchema } from '../domain/member';
import type { Workspace } from './workspace';
import { formatWatchOf } from './format-watch';

/** Only the device that creates a workspace calls this; a joining device gets it from its peers. */
export function initialiseWorkspace(ws: Workspace, settings: WorkspaceSettings): void {
  ws.transact(() => {
    metaMap(ws.doc).set('schemaVersion', SCHEMA_VERSION);
    metaMap(ws.doc).set('workspaceId', ws.id);
    updateSettings(ws, settings);
  });
}

/** One key per setting, so two people changing different settings both keep their change. */
export function updateSettings(ws: Workspace, settings: Partial<WorkspaceSettings>): void {
  ws.transact(() => {
    const map = settingsMap(ws.doc);
    for (const [key, value] of Object.entries(settings)) {
      if (map.get(key) !== value) map.set(key, value);
    }
  });
}

/** Each device keeps its own member record: its display name, shown as owner and in history. */
export function upsertMember(ws: Workspace, name: string): void {
  // Every open stamps it: in a workspace a newer Kehu saved, the open goes on without it
  // (read-only), instead of failing on the refused write.
  if (!formatWatchOf(ws.doc).writable('members')) return;
  const entry = collection(ws.doc, 'members').get(ws.memberId) as unknown;
  // Only this device writes its member record: one a peer replaced with something unreadable
  // (a string, a bad field) is written again whole. Reading it as it was threw on every open.
  // Not when the name itself would not pass: the new record would fail too, at every open.
  const stored = entry === undefined ? undefined : readStoredRecord(ws.memberId, entry);
  const broken = !stored || (!readableRecord('members', ws.memberId, entry) && displayNameSchema.safeParse(name).success);
  if (broken) insertRecord(ws, 'members', { name }, ws.memberId);
  else if (stored.name !== name) patchRecord(ws, 'members', ws.memberId, { name });
}

export function createCustomField(ws: Workspace, def: CustomFieldDefFields): string {
  return insertRecord(ws, 'customFields', def);
}

export function updateCustomField(ws: Workspace, id: string, def: Partial<CustomFieldDefFields>): string[] {
  return patchRecord(ws, 'customFields', id, def);
}

export function deleteCustomField(ws: Workspace, id: string): void {
  softDeleteRecord(ws, 'customFields', id);
}

import type * as Y from 'yjs';

/** Bump when the document layout changes incompatibly; docs/workspace-format.md describes each version. */
export const SCHEMA_VERSION = 1;

export const collectionNames = [
  'customers',
  'contacts',
  'members',
  'customFields',
  'views',
  'interactions',
  'products',
  'orders',
  'refunds',
  'feedback',
  'complaints',
  'tasks',
] as const;
export type CollectionName = (typeof collectionNames)[number];

export type RecordMap = Y.Map<unknown>;

export function collection(doc: Y.Doc, name: CollectionName): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(name);
}

/**
 * Collections whose changes are written to the activity log (the record history): every one
 * but members (a device stamps its own at every open) and saved views. Custom field definitions
 * are logged: a renamed field or a choice taken away changes what every customer shows, so the
 * team sees who did it and what it was before.
 */
const unlogged: ReadonlySet<CollectionName> = new Set(['members', 'views']);
export const loggedCollections: ReadonlySet<CollectionName> = new Set(collectionNames.filter((name) => !unlogged.has(name)));

/** The append-only activity log: one JSON entry per changed field (src/domain/activity.ts). */
export function activityLog(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('activity');
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function settingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('settings');
}

export function schemaVersionOf(doc: Y.Doc): number | undefined {
  const v = metaMap(doc).get('schemaVersion');
  return typeof v === 'number' ? v : undefined;
}

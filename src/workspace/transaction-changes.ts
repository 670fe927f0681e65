import * as Y from 'yjs';
import type { RecordChange } from '../domain/history-entries';
import { collection, collectionNames, type CollectionName } from './layout';
import { readStoredRecord } from './record-entry';
import { collectionSchemas } from './collection-schemas';

type AnyType = Y.AbstractType<unknown>;

/**
 * The entry as a record the app can read (a Y.Map within the bounds that passes its collection's
 * schema), or undefined. Read with record-entry.ts, so a peer's entry of any shape or depth is
 * never walked past its bounds.
 */
export function readableRecord(name: CollectionName, id: string, value: unknown): Record<string, unknown> | undefined {
  const record = readStoredRecord(id, value);
  return record && collectionSchemas[name].safeParse(record).success ? record : undefined;
}

/** The record a changed type belongs to: walks up to the collection map (records may hold nested types). */
function recordOf(type: AnyType, collections: Map<AnyType, CollectionName>): { name: CollectionName; id: string; map: AnyType } | null {
  let current: AnyType = type;
  for (let depth = 0; depth < 64; depth++) {
    const item = current._item;
    if (!item || item.deleted) return null;
    const parent = item.parent as AnyType;
    const name = collections.get(parent);
    if (name !== undefined) return typeof item.parentSub === 'string' ? { name, id: item.parentSub, map: current } : null;
    current = parent;
  }
  return null;
}

/**
 * What a transaction did to records, from Yjs's own bookkeeping (no diff of the document):
 * collection keys set or removed, and record maps whose keys changed. `validate` checks the
 * records it changed (not the ones it added) against their schemas, to tell a change that
 * broke them; a peer's bulk add (a teammate's whole workspace) is therefore never validated here.
 */
export function changesOfTransaction(doc: Y.Doc, tr: Y.Transaction, validate = true): RecordChange[] {
  const collections = new Map<AnyType, CollectionName>();
  for (const name of collectionNames) collections.set(collection(doc, name) as unknown as AnyType, name);
  const out = new Map<string, RecordChange>();
  const note = (name: CollectionName, id: string, kind: RecordChange['kind']) => {
    const key = `${name}/${id}`;
    const previous = out.get(key);
    // A key replaced in the same transaction as its record changed: the collection-level kind wins.
    if (!previous || previous.kind === 'changed') out.set(key, { collection: name, id, kind });
  };
  for (const [type, keys] of tr.changed) {
    const name = collections.get(type as AnyType);
    if (name !== undefined) {
      for (const key of keys) if (key !== null) note(name, key, topLevelKind(name, type as unknown as Y.Map<unknown>, key, tr, validate));
      continue;
    }
    const record = recordOf(type as AnyType, collections);
    if (!record || (record.map !== type && out.has(`${record.name}/${record.id}`))) continue;
    note(record.name, record.id, recordKind(record.name, record.id, record.map, record.map === type ? keys : new Set(), validate));
  }
  return [...out.values()];
}

function topLevelKind(name: CollectionName, coll: Y.Map<unknown>, key: string, tr: Y.Transaction, validate: boolean): RecordChange['kind'] {
  const item = coll._map.get(key);
  if (!item || item.deleted) return 'removed';
  const value = coll.get(key);
  const isNew = item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
  // A key set again while its earlier value was still there replaced a record: a change, never an add.
  const replaced = isNew && item.left !== null && Y.isDeleted(tr.deleteSet, item.left.id);
  if (!(value instanceof Y.Map)) return 'broken';
  if (isNew && !replaced) return 'added';
  return validate && !readableRecord(name, key, value) ? 'broken' : 'changed';
}

function recordKind(name: CollectionName, id: string, map: AnyType, keys: Set<string | null>, validate: boolean): RecordChange['kind'] {
  if (validate && !readableRecord(name, id, map)) return 'broken';
  if (keys.has('deletedAt')) {
    const record = readStoredRecord(id, map);
    if (record) return record.deletedAt ? 'deleted' : 'restored';
  }
  return 'changed';
}

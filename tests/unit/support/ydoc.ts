import * as Y from 'yjs';
import { collection, type CollectionName, type RecordMap } from '../../../src/workspace/layout';
import { newRecordMap, readRecord } from '../../../src/workspace/record-map';

/** Sends to `to` everything `from` has that `to` lacks, the way a sync provider would. */
export function syncOneWay(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

export function syncAll(docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) syncOneWay(a, b);
}

/** A doc whose clientID is fixed, so property-test failures replay identically. */
export function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** Writes a record straight into a collection, bypassing commands (as a buggy or newer peer might). */
export function putRawRecord(doc: Y.Doc, name: CollectionName, id: string, fields: Record<string, unknown>, overrides: Record<string, unknown> = {}): RecordMap {
  const map = newRecordMap(fields);
  doc.transact(() => {
    collection(doc, name).set(id, map);
    for (const [key, value] of Object.entries(overrides)) map.set(key, value);
  }, 'remote');
  return map;
}

/** Every record of a collection, read the documented way (base + overrides). */
export function readCollection(doc: Y.Doc, name: CollectionName): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, map] of collection(doc, name).entries()) out[id] = readRecord(map);
  return out;
}

/** Collects every update a doc emits, with its origin. */
export function recordUpdates(doc: Y.Doc): { updates: { update: Uint8Array; origin: unknown }[]; stop: () => void } {
  const updates: { update: Uint8Array; origin: unknown }[] = [];
  const handler = (update: Uint8Array, origin: unknown) => updates.push({ update, origin });
  doc.on('update', handler);
  return { updates, stop: () => doc.off('update', handler) };
}

import * as Y from 'yjs';
import { collectionNames, type CollectionName } from '../workspace/layout';
import { LOAD_ORIGIN } from '../workspace/origins';
import { CUSTOM_PREFIX, TAG_PREFIX } from '../workspace/record-map';
import { checkBounds } from '../domain/value-bounds';

/**
 * Same-field concurrent overwrites ("merged conflicts").
 *
 * A record is a Y.Map whose keys are `base` plus one key per later field edit (`tag:<name>`,
 * `cf:<id>` for set-like fields). When two replicas set the same key without having seen each
 * other's write, Yjs keeps one value on every replica (deterministically: of two writes over the
 * same value, the higher client id wins) and deletes the other; the deleted content is
 * garbage-collected right after the transaction that deleted it. This module notices that moment
 * (in `afterTransaction`, where the content is still readable), so the UI can say "edited by Li
 * and you while offline — kept Li's value" and still show the other value.
 *
 * How a lost write is recognised. Y.Map.set(key, v) creates an item whose `origin` is the id of
 * the item that was the key's current value for its author (null when the key had none). An item
 * that ends up deleted although no item has it as origin was overwritten by somebody who had not
 * seen it: a concurrent overwrite. (The other way a map item is deleted without a successor,
 * Y.Map.delete, is never used on record keys: clearing a field sets it to null, and "delete
 * forever" removes the whole record, whose items we skip.)
 *
 * Per remote transaction (`transaction.local === false`; LOAD_ORIGIN ignored by default), for
 * every key of a record map that changed (`transaction.changed`, plus the keys of records that
 * are new here, which Yjs leaves out of `changed`):
 *  - `news`: the key's items created in this transaction (id.clock >= beforeState of its client),
 *    found by scanning the structs each client added between `beforeState` and `afterState`.
 *    (Walking left from the current item is not enough: a new item that lost against an old one
 *    is placed right after its origin, possibly left of the old current value.)
 *  - `prev`: the key's value before the transaction. Walking leftwards from the key's current
 *    item (`map._map.get(key)`), the first item not created in this transaction is the previous
 *    rightmost item (integration inserts new items among old ones but never reorders old ones,
 *    and the rightmost item of a key is its value). It is `prev` unless it had been deleted
 *    before the transaction. "Deleted before" vs "deleted by this transaction" is told by
 *    `Y.isDeleted(transaction.deleteSet, id)`: every deletion in a transaction (by integration,
 *    by the update's delete set, or an item arriving already deleted) goes through
 *    `addToDeleteSet(transaction.deleteSet, ...)`, and Yjs sorts and merges that set before it
 *    emits `afterTransaction`, so the binary search in `isDeleted` is valid there. (A snapshot
 *    taken before every transaction would also work, but costs O(document).)
 *  - every item of {prev} ∪ news that is deleted after the transaction and was not seen is a
 *    lost write. Seen means: an item of `news` has it as origin (only `news` can: an item is
 *    integrated after its origin, and before the transaction prev had nothing to its right), or
 *    its own author wrote the key again later (an item of `news` with the same client and a
 *    higher clock: that author knew its write, even if it then overwrote the concurrent write
 *    that had beaten it). Each lost write is reported against the key's current item (kept).
 *
 * For two replicas this is the rule "prev exists and no new item has origin prev.id" (then prev
 * lost, or, when prev is still current, the newest remote write lost). It also covers what that
 * rule misses: several lost writes in one transaction (a third replica receiving concurrent
 * writes of two others at once), keys and records that did not exist here before, and a write
 * its author overwrote after seeing the winner (no conflict: the author resolved it).
 *
 * Held back (per watcher, in memory; lost on reload). A lost write is not reported at once when
 *  - the key has no value yet: a relayed delete set (a peer re-broadcasting what it integrated)
 *    can delete this device's current value before the write that beat it arrives. The value is
 *    captured then, and the conflict reported when the winning write arrives. Meanwhile
 *    `map.get(key)` is undefined and readRecord falls back to `base`;
 *  - it equals the kept value (unless `reportEqualValues`): reported only when a later remote
 *    write moves the key away from it, so "Li removed tag x; you removed it and added it back"
 *    is reported on both devices whether your two writes arrive together or one by one.
 * A held-back write is dropped when a later write saw it (as above), or when somebody on this
 * device writes the key (having seen the value).
 *
 * Ambiguous or impossible cases (tests/unit/sync/conflicts.test.ts):
 *  - A write arrives already garbage-collected when the peer that sends it had itself integrated
 *    the winning write before encoding its state (A's file imported by B, then B's file imported
 *    by A; or a third device that merged both before passing them on). The conflict is detected
 *    but its value is gone: `otherValueKnown: false`, `otherValue: undefined`; and an "equal
 *    values" conflict can't be recognised as such. The author of the lost write always gets it
 *    with its value: the lost item is its own current value, deleted here (content readable)
 *    either together with the winning write's arrival or by a relayed delete set (held back).
 *  - A replica that receives old history (a new device joining, one offline for long) reports
 *    the conflicts in it between others too, mostly with unknown values. Surface conflicts that
 *    involve the local member (`memberOfClient`), or start watching after the first sync, or
 *    pass that sync's origin in `ignoreOrigins`.
 *  - A lost write is judged with what has arrived so far. If Li wrote a1 then a2 and a1 reaches
 *    you alone (one live update per edit), a1 is reported; when a2 arrives it is reported too.
 *    Keep the newest report per (record, key, otherClient). When both arrive in one update (a
 *    sync step, a file), only a2 is reported.
 *  - `keptValue` is the value kept when the conflict was detected; a later ordinary edit of the
 *    field is not a new conflict, so show the record's current value next to it.
 *  - Concurrent soft deletes carry different timestamps, so they are reported (both non-null).
 *  - A held-back equal write is also released by a third person's write made after seeing the
 *    equal value (we can't tell who saw what): reported although nothing was lost.
 *  - Two replicas creating a record with the same id (not with uuidv7 ids) would be a conflict
 *    of the collection map, not of a record key: not detected here.
 *
 * Cost per remote transaction: O(structs it added + keys it changed), plus per lost write a
 * lookup among its key's new items; for a local transaction, O(changed types), and only while
 * writes are held back. Never O(document), except for an update that carries the document.
 */

export interface FieldConflict {
  collection: CollectionName;
  recordId: string;
  /** The record map key as stored: `name`, `tag:vip`, `cf:<id>`. */
  key: string;
  /** The field: the key itself, or `tags` for `tag:<name>` keys, `custom` for `cf:<id>` keys. */
  field: string;
  /** For `field === 'tags'`: the tag. */
  tag?: string;
  /** For `field === 'custom'`: the custom field id. */
  customFieldId?: string;
  /** The value kept when the conflict was detected (for tags: true = has the tag, null = removed). */
  keptValue: unknown;
  /** Yjs client id of the kept write's author (see `memberOfClient`). */
  keptClient: number;
  keptClock: number;
  /** The overwritten value; `undefined` when `otherValueKnown` is false. */
  otherValue: unknown;
  /** False when the lost write reached this replica already garbage-collected (see above). */
  otherValueKnown: boolean;
  otherClient: number;
  otherClock: number;
}

export interface WatchConflictsOptions {
  /** Keys never reported. Default: `updatedAt`, `updatedBy` (every edit rewrites them). */
  ignoreKeys?: Iterable<string>;
  /** Transaction origins ignored. Default: LOAD_ORIGIN. Local transactions are always ignored. */
  ignoreOrigins?: Iterable<unknown>;
  /** Also report conflicts whose two values are equal (JSON). Default false. */
  reportEqualValues?: boolean;
  /** Called if detection or `onConflict` throws; the update itself is never affected. Default console.error. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_IGNORED_KEYS: readonly string[] = ['updatedAt', 'updatedBy'];

// The element type of `transaction.changed` (Yjs types it with `any`)
type Type = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;
type RecordInfo = { collection: CollectionName; recordId: string } | null;

const collectionSet: ReadonlySet<string> = new Set(collectionNames);

/**
 * The name of a top-level type, also for the untyped placeholder Yjs makes when a peer's update
 * brings a type this document has not defined yet. `doc.getMap(name)` replaces that placeholder
 * in doc.share with a Y.Map that takes over its `_map` (and moves its items over), but a
 * transaction's `changed` may still hold the placeholder: on a joining device the format watch
 * reads a collection the first update brought in an earlier 'afterTransaction' listener. Y's
 * findRootTypeKey throws "Unexpected case" for it; here it is found by the map it handed over.
 */
function rootNameOf(doc: Y.Doc, type: Type): string | null {
  for (const [name, value] of doc.share) if (value === type || value._map === type._map) return name;
  return null;
}

function isCreatedIn(tr: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

/**
 * A value that is not plain data within bounds (a CRDT type, a field nested thousands of levels
 * deep) is never compared, stored or shown: the conflict is reported with its value unknown.
 */
function contentOf(item: Y.Item): { known: boolean; value: unknown } {
  if (item.content instanceof Y.ContentDeleted) return { known: false, value: undefined };
  const values = item.content.getContent();
  const value: unknown = values[values.length - 1];
  if (value instanceof Y.AbstractType || !checkBounds(value).ok) return { known: false, value: undefined };
  return { known: true, value };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function fieldOf(key: string): Pick<FieldConflict, 'field' | 'tag' | 'customFieldId'> {
  if (key.startsWith(TAG_PREFIX)) return { field: 'tags', tag: key.slice(TAG_PREFIX.length) };
  if (key.startsWith(CUSTOM_PREFIX)) return { field: 'custom', customFieldId: key.slice(CUSTOM_PREFIX.length) };
  return { field: key };
}

/**
 * A lost write not reported yet: its key has no kept value yet (its deletion arrived before the
 * write that overwrote it), or (unless reportEqualValues) it equals the kept value.
 */
interface HeldBack {
  client: number;
  clock: number;
  length: number;
  value: unknown;
  known: boolean;
}

interface HeldBackStore {
  byMap: WeakMap<Type, Map<string, HeldBack[]>>;
  count: number;
}

/**
 * Calls `onConflict` for every same-key concurrent overwrite in a record of one of the
 * collections of layout.ts, detected when a remote update is applied. Returns a function that
 * stops watching. `onConflict` runs inside Yjs's `afterTransaction`: it must not write to the doc
 * synchronously (queue the write instead).
 */
export function watchConflicts(doc: Y.Doc, onConflict: (c: FieldConflict) => void, options: WatchConflictsOptions = {}): () => void {
  const ignoreKeys = new Set(options.ignoreKeys ?? DEFAULT_IGNORED_KEYS);
  const ignoreOrigins = new Set(options.ignoreOrigins ?? [LOAD_ORIGIN]);
  const reportEqual = options.reportEqualValues ?? false;
  const onError = options.onError ?? ((error: unknown) => console.error('watchConflicts:', error));
  const held: HeldBackStore = { byMap: new WeakMap(), count: 0 };

  const handler = (tr: Y.Transaction) => {
    if (ignoreOrigins.has(tr.origin)) return;
    try {
      if (tr.local) {
        forgetHeldBackOnLocalWrites(tr, held);
        return;
      }
      for (const conflict of detect(tr, ignoreKeys, reportEqual, held)) {
        try {
          onConflict(conflict);
        } catch (error) {
          onError(error);
        }
      }
    } catch (error) {
      onError(error);
    }
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/** Somebody here wrote the key, having seen its value: the writes held back for it are moot. */
function forgetHeldBackOnLocalWrites(tr: Y.Transaction, held: HeldBackStore): void {
  if (held.count === 0) return;
  for (const [type, keys] of tr.changed) {
    const byKey = held.byMap.get(type);
    if (!byKey) continue;
    for (const key of keys) {
      if (key === null) continue;
      held.count -= byKey.get(key)?.length ?? 0;
      byKey.delete(key);
    }
  }
}

function detect(tr: Y.Transaction, ignoreKeys: ReadonlySet<string>, reportEqual: boolean, held: HeldBackStore): FieldConflict[] {
  const doc = tr.doc;
  const recordCache = new Map<Type, RecordInfo>();
  const collectionCache = new Map<Type, CollectionName | null>();

  const collectionOf = (type: Type): CollectionName | null => {
    if (type._item !== null) return null;
    let name = collectionCache.get(type);
    if (name === undefined) {
      const key = rootNameOf(doc, type);
      name = key !== null && collectionSet.has(key) ? (key as CollectionName) : null;
      collectionCache.set(type, name);
    }
    return name;
  };

  /** The record a type is, if it is a live record map directly inside a collection. */
  const recordOf = (type: Type): RecordInfo => {
    let info = recordCache.get(type);
    if (info === undefined) {
      info = null;
      const item = type._item;
      if (type instanceof Y.Map && item !== null && !item.deleted && item.parentSub !== null && item.parent instanceof Y.AbstractType) {
        const name = collectionOf(item.parent);
        if (name !== null) info = { collection: name, recordId: item.parentSub };
      }
      recordCache.set(type, info);
    }
    return info;
  };

  // The keys to look at, with their new items. Keys of existing records that changed are in
  // transaction.changed (also when only a deletion arrived); new items of records that are new
  // here are found by scanning the structs each client added in this transaction.
  const touched = new Map<Type, Map<string, Y.Item[]>>();
  const itemsOf = (map: Type, key: string): Y.Item[] => {
    let byKey = touched.get(map);
    if (!byKey) touched.set(map, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    return list;
  };
  let newRecords = false;
  for (const [type, keys] of tr.changed) {
    if (recordOf(type) !== null) {
      for (const key of keys) if (key !== null && !ignoreKeys.has(key)) itemsOf(type, key);
    } else if (collectionOf(type) !== null) newRecords = true;
  }
  if (touched.size === 0 && !newRecords) return [];
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (!(struct instanceof Y.Item) || struct.parentSub === null || !(struct.parent instanceof Y.AbstractType)) continue;
      if (ignoreKeys.has(struct.parentSub) || recordOf(struct.parent) === null) continue;
      itemsOf(struct.parent, struct.parentSub).push(struct);
    }
  }

  const conflicts: FieldConflict[] = [];
  for (const [map, byKey] of touched) {
    const record = recordOf(map)!;
    for (const [key, news] of byKey) {
      const current = map._map.get(key);
      if (current === undefined) continue;

      // prev: the key's value before this transaction (see the header comment).
      let prev: Y.Item | null = current;
      while (prev !== null && isCreatedIn(tr, prev)) prev = prev.left;
      if (prev !== null && prev.deleted && !Y.isDeleted(tr.deleteSet, prev.id)) prev = null;

      // A write was seen when a new item has it as origin (its author saw it as the key's value),
      // or when its own author wrote the key again later (a later clock of the same client).
      const origins = new Map<number, Set<number>>();
      const latestClock = new Map<number, number>();
      for (const item of news) {
        latestClock.set(item.id.client, Math.max(latestClock.get(item.id.client) ?? -1, item.id.clock));
        if (item.origin === null) continue;
        let clocks = origins.get(item.origin.client);
        if (!clocks) origins.set(item.origin.client, (clocks = new Set()));
        clocks.add(item.origin.clock);
      }
      const wasSeen = (client: number, clock: number, length: number): boolean => {
        if ((latestClock.get(client) ?? -1) >= clock + length) return true;
        const clocks = origins.get(client);
        if (!clocks) return false;
        for (let c = clock; c < clock + length; c++) if (clocks.has(c)) return true;
        return false;
      };

      // The kept value; none yet when the current item was deleted without its replacement
      // having arrived (a relayed delete set can overtake the write that caused it).
      const kept = current.deleted ? null : contentOf(current);
      const fate = (other: HeldBack): 'report' | 'hold' =>
        kept === null || (!reportEqual && other.known && sameJson(other.value, kept.value)) ? 'hold' : 'report';
      const report = (other: HeldBack) =>
        conflicts.push({
          collection: record.collection,
          recordId: record.recordId,
          key,
          ...fieldOf(key),
          keptValue: kept!.value,
          keptClient: current.id.client,
          keptClock: current.id.clock,
          otherValue: other.value,
          otherValueKnown: other.known,
          otherClient: other.client,
          otherClock: other.clock,
        });

      const keyHeld = held.byMap.get(map)?.get(key) ?? [];
      const stillHeld: HeldBack[] = [];
      for (const h of keyHeld) {
        if (wasSeen(h.client, h.clock, h.length)) continue;
        if (fate(h) === 'hold') stillHeld.push(h);
        else report(h);
      }

      for (const lost of prev === null ? news : [prev, ...news]) {
        if (!lost.deleted) continue; // the kept value, or a write still current
        if (wasSeen(lost.id.client, lost.id.clock, lost.length)) continue;
        const other: HeldBack = { client: lost.id.client, clock: lost.id.clock, length: lost.length, ...contentOf(lost) };
        if (fate(other) === 'hold') stillHeld.push(other);
        else report(other);
      }

      if (stillHeld.length !== keyHeld.length || stillHeld.some((h, i) => h !== keyHeld[i])) {
        let heldByKey = held.byMap.get(map);
        if (!heldByKey) held.byMap.set(map, (heldByKey = new Map()));
        if (stillHeld.length > 0) heldByKey.set(key, stillHeld);
        else heldByKey.delete(key);
        held.count += stillHeld.length - keyHeld.length;
      }
    }
  }
  return conflicts;
}

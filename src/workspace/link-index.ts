import * as Y from 'yjs';
import { parentIds, recordLinks, type LinkedType, type RecordLink } from '../domain/record-links';
import { collection, type RecordMap } from './layout';
import { BASE_KEY } from './record-map';

/** One field as the record holds it now, without reading the whole record. */
export function fieldOf(map: RecordMap, field: string): unknown {
  if (map.has(field)) return map.get(field);
  const base = map.get(BASE_KEY);
  return typeof base === 'object' && base !== null ? (base as Record<string, unknown>)[field] : undefined;
}

const TRASHED_WITH = 'trashedWith';
/** Records changed since last noted beyond which the index is read again whole (lazily, in slices). */
const REBUILD_FROM = 20_000;
const REWARM_AFTER_MS = 2000;
/** A shared type as a transaction's `changed` map keys it. */
type ChangedType = Y.Transaction['changed'] extends Map<infer K, unknown> ? K : never;
const linkedTypes = [...new Set(recordLinks.flatMap((l) => [l.parent, l.child]))];

/** The fields indexed on each type: those through which it names its parents, and `trashedWith`. */
const indexedFields = new Map<LinkedType, string[]>(
  linkedTypes.map((type) => [type, [...new Set([...recordLinks.filter((l) => l.child === type).map((l) => l.field), TRASHED_WITH])]]),
);

/** The ids a field's value names: a parent id, or every product of an order's lines. */
function idsIn(field: string, value: unknown): string[] {
  return parentIds({ field } as RecordLink, { [field]: value });
}

/**
 * Who names whom in the document (a customer's orders, an order's refunds, what went to Trash
 * with a record), kept as the document changes, so a delete or a restore reads a record's
 * dependants by its id. Before, each command read every child collection once: at 10k sample
 * customers with their history (about 180k records) moving one customer to Trash took 0.9-1.8 s
 * in Node.
 *
 * Built on first use with one pass over the linked collections, then kept up to date after
 * every transaction (local, a peer's, a file's) from what Yjs says it changed. A list may hold
 * ids that no longer name the value (a record purged, a field changed): every read checks each
 * id against the document, which stays the only truth. Records added in the transaction still
 * under way are read from that transaction too.
 */
export class LinkIndex {
  /** field → value → ids of the records that held it when last seen. */
  readonly #byField = new Map<string, Map<string, string[]>>();
  /** Each linked collection's top-level map, as Yjs names it in a transaction's changes. */
  readonly #typeOf = new Map<object, LinkedType>();

  /** What is left of the first pass: one iterator per collection, read in slices by warm() or at once by the first find(). */
  #unread: [LinkedType, Iterator<[string, unknown]>][] = [];
  /**
   * Records changed since they were noted, noted when the index is next read: a transaction only
   * lists them, so a sample load or a teammate's whole workspace arriving costs a push per record.
   */
  #dirty: [LinkedType, string][] = [];
  #rewarm: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly doc: Y.Doc) {
    for (const type of linkedTypes) this.#typeOf.set(collection(doc, type), type);
    this.#start();
    // Listening from the start, a record changed while the first pass is under way is noted as it is now.
    doc.on('afterTransaction', this.#afterTransaction);
  }

  #start(): void {
    this.#byField.clear();
    this.#dirty = [];
    this.#unread = linkedTypes.map((type) => [type, collection(this.doc, type).entries()]);
  }

  get built(): boolean {
    return this.#unread.length === 0;
  }

  /** Reads up to `count` records of the first pass; true once it is done. */
  #read(count = Infinity): boolean {
    let left = count;
    while (this.#unread.length > 0) {
      const [type, entries] = this.#unread[0]!;
      for (let next = entries.next(); ; next = entries.next()) {
        if (next.done) break;
        this.#note(type, next.value[0], next.value[1]);
        if (--left <= 0) return false;
      }
      this.#unread.shift();
    }
    return true;
  }

  /**
   * The first pass in slices of a few milliseconds with the page free between them, so the first
   * delete finds the index built (at 10k sample customers the pass reads about 180k records).
   */
  async warm(sliceMs = 8): Promise<void> {
    while (!this.built) {
      const end = performance.now() + sliceMs;
      while (performance.now() < end) if (this.#read(500)) return;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** The records of `type` whose `field` names `value` now, each with its map. */
  find(type: LinkedType, field: string, value: string): [string, RecordMap][] {
    this.#read();
    const dirty = this.#dirty;
    this.#dirty = [];
    for (const [linked, id] of dirty) this.#note(linked, id, collection(this.doc, linked).get(id));
    const map = collection(this.doc, type);
    const out: [string, RecordMap][] = [];
    const seen = new Set<string>();
    const check = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const record = map.get(id);
      if (record instanceof Y.Map && idsIn(field, fieldOf(record, field)).includes(value)) out.push([id, record]);
    };
    const list = this.#byField.get(field)?.get(value);
    if (list) {
      for (const id of list) check(id);
      // A record noted again (its field rewritten to the same value) is listed once from now on.
      if (seen.size < list.length) this.#byField.get(field)!.set(value, [...seen]);
    }
    // The transaction under way (a record added in it and deleted in it too) is not noted yet.
    const pending = this.doc._transaction?.changed.get(map as unknown as ChangedType);
    if (pending) for (const id of pending) if (id !== null) check(id);
    return out;
  }

  #note(type: LinkedType, id: string, record: unknown): void {
    if (!(record instanceof Y.Map)) return;
    for (const field of indexedFields.get(type)!) {
      for (const value of idsIn(field, fieldOf(record, field))) {
        let values = this.#byField.get(field);
        if (!values) this.#byField.set(field, (values = new Map()));
        const list = values.get(value);
        if (!list) values.set(value, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
    }
  }

  readonly #afterTransaction = (tr: Y.Transaction): void => {
    for (const [type, keys] of tr.changed) {
      const linked = this.#typeOf.get(type);
      if (linked) {
        // Records added, replaced or removed under a collection's keys.
        for (const id of keys) if (id !== null) this.#dirty.push([linked, id]);
        continue;
      }
      // A field set on a record: only the fields this index reads (or a new base) matter.
      const item = type._item;
      const parent = item?.parent;
      const parentType = parent instanceof Y.AbstractType ? this.#typeOf.get(parent) : undefined;
      if (!parentType || !item?.parentSub) continue;
      const fields = indexedFields.get(parentType)!;
      if ([...keys].some((key) => key === BASE_KEY || (key !== null && fields.includes(key)))) this.#dirty.push([parentType, item.parentSub]);
    }
    // More changed than a pass over everything costs (a sample, a teammate's workspace): start
    // over, and read it all again in slices once the changes have stopped for a while.
    if (this.#dirty.length > REBUILD_FROM) {
      this.#start();
      if (this.#rewarm) clearTimeout(this.#rewarm);
      this.#rewarm = setTimeout(() => {
        this.#rewarm = null;
        void this.warm();
      }, REWARM_AFTER_MS);
    }
  };
}

const indexes = new WeakMap<Y.Doc, LinkIndex>();

/** The one link index of a document, built on first use. */
export function linkIndexOf(doc: Y.Doc): LinkIndex {
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = new LinkIndex(doc)));
  return index;
}

import * as Y from 'yjs';
import { NewerFormatError, recordFormats, storedVersion, type RecordType } from '../domain/record-versions';
import { SCHEMA_VERSION, collectionNames, schemaVersionOf, type CollectionName } from './layout';
import { versionValue } from './record-map';

/** What this app cannot write safely: the whole document (a newer layout) or records of some types. */
export interface FormatState {
  /** The document's `meta.schemaVersion` when it is newer than SCHEMA_VERSION, else null. */
  newerSchema: number | null;
  /** Record types with a record of a newer version than this app knows, and the highest seen. */
  newerTypes: ReadonlyMap<RecordType, number>;
  /** A teammate's device announced a newer format (sync/peer-format.ts): nothing of it may have arrived yet. */
  newerPeer: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Follows the document for formats this app does not know, from whatever wrote them (the stored
 * log at load, a peer, a change file): every transaction is looked at for the records it touched
 * only, so a teammate's whole workspace costs one version read per record. What it finds stays
 * for as long as the document is open; a newer record does not get older.
 */
export class FormatWatch {
  #newerSchema: number | null = null;
  #newerTypes = new Map<RecordType, number>();
  #newerPeer = false;
  #listeners = new Set<() => void>();
  /** The activity log, once the document has one: its added entries come from its observer. */
  #activity: Y.Array<unknown> | null = null;
  #added: unknown[] = [];

  // Only types the document already has are looked at: defining one (getMap) would make this
  // document's top-level types differ from a peer's that never read it.
  constructor(readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.#onTransaction);
    this.#checkSchema();
    for (const name of collectionNames) if (this.#existing(name)) for (const map of this.doc.getMap(name).values()) this.#checkRecord(name, map);
    this.#followActivity();
    this.#checkSetting();
  }

  get state(): FormatState {
    return { newerSchema: this.#newerSchema, newerTypes: new Map(this.#newerTypes), newerPeer: this.#newerPeer };
  }

  /**
   * A teammate announced a newer format. Writes go on: what protects the data is the version the
   * records themselves carry, checked whatever brought them. This only tells the person early.
   */
  notePeerNewer(): void {
    if (this.#newerPeer) return;
    this.#newerPeer = true;
    this.#emit();
  }

  /** Nothing of this type may be written: the document's layout is newer, or a record of the type is. */
  writable(type: RecordType): boolean {
    return this.#newerSchema === null && !this.#newerTypes.has(type);
  }

  /** Throws NewerFormatError before a command writes records of `type` it cannot write safely. */
  assertWritable(type: RecordType): void {
    if (!this.writable(type)) throw new NewerFormatError(type);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.#onTransaction);
    this.#activity?.unobserve(this.#onActivity);
    watches.delete(this.doc);
  }

  /**
   * The top-level type of that name if the document has one. It may still be Yjs's untyped
   * placeholder (a peer's update defines it before anything here reads it): getMap / getArray
   * turn it into its type without defining anything new.
   */
  #existing(name: string): Y.AbstractType<unknown> | undefined {
    return this.doc.share.get(name) as Y.AbstractType<unknown> | undefined;
  }

  /** The collection a top-level type is, if it is one. */
  #collectionName(type: Y.AbstractType<unknown>): CollectionName | undefined {
    if (type._item !== null) return undefined;
    for (const name of collectionNames) if (this.#existing(name) === type) return name;
    return undefined;
  }

  /** Starts following the activity log once it exists, reading what it already holds. */
  #followActivity() {
    if (this.#activity) return;
    if (!this.#existing('activity')) return;
    this.#activity = this.doc.getArray<unknown>('activity');
    for (const entry of this.#activity) this.#checkEntry('activity', entry);
    this.#activity.observe(this.#onActivity);
  }

  /** Observers run before afterTransaction: the entries are checked there, with the rest. */
  #onActivity = (event: Y.YArrayEvent<unknown>) => {
    for (const part of event.changes.delta) if (Array.isArray(part.insert)) for (const entry of part.insert as unknown[]) this.#added.push(entry);
  };

  #onTransaction = (tr: Y.Transaction) => {
    const before = this.#count();
    for (const entry of this.#added.splice(0)) this.#checkEntry('activity', entry);
    this.#followActivity();
    for (const [changed, keys] of tr.changed) {
      const type = changed as Y.AbstractType<unknown>;
      if (type._item === null) {
        if (type === this.#existing('meta')) this.#checkSchema();
        else if (type === this.#existing('settings')) {
          if (keys.has('crm')) this.#checkSetting();
        } else {
          const name = this.#collectionName(type);
          if (name !== undefined) for (const key of keys) if (key !== null) this.#checkRecord(name, this.doc.getMap(name).get(key));
        }
        continue;
      }
      // A record map whose version key (or base) changed: its parent is a collection.
      if (!keys.has('v') && !keys.has('base')) continue;
      const parent = type._item.parent;
      const owner = parent instanceof Y.AbstractType ? this.#collectionName(parent as Y.AbstractType<unknown>) : undefined;
      if (owner !== undefined) this.#checkRecord(owner, type);
    }
    if (this.#count() !== before) this.#emit();
  };

  #count() {
    return (this.#newerSchema ?? 0) + [...this.#newerTypes.values()].reduce((a, b) => a + b, 0);
  }

  #checkSchema() {
    const v = this.#existing('meta') ? schemaVersionOf(this.doc) : undefined;
    if (v !== undefined && v > SCHEMA_VERSION && v > (this.#newerSchema ?? 0)) this.#newerSchema = v;
  }

  #checkSetting() {
    if (this.#existing('settings')) this.#checkEntry('settings.crm', this.doc.getMap('settings').get('crm'));
  }

  #checkRecord(name: CollectionName, value: unknown) {
    if (value instanceof Y.Map) this.#note(name, versionValue(value));
  }

  #checkEntry(type: RecordType, value: unknown) {
    if (isObject(value)) this.#note(type, value.v);
  }

  #note(type: RecordType, raw: unknown) {
    const v = storedVersion(raw);
    if (v.ok && v.version > recordFormats[type].current && v.version > (this.#newerTypes.get(type) ?? 0)) this.#newerTypes.set(type, v.version);
  }

  #emit() {
    for (const listener of this.#listeners) listener();
  }
}

const watches = new WeakMap<Y.Doc, FormatWatch>();

/** The one watch of a document, started on first use (the store starts it before the document loads). */
export function formatWatchOf(doc: Y.Doc): FormatWatch {
  let watch = watches.get(doc);
  if (!watch) watches.set(doc, (watch = new FormatWatch(doc)));
  return watch;
}

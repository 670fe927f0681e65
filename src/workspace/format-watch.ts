import * as Y from 'yjs';
import { NewerFormatError, recordFormats, storedVersion, type RecordType } from '../domain/record-versions';
import { SCHEMA_VERSION, activityLog, collection, collectionNames, metaMap, schemaVersionOf, settingsMap, type CollectionName } from './layout';
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
  readonly #collections = new Map<Y.AbstractType<unknown>, CollectionName>();

  constructor(readonly doc: Y.Doc) {
    for (const name of collectionNames) this.#collections.set(collection(doc, name) as unknown as Y.AbstractType<unknown>, name);
    doc.on('afterTransaction', this.#onTransaction);
    activityLog(doc).observe(this.#onActivity);
    this.#checkSchema();
    for (const name of collectionNames) for (const map of collection(doc, name).values()) this.#checkRecord(name, map);
    for (const entry of activityLog(doc)) this.#checkEntry('activity', entry);
    this.#checkEntry('settings.crm', settingsMap(doc).get('crm'));
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
    activityLog(this.doc).unobserve(this.#onActivity);
    watches.delete(this.doc);
  }

  #added: unknown[] = [];

  /** Observers run before afterTransaction: the entries are checked there, with the rest. */
  #onActivity = (event: Y.YArrayEvent<unknown>) => {
    for (const part of event.changes.delta) if (Array.isArray(part.insert)) for (const entry of part.insert as unknown[]) this.#added.push(entry);
  };

  #onTransaction = (tr: Y.Transaction) => {
    const before = this.#count();
    const meta = metaMap(this.doc) as unknown as Y.AbstractType<unknown>;
    const settings = settingsMap(this.doc) as unknown as Y.AbstractType<unknown>;
    const activity = activityLog(this.doc) as unknown as Y.AbstractType<unknown>;
    for (const entry of this.#added.splice(0)) this.#checkEntry('activity', entry);
    for (const [type, keys] of tr.changed) {
      if (type === meta) this.#checkSchema();
      else if (type === settings) {
        if (keys.has('crm')) this.#checkEntry('settings.crm', settingsMap(this.doc).get('crm'));
      } else if (type === activity) {
        continue; // #onActivity reads the entries added
      } else {
        const name = this.#collections.get(type as Y.AbstractType<unknown>);
        if (name !== undefined) {
          for (const key of keys) if (key !== null) this.#checkRecord(name, (type as unknown as Y.Map<unknown>).get(key));
          continue;
        }
        // A record map whose version key (or base) changed: its parent is a collection.
        if (!keys.has('v') && !keys.has('base')) continue;
        const parent = type._item?.parent as Y.AbstractType<unknown> | undefined;
        const owner = parent ? this.#collections.get(parent) : undefined;
        if (owner !== undefined) this.#checkRecord(owner, type);
      }
    }
    if (this.#count() !== before) this.#emit();
  };

  #count() {
    return (this.#newerSchema ?? 0) + [...this.#newerTypes.values()].reduce((a, b) => a + b, 0);
  }

  #checkSchema() {
    const v = schemaVersionOf(this.doc);
    if (v !== undefined && v > SCHEMA_VERSION && v > (this.#newerSchema ?? 0)) this.#newerSchema = v;
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

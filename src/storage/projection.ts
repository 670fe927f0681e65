import * as Y from 'yjs';
import { toFieldErrors } from '../domain/field-errors';
import { activityLog, collection, collectionNames, settingsMap, type CollectionName, type RecordMap } from '../workspace/layout';
import { activityEntrySchema } from '../domain/activity';
import { readRecord } from '../workspace/record-map';
import { collectionSchemas } from '../workspace/collection-schemas';
import { workspaceSettingsSchema } from '../domain/workspace-settings';
import type { ReadDb, ProblemRow } from './read-db';
import { toRow } from './row-mappers';
import { yieldToPage } from './pacing';
import { isListCollection, journalBatch } from './list-journal';

/** Records validated per task: small enough that a slice stays well under 50 ms on a phone. */
const SLICE = 300;
const SV_KEY = 'projectedStateVector';
const VERSION_KEY = 'projectionVersion';
/** Bump when rows gain or change derived fields (sort keys, flags): the tables are rebuilt on open. */
export const PROJECTION_VERSION = 3;

/** What one projected batch changed, for in-memory views (the list and search worker). */
export type ProjectedChange =
  /** `seq`: the batch's number in the list journal, for the collections the list is built from. */
  | { kind: 'rows'; collection: CollectionName; rows: object[]; gone: string[]; seq?: number }
  | { kind: 'reset' };

/**
 * Keeps the Dexie read tables in step with the document. Every change (a local command, a
 * peer's update, a load) marks the records it touched; they are re-read, validated with the
 * same schemas as local input, and written in one batch. A record that fails validation stays
 * in the document but leaves the read table for the "data problems" list.
 */
export class Projection {
  #dirty = new Map<CollectionName, Set<string>>();
  /** Entries appended to the activity log since the last flush (it only ever grows). */
  #activity: unknown[] = [];
  #settingsDirty = false;
  #chain: Promise<void> = Promise.resolve();
  #scheduled = false;
  #unobserve: (() => void)[] = [];
  #listeners = new Set<(change: ProjectedChange) => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly db: ReadDb,
  ) {}

  start(): void {
    for (const name of collectionNames) {
      const coll = collection(this.doc, name);
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        for (const event of events) {
          if (event.target === coll) for (const key of event.changes.keys.keys()) this.#mark(name, key);
          else if (event.path.length > 0) this.#mark(name, String(event.path[0]));
        }
      };
      coll.observeDeep(handler);
      this.#unobserve.push(() => coll.unobserveDeep(handler));
    }
    const log = activityLog(this.doc);
    const onActivity = (event: Y.YArrayEvent<unknown>) => {
      for (const part of event.changes.delta) if (Array.isArray(part.insert)) this.#activity.push(...(part.insert as unknown[]));
      this.#schedule();
    };
    log.observe(onActivity);
    this.#unobserve.push(() => log.unobserve(onActivity));
    // Any other change (a device registering its client id, a type this version does not know)
    // still moves the state vector: a meta-only flush keeps "the tables match the document".
    const onUpdate = () => this.#schedule();
    this.doc.on('update', onUpdate);
    this.#unobserve.push(() => this.doc.off('update', onUpdate));
    const settings = settingsMap(this.doc);
    const onSettings = () => {
      this.#settingsDirty = true;
      this.#schedule();
    };
    settings.observe(onSettings);
    this.#unobserve.push(() => settings.unobserve(onSettings));
  }

  stop(): void {
    for (const off of this.#unobserve.splice(0)) off();
  }

  /** Called after each committed batch; returns the function that stops it. */
  onChange(listener: (change: ProjectedChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: ProjectedChange) {
    for (const listener of this.#listeners) listener(change);
  }

  /** Resolves when every change seen so far is in the read tables. */
  idle(): Promise<void> {
    return this.#chain;
  }

  #mark(name: CollectionName, id: string) {
    let set = this.#dirty.get(name);
    if (!set) this.#dirty.set(name, (set = new Set()));
    set.add(id);
    this.#schedule();
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#chain = this.#chain
      .then(() => {
        this.#scheduled = false;
        return this.#flush();
      })
      .catch((error: unknown) => console.error('projection failed', error));
  }

  async #flush() {
    if (this.#activity.length) await this.#projectActivity(this.#activity.splice(0));
    const dirty = this.#dirty;
    this.#dirty = new Map();
    const settingsDirty = this.#settingsDirty;
    this.#settingsDirty = false;
    const sv = Y.encodeStateVector(this.doc);
    const writeMeta = async () => {
      if (settingsDirty) await this.db.meta.put({ key: 'settings', value: this.#settings() });
      // Written last: a read table is "current" only once every slice is in.
      await this.db.meta.bulkPut([
        { key: SV_KEY, value: sv },
        { key: VERSION_KEY, value: PROJECTION_VERSION },
      ]);
    };
    const [only, ...more] = dirty;
    if (!only || (more.length === 0 && only[1].size <= SLICE)) {
      // The usual case, one edit: one transaction, so it reaches the screen as soon as possible.
      const tables = only ? [...new Set([...this.#tablesFor(only[0]), this.db.meta])] : [this.db.meta];
      const change = await this.db.transaction('rw', tables, async () => {
        const projected = only ? await this.#project(only[0], this.#lookUp(only[0], [...only[1]])) : null;
        await writeMeta();
        return projected;
      });
      if (change) this.#emit(change);
      return;
    }
    // A big remote update (a joining peer's whole state) touches thousands of records.
    for (const [name, ids] of dirty) await this.#projectInSlices(name, [...ids]);
    await this.db.transaction('rw', this.db.meta, writeMeta);
  }

  /** Activity entries in slices; one that fails validation is listed under data problems. */
  async #projectActivity(entries: unknown[]) {
    for (let i = 0; i < entries.length; i += SLICE * 4) {
      const rows: object[] = [];
      const problems: ProblemRow[] = [];
      for (const entry of entries.slice(i, i + SLICE * 4)) {
        const parsed = activityEntrySchema.safeParse(entry);
        if (parsed.success) rows.push(parsed.data);
        else {
          const id = String((entry as { id?: unknown } | null)?.id ?? i);
          problems.push({ key: `activity/${id}`, collection: 'activity', recordId: id, errors: toFieldErrors(parsed.error), raw: JSON.stringify(entry).slice(0, 2000), at: Date.now() });
        }
      }
      await this.db.transaction('rw', this.db.activity, this.db.problems, async () => {
        await this.db.activity.bulkPut(rows as never[]);
        if (problems.length) await this.db.problems.bulkPut(problems);
      });
      if (i + SLICE * 4 < entries.length) await yieldToPage();
    }
  }

  #lookUp(name: CollectionName, ids: string[]) {
    const coll = collection(this.doc, name);
    return ids.map((id) => [id, coll.get(id)] as const);
  }

  /**
   * Projects in slices, each its own transaction, so the page keeps responding between them.
   * Each record is looked up when its slice runs: one purged meanwhile is gone, not a problem.
   */
  async #projectInSlices(name: CollectionName, ids: string[]) {
    for (let i = 0; i < ids.length; i += SLICE) {
      const slice = ids.slice(i, i + SLICE);
      const change = await this.db.transaction('rw', this.#tablesFor(name), () => this.#project(name, this.#lookUp(name, slice)));
      this.#emit(change);
      await yieldToPage();
    }
  }

  /** What projecting a batch of `name` writes to. */
  #tablesFor(name: CollectionName) {
    const tables = [this.db.table(name), this.db.problems];
    return isListCollection(name) ? [...tables, this.db.meta, this.db.listJournal] : tables;
  }

  #settings() {
    return workspaceSettingsSchema.parse(settingsMap(this.doc).toJSON());
  }

  async #project(name: CollectionName, entries: (readonly [string, RecordMap | undefined])[]): Promise<ProjectedChange> {
    const rows: object[] = [];
    const gone: string[] = [];
    const problems: ProblemRow[] = [];
    for (const [id, map] of entries) {
      if (!map) {
        gone.push(id);
        continue;
      }
      const record = readRecord(map);
      const parsed = collectionSchemas[name].safeParse(record);
      if (parsed.success && parsed.data.id === id) {
        rows.push(toRow[name](parsed.data as never));
      } else {
        gone.push(id);
        const errors = parsed.success ? { id: 'errors.invalid' } : toFieldErrors(parsed.error);
        problems.push({ key: `${name}/${id}`, collection: name, recordId: id, errors, raw: JSON.stringify(record).slice(0, 2000), at: Date.now() });
      }
    }
    const table = this.db.table(name);
    if (rows.length) await table.bulkPut(rows);
    if (gone.length) await table.bulkDelete(gone);
    // Problems are rare: clear only those that exist instead of deleting a key per projected record.
    const existing = new Set(await this.db.problems.where('collection').equals(name).primaryKeys());
    if (existing.size > 0) {
      const stillBad = new Set(problems.map((p) => p.key));
      const fixed = entries.map(([id]) => `${name}/${id}`).filter((key) => existing.has(key) && !stillBad.has(key));
      if (fixed.length) await this.db.problems.bulkDelete(fixed);
    }
    if (problems.length) await this.db.problems.bulkPut(problems);
    if (!isListCollection(name) || (rows.length === 0 && gone.length === 0)) return { kind: 'rows', collection: name, rows, gone };
    const seq = await journalBatch(this.db, name, entries.map(([id]) => id));
    return { kind: 'rows', collection: name, rows, gone, seq };
  }

  /** True when the read tables were projected from exactly this document state. */
  async isCurrent(): Promise<boolean> {
    const row = await this.db.meta.get(SV_KEY);
    const stored = row?.value;
    if ((await this.db.meta.get(VERSION_KEY))?.value !== PROJECTION_VERSION) return false;
    const sv = Y.encodeStateVector(this.doc);
    return stored instanceof Uint8Array && stored.length === sv.length && stored.every((b, i) => b === sv[i]);
  }

  /** A peer or file sent something that was refused; the "data problems" view lists it. */
  async reportSyncProblem(reason: string): Promise<void> {
    const at = Date.now();
    await this.db.problems.put({ key: `sync/${at}/${reason}`, collection: 'sync', recordId: '', errors: { '': `errors.sync.${reason}` }, raw: '', at });
  }

  /** Drops and rebuilds every read table from the document, in slices that let the page breathe. */
  async rebuild(): Promise<void> {
    await this.idle();
    const derived = [this.db.activity, this.db.listJournal, this.db.listSnapshot];
    await this.db.transaction('rw', [...collectionNames.map((n) => this.db.table(n)), ...derived, this.db.problems, this.db.meta], async () => {
      for (const table of [...collectionNames.map((n) => this.db.table(n)), ...derived]) await table.clear();
      await this.db.problems.where('collection').anyOf([...collectionNames, 'activity']).delete();
      await this.db.meta.clear();
    });
    this.#emit({ kind: 'reset' });
    for (const name of collectionNames) await this.#projectInSlices(name, [...collection(this.doc, name).keys()]);
    await this.#projectActivity(activityLog(this.doc).toArray());
    await this.db.meta.bulkPut([
      { key: 'settings', value: this.#settings() },
      { key: SV_KEY, value: Y.encodeStateVector(this.doc) },
      { key: VERSION_KEY, value: PROJECTION_VERSION },
    ]);
  }
}

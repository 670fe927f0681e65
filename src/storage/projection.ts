import * as Y from 'yjs';
import { activityLog, collection, collectionNames, settingsMap, type CollectionName } from '../workspace/layout';
import { readEntry, readLogEntry, readSettings, EntryProblem, type EntryRead } from '../workspace/record-entry';
import { childrenOf, effectiveTrash } from '../workspace/record-trash';
import type { ReadDb } from './read-db';
import { pacer } from './pacing';
import { InThreadSink, type ProjectionSink } from './projection-sink';
import { PROJECTION_VERSION, SV_KEY, VERSION_KEY } from './projection-writer';
import type { MetaUpdate, ProjectedChange, ProjectionBatch } from './projection-batches';

export { PROJECTION_VERSION } from './projection-writer';
export type { ProjectedChange } from './projection-batches';

/** Records per batch: one transaction each, so other readers of the tables get a turn between them. */
const SLICE = 500;
/**
 * Records sent and not yet written that the page may have on their way before it waits for the
 * writer. Sending never waits for each batch to be written: while a teammate's workspace
 * arrives, the writer's replies queue behind the data channel's messages on this thread, and
 * waiting for them held the whole projection back until the transfer ended. The writer hands
 * rows to the list as soon as it has validated them, so the bound is set for memory only: the
 * 180k records of a 100k-customer workspace all go at once (the projection worker then holds
 * about 230 MB for a while, against 100 MB with a bound of 20,000, and the list has every
 * customer 15 s sooner).
 */
const MAX_AHEAD = 200_000;

/**
 * Keeps the Dexie read tables in step with the document. Every change (a local command, a
 * peer's update, a load) marks the records it touched; they are read from the document here and
 * sent to the sink (the projection worker, in a browser), which validates them with the same
 * schemas as local input and writes them in one batch. A record that fails validation stays in
 * the document but leaves the read table for the "data problems" list.
 */
export class Projection {
  #dirty = new Map<CollectionName, Set<string>>();
  /** Records that went to Trash or came back since the last flush: what names them is read again (record-trash.ts, effectiveTrash). */
  #trashMoved = new Map<CollectionName, Set<string>>();
  /** Entries appended to the activity log since the last flush (it only ever grows), read as plain data. */
  #activity: EntryRead[] = [];
  /**
   * Entries were removed from the activity log since the last flush. Nothing in Kehu removes
   * any, but a peer can: the log is then projected again whole, so the table matches a rebuild.
   */
  #activityReplaced = false;
  #settingsDirty = false;
  /** The sending of batches, one flush after another (not their writing). */
  #chain: Promise<void> = Promise.resolve();
  #scheduled = false;
  /** Batches sent and not known to be written, oldest first, and how many records they hold. */
  #ahead: { written: Promise<void>; size: number; settled: boolean }[] = [];
  #aheadSize = 0;
  #unobserve: (() => void)[] = [];
  /** Holds taken by hold() and not yet released; while any is taken, flushes wait. */
  #holds = 0;
  /** A change made on this device arrived during a hold: it is not held back. */
  #localWaiting = false;
  #wake: (() => void) | null = null;
  /** Records read from the document for the tables and not yet written there (or failed). */
  #unwritten = 0;
  #unwrittenListeners = new Set<(unwritten: number) => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly db: ReadDb,
    private readonly sink: ProjectionSink = new InThreadSink(db),
  ) {}

  start(): void {
    for (const name of collectionNames) {
      const coll = collection(this.doc, name);
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
        for (const event of events) {
          if (event.target === coll) for (const key of event.changes.keys.keys()) this.#mark(name, key);
          else if (event.path.length > 0) {
            const id = String(event.path[0]);
            this.#mark(name, id);
            if (event.path.length === 1 && (event.changes.keys.has('deletedAt') || event.changes.keys.has('trashedWith'))) this.#noteTrashMove(name, id);
          }
        }
        this.#noteOrigin(tr);
      };
      coll.observeDeep(handler);
      this.#unobserve.push(() => coll.unobserveDeep(handler));
    }
    const log = activityLog(this.doc);
    const onActivity = (event: Y.YArrayEvent<unknown>, tr: Y.Transaction) => {
      if (event.changes.deleted.size > 0) this.#activityReplaced = true;
      for (const part of event.changes.delta) if (Array.isArray(part.insert)) for (const entry of part.insert as unknown[]) this.#activity.push(readLogEntry(entry));
      this.#schedule();
      this.#noteOrigin(tr);
    };
    log.observe(onActivity);
    this.#unobserve.push(() => log.unobserve(onActivity));
    // Any other change (a device registering its client id, a type this version does not know)
    // still moves the state vector: a meta-only flush keeps "the tables match the document".
    const onUpdate = () => this.#schedule();
    this.doc.on('update', onUpdate);
    this.#unobserve.push(() => this.doc.off('update', onUpdate));
    const settings = settingsMap(this.doc);
    const onSettings = (_event: Y.YMapEvent<unknown>, tr: Y.Transaction) => {
      this.#settingsDirty = true;
      this.#schedule();
      this.#noteOrigin(tr);
    };
    settings.observe(onSettings);
    this.#unobserve.push(() => settings.unobserve(onSettings));
  }

  stop(): void {
    for (const off of this.#unobserve.splice(0)) off();
    // What a hold keeps back still goes in: idle() after stop() must not wait for a release.
    this.#holds = 0;
    this.#wakeUp();
  }

  /** Ends the sink (the worker); call after stop() and idle(). */
  close(): void {
    this.sink.close();
  }

  /** Called after each committed batch; returns the function that stops it. */
  onChange(listener: (change: ProjectedChange) => void): () => void {
    return this.sink.onChange(listener);
  }

  /** Like onChange, for a worker: the changes go straight to it, never through the page. */
  sendChangesTo(port: MessagePort): () => void {
    return this.sink.sendChangesTo(port);
  }

  /**
   * Holds flushes back until the returned function is called (every hold, when there are
   * several). For a teammate's large answer: projecting it while it streams in made both slower
   * on two cores (the projection's reads and IndexedDB writes against the data channel and the
   * applying of pieces), so the records wait and go in one pass at its end. A
   * change made on this device is never held: it flushes at once, with whatever is waiting.
   */
  hold(): () => void {
    this.#holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.#holds > 0 && --this.#holds === 0) this.#wakeUp();
    };
  }

  /** A flush is waiting for every hold to be released: what a test waits for, instead of for time. */
  get waitingForRelease(): boolean {
    return this.#wake !== null;
  }

  #noteOrigin(tr: Y.Transaction) {
    if (!tr.local || this.#holds === 0) return;
    this.#localWaiting = true;
    this.#wakeUp();
  }

  #wakeUp() {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /**
   * Calls `listener` with the number of records on their way to the read tables whenever it
   * changes: after a teammate's whole workspace arrived, the lists fill for a while (20 s at
   * 100k customers) although the document is up to date, and the status line says so.
   */
  onUnwritten(listener: (unwritten: number) => void): () => void {
    this.#unwrittenListeners.add(listener);
    listener(this.#unwritten);
    return () => this.#unwrittenListeners.delete(listener);
  }

  #countUnwritten(delta: number) {
    if (delta === 0) return;
    this.#unwritten += delta;
    for (const listener of this.#unwrittenListeners) listener(this.#unwritten);
  }

  /** Resolves when every change seen so far is in the read tables (or failed to get there). */
  async idle(): Promise<void> {
    await this.#chain;
    await Promise.allSettled(this.#ahead.map((a) => a.written));
  }

  #noteTrashMove(name: CollectionName, id: string) {
    let set = this.#trashMoved.get(name);
    if (!set) this.#trashMoved.set(name, (set = new Set()));
    set.add(id);
  }

  /** Marks what names the records that moved in or out of Trash, and what names those (customer → contact → interaction → task). */
  #markTrashFollowers() {
    let parents: Map<CollectionName, Set<string>> = this.#trashMoved;
    this.#trashMoved = new Map();
    for (let level = 0; level < 4 && parents.size > 0; level++) {
      const next = new Map<CollectionName, Set<string>>();
      for (const [name, ids] of childrenOf({ doc: this.doc }, parents)) {
        for (const id of ids) this.#mark(name, id);
        next.set(name, new Set(ids));
      }
      parents = next;
    }
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
    this.#enqueue(async () => {
      if (this.#holds > 0 && !this.#localWaiting) await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#scheduled = false;
      this.#localWaiting = false;
      return this.#flush();
    });
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(work);
    this.#chain = run.catch((error: unknown) => console.error('projection failed', error));
    return run;
  }

  async #flush() {
    const replaceActivity = this.#activityReplaced;
    this.#activityReplaced = false;
    const added = this.#activity.splice(0);
    const activity = replaceActivity ? activityLog(this.doc).toArray().map(readLogEntry) : added;
    if (this.#trashMoved.size > 0) this.#markTrashFollowers();
    const dirty = this.#dirty;
    this.#dirty = new Map();
    const meta: MetaUpdate = { sv: Y.encodeStateVector(this.doc) };
    if (this.#settingsDirty) meta.settings = readSettings(settingsMap(this.doc));
    this.#settingsDirty = false;
    // Records first, so that a teammate's edit reaches the screen without waiting for its
    // activity entry; the state vector last: the tables are "current" only once everything
    // before it is in. Nothing waits for the writer here, so one edit is sent at once.
    // Customers before the other collections: after a whole workspace arrived, the list is
    // complete once they are in, while contacts and the rest still go in behind it.
    const customersFirst = [...dirty].sort(([a], [b]) => Number(b === 'customers') - Number(a === 'customers'));
    for (const [name, ids] of customersFirst) await this.#inSlices(name, [...ids]);
    if (activity.length || replaceActivity) await this.#activityInSlices(activity, replaceActivity);
    await this.#send({ kind: 'meta', meta });
  }

  /**
   * Each record is read when its batch is sent: one purged meanwhile is gone, not a problem. An
   * entry of any other shape is refused here, on its own, so the rest of the batch goes in.
   */
  #read(name: CollectionName, ids: string[]): [string, EntryRead | null][] {
    const coll = collection(this.doc, name);
    return ids.map((id) => {
      if (!coll.has(id)) return [id, null];
      try {
        const read = readEntry(id, coll.get(id));
        if (!('record' in read) || read.record.deletedAt) return [id, read];
        // A live record under one in Trash (a teammate's concurrent delete) is shown in Trash with it.
        const trash = effectiveTrash({ doc: this.doc }, name, read.record);
        return [id, trash ? { record: { ...read.record, ...trash } } : read];
      } catch {
        return [id, { refused: { '': EntryProblem.notRecord }, preview: '' }];
      }
    });
  }

  #inSlices(name: CollectionName, ids: string[]) {
    this.#countUnwritten(ids.length);
    return this.#pipeline(Math.ceil(ids.length / SLICE), (i) => ({ kind: 'records', collection: name, entries: this.#read(name, ids.slice(i * SLICE, (i + 1) * SLICE)) }));
  }

  #activityInSlices(entries: EntryRead[], replace = false) {
    const size = SLICE * 4;
    return this.#pipeline(Math.max(replace ? 1 : 0, Math.ceil(entries.length / size)), (i) => ({ kind: 'activity', entries: entries.slice(i * size, (i + 1) * size), ...(replace && i === 0 ? { replace } : {}) }));
  }

  /** Sends batches one by one, reading each from the document only when it is sent; the page gets a turn between slices. */
  async #pipeline(count: number, batch: (i: number) => ProjectionBatch) {
    const pace = pacer();
    for (let i = 0; i < count; i++) {
      await this.#send(batch(i));
      await pace();
    }
  }

  /** Hands a batch to the sink; waits only while the writer is more than MAX_AHEAD records behind. */
  async #send(batch: ProjectionBatch) {
    const item = { written: this.sink.write(batch), size: batch.kind === 'records' || batch.kind === 'activity' ? batch.entries.length : 1, settled: false };
    const settle = () => {
      item.settled = true;
      if (batch.kind === 'records') this.#countUnwritten(-batch.entries.length);
    };
    item.written.then(settle, (error: unknown) => {
      settle();
      console.error('projection failed', error);
    });
    this.#ahead.push(item);
    this.#aheadSize += item.size;
    while (this.#ahead[0]?.settled || this.#aheadSize > MAX_AHEAD) {
      const oldest = this.#ahead.shift()!;
      this.#aheadSize -= oldest.size;
      await oldest.written.catch(() => {});
    }
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

  /** Drops and rebuilds every read table from the document, in batches that let the page breathe. */
  async rebuild(): Promise<void> {
    await this.#enqueue(async () => {
      await this.#send({ kind: 'reset' });
      for (const name of collectionNames) await this.#inSlices(name, [...collection(this.doc, name).keys()]);
      await this.#activityInSlices(activityLog(this.doc).toArray().map(readLogEntry));
      // An empty settings map leaves no settings row (projection-writer.ts), as it does when
      // every setting is removed later: the same tables either way.
      await this.#send({ kind: 'meta', meta: { sv: Y.encodeStateVector(this.doc), settings: readSettings(settingsMap(this.doc)) } });
    });
    await this.idle();
  }
}

import Dexie from 'dexie';
import * as Y from 'yjs';
import { newId } from '../../../src/domain/ids';
import { LogDb } from '../../../src/storage/log-db';
import { applySnapshot } from '../../../src/storage/snapshots';
import { identityCodec } from '../../../src/storage/codec';
import { ReadDb } from '../../../src/storage/read-db';
import { Projection } from '../../../src/storage/projection';
import { Workspace } from '../../../src/workspace/workspace';
import { openWorkspaceStore, type OpenStoreOptions, type WorkspaceStore } from '../../../src/storage/workspace-store';
import type { Subscribable } from '../../../src/storage/subscribable';

/**
 * Tracks what a test opened so afterEach can close it and delete its databases: every test gets
 * fresh workspace ids, and nothing leaks into the next one.
 */
export class StorageScope {
  #closers: (() => Promise<void> | void)[] = [];
  #dbNames = new Set<string>();

  workspaceId(): string {
    return this.trackWorkspace(newId());
  }

  /** For workspaces created by the code under test: their databases are deleted after the test. */
  trackWorkspace(id: string): string {
    this.#dbNames.add(`kehu-log-${id}`);
    this.#dbNames.add(`kehu-read-${id}`);
    return id;
  }

  dbName(prefix: string): string {
    const name = `${prefix}-${newId()}`;
    this.#dbNames.add(name);
    return name;
  }

  onCleanup(fn: () => Promise<void> | void): void {
    this.#closers.push(fn);
  }

  logDb(workspaceId: string): LogDb {
    const db = new LogDb(workspaceId);
    this.onCleanup(() => db.close());
    return db;
  }

  readDb(workspaceId: string): ReadDb {
    const db = new ReadDb(workspaceId);
    this.onCleanup(() => db.close());
    return db;
  }

  /** A fresh document projected into its read database (started, stopped after the test), and member-a's workspace on it. */
  openProjection(): { wsId: string; doc: Y.Doc; db: ReadDb; projection: Projection; ws: Workspace } {
    const wsId = this.workspaceId();
    const doc = new Y.Doc();
    const db = this.readDb(wsId);
    const projection = new Projection(doc, db);
    projection.start();
    this.onCleanup(() => projection.stop());
    const ws = new Workspace(wsId, doc, 'member-a');
    return { wsId, doc, db, projection, ws };
  }

  /** Compaction never runs on its own in tests unless a test asks for it. Resolves once the doc is loaded. */
  async openStore(workspaceId: string, options: OpenStoreOptions = {}): Promise<WorkspaceStore> {
    const store = await openWorkspaceStore(workspaceId, { schedule: () => {}, ...options });
    this.onCleanup(() => store.close());
    await store.loaded;
    let closed = false;
    const close = store.close.bind(store);
    store.close = async () => {
      if (closed) return;
      closed = true;
      await close();
    };
    return store;
  }

  async cleanup(): Promise<void> {
    for (const close of this.#closers.splice(0).reverse()) await close();
    await Promise.all([...this.#dbNames].map((name) => Dexie.delete(name)));
    this.#dbNames.clear();
  }
}

/** Applies every stored update (after the snapshot, if any) to a fresh doc: what a reload would see. */
export async function docFromLog(db: LogDb): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snapshot = await db.snapshots.orderBy('id').last();
  if (snapshot && !(await applySnapshot(doc, db, snapshot.id!, identityCodec))) throw new Error('unreadable snapshot');
  for (const row of await db.updates.orderBy('seq').toArray()) Y.applyUpdate(doc, row.data);
  return doc;
}

/** The first value a liveQuery emits. */
export function firstValue<T>(source: Subscribable<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let sub: { unsubscribe(): void } | null = null;
    sub = source.subscribe({
      next: (value) => {
        if (done) return;
        done = true;
        resolve(value);
        queueMicrotask(() => sub?.unsubscribe());
      },
      error: reject,
    });
    if (done) sub.unsubscribe();
  });
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

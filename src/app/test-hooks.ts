import { collection, metaMap, settingsMap, type CollectionName } from '../workspace/layout';
import { newRecordMap } from '../workspace/record-map';
import { newId } from '../domain/ids';
import type { WorkspaceSession } from './session';

/**
 * End-to-end specs only: a build made with VITE_KEHU_TEST_HOOKS=1 (scripts/test.sh) exposes
 * `window.__kehuTest`, which writes straight into the open workspace's document, bypassing the
 * commands, as a buggy or hostile teammate's device would. Its changes are local ones: they are
 * saved and sync to peers like any edit. A normal build never includes this module.
 */
export interface KehuTestHooks {
  /** Deletes every key of a collection in one transaction (not a soft delete); returns how many. */
  removeAll(name: CollectionName): Promise<number>;
  /** Sets one field on up to `limit` records of a collection in one transaction; returns how many. */
  setField(name: CollectionName, field: string, value: unknown, limit?: number): Promise<number>;
  /** Sets a collection key to any JSON value (not a record map); returns once saved. */
  setRaw(name: CollectionName, key: string, value: unknown): Promise<void>;
  /**
   * In one transaction: each of `records` as a record map (id and meta stamped when missing, any
   * other field kept as given), and each `raw` key set to its value as is. Returns the records' ids.
   */
  putEntries(name: CollectionName, records: Record<string, unknown>[], raw?: [string, unknown][]): Promise<string[]>;
  /** Sets a key of the document's `meta` map (e.g. a newer `schemaVersion`, as a newer app would); returns once saved. */
  setMeta(key: string, value: unknown): Promise<void>;
  /** Sets a key of the workspace's `settings` map to any JSON value, unchecked; returns once saved. */
  setSetting(key: string, value: unknown): Promise<void>;
  /** Resolves once every change of the document is in the read tables (the projection is idle). */
  settled(): Promise<void>;
}

export function installTestHooks(current: () => WorkspaceSession | null): void {
  const open = async () => {
    const session = current();
    if (!session) throw new Error('no workspace is open');
    await session.store.loaded;
    return session;
  };
  const hooks: KehuTestHooks = {
    async removeAll(name) {
      const session = await open();
      const records = collection(session.workspace.doc, name);
      const keys = [...records.keys()];
      session.workspace.transact(() => keys.forEach((key) => records.delete(key)));
      await session.store.log.flushed();
      return keys.length;
    },
    async setField(name, field, value, limit = Infinity) {
      const session = await open();
      const maps = [...collection(session.workspace.doc, name).values()].slice(0, limit);
      session.workspace.transact(() => maps.forEach((map) => map.set(field, value)));
      await session.store.log.flushed();
      return maps.length;
    },
    async setRaw(name, key, value) {
      const session = await open();
      session.workspace.transact(() => (collection(session.workspace.doc, name) as unknown as { set(k: string, v: unknown): void }).set(key, value));
      await session.store.log.flushed();
    },
    async putEntries(name, records, raw = []) {
      const session = await open();
      const entries = collection(session.workspace.doc, name) as unknown as { set(k: string, v: unknown): void };
      const at = new Date().toISOString();
      const by = session.workspace.memberId;
      const stamped = records.map((fields) => ({ id: newId(), createdAt: at, createdBy: by, updatedAt: at, updatedBy: by, deletedAt: null, ...fields }));
      session.workspace.transact(() => {
        for (const fields of stamped) entries.set(String(fields.id), newRecordMap(fields));
        for (const [key, value] of raw) entries.set(key, value);
      });
      await session.store.log.flushed();
      return stamped.map((fields) => String(fields.id));
    },
    async setMeta(key, value) {
      const session = await open();
      session.workspace.transact(() => metaMap(session.workspace.doc).set(key, value));
      await session.store.log.flushed();
    },
    async setSetting(key, value) {
      const session = await open();
      session.workspace.transact(() => settingsMap(session.workspace.doc).set(key, value));
      await session.store.log.flushed();
    },
    async settled() {
      const session = await open();
      await session.store.log.flushed();
      await session.store.projection.idle();
    },
  };
  Object.defineProperty(window, '__kehuTest', { value: hooks, configurable: true });
}

import Dexie from 'dexie';
import type * as Y from 'yjs';
import { identityCodec, type DocCodec } from './codec';
import { loadDoc, exportRawLog, type LoadReport } from './doc-loader';
import { LogDb } from './log-db';
import { ReadDb } from './read-db';
import { UpdateLog, type UpdateLogOptions } from './update-log';
import { defaultCompactionRunner } from './compaction-runner';
import { Projection } from './projection';
import { Queries } from './queries';
import { ConflictStore } from './conflict-store';

export interface OpenStoreOptions extends UpdateLogOptions {
  codec?: DocCodec;
  skipUnreadable?: boolean;
}

/** Everything one workspace keeps on this device: its document, update log and read tables. */
export interface WorkspaceStore {
  doc: Y.Doc;
  log: UpdateLog;
  projection: Projection;
  queries: Queries;
  conflicts: ConflictStore;
  report: LoadReport;
  /** Resolves once the read tables match the loaded document (rebuilt if they did not). */
  ready: Promise<void>;
  exportRawLog(): Promise<Blob>;
  close(): Promise<void>;
}

export async function openWorkspaceStore(workspaceId: string, options: OpenStoreOptions = {}): Promise<WorkspaceStore> {
  const codec = options.codec ?? identityCodec;
  const logDb = new LogDb(workspaceId);
  await logDb.open();
  let loaded;
  try {
    loaded = await loadDoc(logDb, codec, workspaceId, { skipUnreadable: options.skipUnreadable ?? false });
  } catch (error) {
    logDb.close();
    throw error;
  }
  const { doc, report, updatesSinceSnapshot } = loaded;
  const log = new UpdateLog(logDb, codec, doc, { runCompaction: defaultCompactionRunner(workspaceId), ...options });
  log.updatesSinceSnapshot = updatesSinceSnapshot;
  const readDb = new ReadDb(workspaceId);
  const projection = new Projection(doc, readDb);
  projection.start();
  // The first screen renders from the read tables as they are; a stale projection is rebuilt behind it.
  const ready = projection.isCurrent().then((current) => (current ? undefined : projection.rebuild()));
  return {
    doc,
    log,
    projection,
    queries: new Queries(readDb),
    conflicts: new ConflictStore(logDb),
    report,
    ready,
    exportRawLog: () => exportRawLog(logDb),
    async close() {
      await ready.catch(() => {});
      await log.flushed().catch(() => {});
      log.close();
      projection.stop();
      await projection.idle();
      doc.destroy();
      logDb.close();
      readDb.close();
    },
  };
}

/** Raw log of a workspace that cannot be opened, for the "export before reset" path. */
export async function exportUnopenableLog(workspaceId: string): Promise<Blob> {
  const logDb = new LogDb(workspaceId);
  try {
    return await exportRawLog(logDb);
  } finally {
    logDb.close();
  }
}

export async function deleteWorkspaceStorage(workspaceId: string): Promise<void> {
  await Promise.all([Dexie.delete(`kehu-log-${workspaceId}`), Dexie.delete(`kehu-read-${workspaceId}`)]);
}

import Dexie from 'dexie';
import * as Y from 'yjs';
import { identityCodec, type DocCodec } from './codec';
import { loadDoc, exportRawLog, type LoadReport } from './doc-loader';
import { pacer } from './pacing';
import { LogDb } from './log-db';
import { ReadDb } from './read-db';
import { UpdateLog, type UpdateLogOptions } from './update-log';
import { defaultCompactionRunner } from './compaction-runner';
import { Projection } from './projection';
import { InThreadSink, WorkerSink } from './projection-sink';
import { Queries } from './queries';
import { ConflictStore } from './conflict-store';
import { replayHistory, type Replay, type ReplayOptions } from './history-replay';

export interface OpenStoreOptions extends UpdateLogOptions {
  codec?: DocCodec;
  skipUnreadable?: boolean;
  /**
   * Loading waits for this: reading a 50 MB snapshot keeps IndexedDB busy for seconds, and the
   * first screen's small read from the read tables would queue behind it.
   */
  startAfter?: Promise<void>;
}

/** Everything one workspace keeps on this device: its document, update log and read tables. */
export interface WorkspaceStore {
  /** Filled while `loaded` is pending: read it (and write to it) only after that resolves. */
  doc: Y.Doc;
  log: UpdateLog;
  projection: Projection;
  /** Usable at once: the first screen renders from the read tables while the doc loads. */
  queries: Queries;
  conflicts: ConflictStore;
  /** Resolves once the doc holds everything stored; rejects with WorkspaceOpenError. */
  loaded: Promise<LoadReport>;
  /** Resolves once the read tables match the loaded document (rebuilt if they did not). */
  ready: Promise<void>;
  exportRawLog(): Promise<Blob>;
  /** Rebuilds the workspace from the kept history, for the history page (history-replay.ts). */
  replayHistory(options?: ReplayOptions): Promise<Replay>;
  close(): Promise<void>;
}

/**
 * Opens a workspace without waiting for its document: at 100k customers it is tens of MB, which
 * loads in slices (a snapshot stored in causal pieces, then the updates after it) between which
 * the page goes on, while the list already shows what the read tables hold.
 */
export async function openWorkspaceStore(workspaceId: string, options: OpenStoreOptions = {}): Promise<WorkspaceStore> {
  const codec = options.codec ?? identityCodec;
  const logDb = new LogDb(workspaceId);
  await logDb.open();
  const doc = new Y.Doc();
  const readDb = new ReadDb(workspaceId);
  const projection = new Projection(doc, readDb, typeof Worker === 'undefined' ? new InThreadSink(readDb) : new WorkerSink(workspaceId));
  const later = options.schedule ?? ((task: () => void) => setTimeout(task, 2000));
  let closed = false;
  /** A compaction waits for the projection; the log asks again after every write meanwhile. */
  let compactionWaits = false;
  const log = new UpdateLog(logDb, codec, doc, {
    runCompaction: defaultCompactionRunner(workspaceId),
    ...options,
    // Compaction (a worker merging the whole log) waits until the tables have what the document
    // has: while a teammate's 100k workspace arrived and went into the tables, it competed with
    // both for the cores, and the tables were complete 4 s later. Closing ends the wait, and
    // then nothing runs.
    schedule: (task) => {
      if (compactionWaits) return;
      compactionWaits = true;
      later(() =>
        void projection.idle().then(() => {
          compactionWaits = false;
          if (!closed) task();
        }),
      );
    },
  });
  let current = false;
  let started = false;
  const loaded = (options.startAfter ?? Promise.resolve()).then(() => {
    if (closed) throw new Error('workspace closed before its document loaded');
    started = true;
    return loadDoc(logDb, codec, workspaceId, { skipUnreadable: options.skipUnreadable ?? false, pace: pacer(), doc });
  }).then(
    async ({ report, updatesSinceSnapshot }) => {
      log.updatesSinceSnapshot = updatesSinceSnapshot;
      log.attach();
      // Checked before the projection starts, so no new batch can make stale tables look current.
      current = await projection.isCurrent();
      projection.start();
      return report;
    },
  );
  // A stale projection is rebuilt behind the first screen.
  const ready = loaded.then(() => (current ? undefined : projection.rebuild()));
  ready.catch(() => {}); // a failed load is reported through `loaded`
  return {
    doc,
    log,
    projection,
    queries: new Queries(readDb),
    conflicts: new ConflictStore(logDb),
    loaded,
    ready,
    exportRawLog: () => exportRawLog(logDb),
    replayHistory: (replayOptions) => replayHistory(logDb, codec, replayOptions),
    async close() {
      // A load still waiting for the first screen never starts: switching workspaces (joining
      // one from the start page) would otherwise wait out that wait first.
      closed = true;
      if (started) await ready.catch(() => {});
      await log.flushed().catch(() => {});
      log.close();
      projection.stop();
      await projection.idle();
      projection.close();
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

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
import { StorageHealth } from './storage-health';
import { formatWatchOf } from '../workspace/format-watch';
import { reportedSink } from './reported-sink';
import { clearSyncProblems, dropListState, measureUsage, type StoreUsage } from './storage-usage';
import { workerHistorySource, type HistorySource } from './history-source';

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
  /** Which stores failed their last write (the status line and read-only mode follow it). */
  health: StorageHealth;
  exportRawLog(): Promise<Blob>;
  /** What each store holds, for "what uses space". */
  usage(): Promise<StoreUsage[]>;
  /** Frees what can be derived again: the list's saved state, or teammates' refused-message reports. */
  freeSpace(what: 'list' | 'problems'): Promise<void>;
  /**
   * Writes again what failed: the updates kept in memory, then the read tables from the
   * document. Resolves once both are written; rejects if either still cannot be.
   */
  retryWrites(): Promise<void>;
  /** The kept history rebuilt from the log, for the history page (history-source.ts). */
  history: HistorySource;
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
  const health = new StorageHealth();
  // Watched before anything is loaded: a newer layout or record version is known from the
  // stored log on, and from whatever a peer or a file brings later (workspace/format-watch.ts).
  const formats = formatWatchOf(doc);
  health.setFormat(formats.state);
  formats.subscribe(() => health.setFormat(formats.state));
  const sink = typeof Worker === 'undefined' ? new InThreadSink(readDb) : new WorkerSink(workspaceId);
  const projection = new Projection(doc, readDb, reportedSink(sink, health));
  const later = options.schedule ?? ((task: () => void) => setTimeout(task, 2000));
  let closed = false;
  /** A compaction waits for the projection; the log asks again after every write meanwhile. */
  let compactionWaits = false;
  const compaction = options.runCompaction ?? defaultCompactionRunner(workspaceId);
  const log = new UpdateLog(logDb, codec, doc, {
    ...options,
    runCompaction: (...args: Parameters<typeof compaction>) =>
      compaction(...args).then(
        () => health.clear('snapshots'),
        (error: unknown) => {
          health.report('snapshots', error);
          throw error;
        },
      ),
    onError: (error) => {
      health.report('log', error);
      retryLater();
      options.onError?.(error);
    },
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
  /**
   * Updates that could not be written stay in memory (update-log.ts); while the log has a
   * problem they are written again now and then, so space freed elsewhere (another tab, another
   * site) ends it without an edit to carry them.
   */
  let retrying: ReturnType<typeof setTimeout> | null = null;
  const retryLater = () => {
    if (retrying || closed) return;
    retrying = setTimeout(() => {
      retrying = null;
      if (closed || !health.problem('log')) return;
      log.flushed().then(() => health.clear('log'), retryLater);
    }, LOG_RETRY_MS);
  };
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
    health,
    exportRawLog: () => exportRawLog(logDb),
    usage: () => measureUsage(logDb, readDb),
    async freeSpace(what) {
      if (what === 'list') await dropListState(readDb);
      else await clearSyncProblems(readDb);
    },
    async retryWrites() {
      await log.flushed();
      health.clear('log');
      if (health.problem('tables')) await projection.rebuild();
      const tables = health.problem('tables');
      if (tables) throw Object.assign(new Error('the read tables could not be written'), { reason: tables.reason });
    },
    history: workerHistorySource(workspaceId, logDb, codec, pacer()),
    async close() {
      // A load still waiting for the first screen never starts: switching workspaces (joining
      // one from the start page) would otherwise wait out that wait first.
      closed = true;
      if (retrying) clearTimeout(retrying);
      if (started) await ready.catch(() => {});
      await log.flushed().catch(() => {});
      log.close();
      projection.stop();
      await projection.idle();
      projection.close();
      formats.destroy();
      doc.destroy();
      logDb.close();
      readDb.close();
    },
  };
}

const LOG_RETRY_MS = 15_000;

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

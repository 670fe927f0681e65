import * as Y from 'yjs';
import { FILE_ORIGIN, LOAD_ORIGIN, LOCAL_ORIGIN } from '../workspace/origins';
import type { DocCodec } from './codec';
import type { LogDb, UpdateRow, UpdateSource } from './log-db';
import { SaveFailedError, isQuotaError } from './errors';
import { inlineCompaction, type CompactionRunner } from './compaction-runner';

export interface UpdateLogOptions {
  /** Compact once this many updates were appended since the last snapshot. */
  compactAfter?: number;
  /** How to run compaction "in the background" (tests run it synchronously). */
  schedule?: (task: () => void) => void;
  onError?: (error: SaveFailedError) => void;
  /** Where the snapshot is built (a worker in the browser). */
  runCompaction?: CompactionRunner;
  /**
   * How far back (ms) the workspace history must reach: compaction keeps every update newer than
   * this (see compaction.ts). Read at each compaction, so a changed setting applies at the next.
   */
  historyWindowMs?: () => number;
}

/** The default history window: 30 days (docs/architecture.md, "Workspace history"). */
export const DEFAULT_HISTORY_DAYS = 30;

/** An update waiting to be written, with what the history needs to know about it. */
interface PendingUpdate {
  update: Uint8Array;
  source: UpdateSource;
  clients: number[];
  via: string[];
}

/** Clients whose clock moved in the transaction: the authors of its new content. */
function writersOf(tr: Y.Transaction | undefined): number[] {
  if (!tr) return [];
  const clients: number[] = [];
  for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) clients.push(client);
  return clients;
}

function sourceOf(origin: unknown, tr: Y.Transaction | undefined): UpdateSource {
  if (origin === LOCAL_ORIGIN || (tr?.local && origin !== FILE_ORIGIN)) return 'local';
  return origin === FILE_ORIGIN ? 'file' : 'peer';
}

/** Consecutive updates from the same place and writers share a row; others never do. */
function sameAttribution(a: PendingUpdate, b: PendingUpdate): boolean {
  return a.source === b.source && a.clients.join() === b.clients.join() && a.via.join() === b.via.join();
}

/** Runs of consecutive updates with the same attribution, in order. */
function attributedGroups(batch: PendingUpdate[]): PendingUpdate[][] {
  const groups: PendingUpdate[][] = [];
  for (const u of batch) {
    const last = groups[groups.length - 1];
    if (last && sameAttribution(last[0]!, u)) last.push(u);
    else groups.push([u]);
  }
  return groups;
}

/** Batches up to this size are merged into one log row. */
const MERGE_LIMIT = 256 * 1024;

/**
 * Appends every update of the document (local or remote) to the durable log. `flushed()`
 * resolves once everything seen so far is committed, which is when the UI may say "saved".
 */
export class UpdateLog {
  #pending: PendingUpdate[] = [];
  #chain: Promise<void> = Promise.resolve();
  #scheduled = false;
  #failure: SaveFailedError | null = null;
  #sinceSnapshot = 0;
  /** Raised after a failed compaction, so a log that cannot be compacted is not retried on every save. */
  #compactAt = 0;
  #compacting: Promise<void> | null = null;
  #closed = false;
  readonly #options: Required<Omit<UpdateLogOptions, 'historyWindowMs'>>;
  /**
   * See UpdateLogOptions.historyWindowMs; the workspace history sets it from this device's
   * setting. Null: compaction keeps only what recovery needs.
   */
  historyWindowMs: (() => number) | null = null;

  constructor(
    private readonly db: LogDb,
    private readonly codec: DocCodec,
    private readonly doc: Y.Doc,
    options: UpdateLogOptions = {},
  ) {
    this.#options = {
      compactAfter: options.compactAfter ?? 400,
      schedule: options.schedule ?? ((task) => setTimeout(task, 2000)),
      onError: options.onError ?? (() => {}),
      runCompaction: options.runCompaction ?? inlineCompaction,
    };
    if (options.historyWindowMs) this.historyWindowMs = options.historyWindowMs;
    this.#compactAt = this.#options.compactAfter;
  }

  #attached = false;

  /**
   * Starts logging the document's updates; called once it is loaded. While a Yjs doc has an
   * 'update' listener it encodes every transaction as an update, which was more than half of
   * the time spent applying a large snapshot.
   */
  attach(): void {
    if (this.#attached || this.#closed) return;
    this.#attached = true;
    this.doc.on('update', this.#onUpdate);
  }

  /** Seeds the compaction counter with what the log held when the doc was loaded. */
  set updatesSinceSnapshot(n: number) {
    this.#sinceSnapshot = n;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /**
   * Who is connected when a peer's update arrives (member ids); set by the sync service. A
   * delete carries no author in Yjs, so this is what the history can say about one.
   */
  peersOnline: () => string[] = () => [];

  #onUpdate = (update: Uint8Array, origin: unknown, _doc?: Y.Doc, tr?: Y.Transaction) => {
    if (origin === LOAD_ORIGIN || this.#closed) return;
    const source = sourceOf(origin, tr);
    this.#pending.push({ update, source, clients: writersOf(tr).sort((a, b) => a - b), via: source === 'peer' ? this.peersOnline().slice(0, 50).sort() : [] });
    this.#scheduleWrite();
  };

  #scheduleWrite() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#chain = this.#chain.then(() => {
      this.#scheduled = false;
      return this.#writePending();
    });
  }

  async #writePending(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      // One commit per batch. A burst of small edits (keystrokes) becomes one row; large updates
      // (a joining peer's state arrives in pieces) keep a row each, because merging them would
      // cost a long main-thread task.
      const rows: UpdateRow[] = [];
      for (const group of attributedGroups(batch)) {
        const bytes = group.reduce((n, u) => n + u.update.length, 0);
        const updates = group.length === 1 || bytes > MERGE_LIMIT ? group.map((u) => u.update) : [Y.mergeUpdates(group.map((u) => u.update))];
        const { source, clients, via } = group[0]!;
        for (const update of updates) {
          rows.push({ data: await this.codec.encode(update), at: Date.now(), source, ...(clients.length ? { clients } : {}), ...(via.length ? { via } : {}) });
        }
      }
      await this.db.updates.bulkAdd(rows);
      this.#failure = null;
      this.#sinceSnapshot += rows.length;
      if (this.#sinceSnapshot >= this.#compactAt && !this.#compacting) {
        this.#options.schedule(() => void this.compact().catch(() => {}));
      }
    } catch (error) {
      // Keep the updates: the next write retries them, and nothing acknowledged is lost.
      this.#pending = [...batch, ...this.#pending];
      this.#failure = new SaveFailedError(isQuotaError(error) ? 'quota' : 'unknown', { cause: error });
      this.#options.onError(this.#failure);
    }
  }

  /** Resolves when every update seen so far is durable; rejects if the last write failed. */
  async flushed(): Promise<void> {
    if (this.#pending.length > 0) this.#scheduleWrite();
    await this.#chain;
    if (this.#failure) throw this.#failure;
  }

  /** Folds the log into a verified snapshot (compaction.ts); concurrent calls share one run. */
  compact(): Promise<void> {
    this.#compacting ??= this.#compact().finally(() => {
      this.#compacting = null;
    });
    return this.#compacting;
  }

  async #compact(): Promise<void> {
    await this.flushed();
    const before = this.#sinceSnapshot;
    try {
      const window = this.historyWindowMs?.();
      await this.#options.runCompaction(this.db, this.codec, window === undefined ? {} : { keepSince: Date.now() - window });
    } catch (error) {
      this.#compactAt = this.#sinceSnapshot + this.#options.compactAfter;
      throw error;
    }
    this.#sinceSnapshot = Math.max(0, this.#sinceSnapshot - before);
    this.#compactAt = this.#options.compactAfter;
  }

  close(): void {
    this.#closed = true;
    this.doc.off('update', this.#onUpdate);
  }
}

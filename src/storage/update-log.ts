import * as Y from 'yjs';
import { LOAD_ORIGIN } from '../workspace/origins';
import type { DocCodec } from './codec';
import type { LogDb } from './log-db';
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
}

/** Batches up to this size are merged into one log row. */
const MERGE_LIMIT = 256 * 1024;

/**
 * Appends every update of the document (local or remote) to the durable log. `flushed()`
 * resolves once everything seen so far is committed, which is when the UI may say "saved".
 */
export class UpdateLog {
  #pending: Uint8Array[] = [];
  #chain: Promise<void> = Promise.resolve();
  #scheduled = false;
  #failure: SaveFailedError | null = null;
  #sinceSnapshot = 0;
  /** Raised after a failed compaction, so a log that cannot be compacted is not retried on every save. */
  #compactAt = 0;
  #compacting: Promise<void> | null = null;
  #closed = false;
  readonly #options: Required<UpdateLogOptions>;

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

  #onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === LOAD_ORIGIN || this.#closed) return;
    this.#pending.push(update);
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
      const bytes = batch.reduce((n, u) => n + u.length, 0);
      const updates = batch.length === 1 ? batch : bytes <= MERGE_LIMIT ? [Y.mergeUpdates(batch)] : batch;
      const rows = await Promise.all(updates.map(async (update) => ({ data: await this.codec.encode(update), at: Date.now() })));
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
      await this.#options.runCompaction(this.db, this.codec);
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

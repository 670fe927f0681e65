import * as Y from 'yjs';
import { LOAD_ORIGIN } from '../workspace/origins';
import type { DocCodec } from './codec';
import { sha256Hex, type LogDb } from './log-db';
import { SaveFailedError, isQuotaError } from './errors';

export interface UpdateLogOptions {
  /** Compact once this many updates were appended since the last snapshot. */
  compactAfter?: number;
  /** How to run compaction "in the background" (tests run it synchronously). */
  schedule?: (task: () => void) => void;
  onError?: (error: SaveFailedError) => void;
}

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
    };
    doc.on('update', this.#onUpdate);
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
      // One row per batch keeps a burst of keystrokes (or a whole import) to one commit.
      const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
      const data = await this.codec.encode(merged);
      await this.db.updates.add({ data, at: Date.now() });
      this.#failure = null;
      this.#sinceSnapshot += 1;
      if (this.#sinceSnapshot >= this.#options.compactAfter && !this.#compacting) {
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

  /**
   * Writes the whole state as a snapshot, verifies it by reading it back into a scratch doc,
   * and only then trims the log. The previous snapshot and the updates after it are kept, so a
   * snapshot damaged later on disk can be skipped without losing anything.
   */
  compact(): Promise<void> {
    this.#compacting ??= this.#compact().finally(() => {
      this.#compacting = null;
    });
    return this.#compacting;
  }

  async #compact(): Promise<void> {
    await this.flushed();
    const lastUpdate = await this.db.updates.orderBy('seq').last();
    const seq = lastUpdate?.seq ?? 0;
    const state = Y.encodeStateAsUpdate(this.doc);
    const stateVector = Y.encodeStateVector(this.doc);
    const data = await this.codec.encode(state);
    const sha256 = await sha256Hex(data);
    const id = await this.db.snapshots.add({ seq, data, sha256, at: Date.now() });
    const stored = await this.db.snapshots.get(id);
    if (!stored || !(await verifySnapshot(stored.data, stored.sha256, this.codec, stateVector))) {
      await this.db.snapshots.delete(id);
      throw new Error('snapshot verification failed; log kept as it was');
    }
    this.#sinceSnapshot = 0;
    await this.db.transaction('rw', this.db.snapshots, this.db.updates, async () => {
      const older = await this.db.snapshots.where('id').below(id).reverse().toArray();
      const previous = older[0];
      await this.db.snapshots.bulkDelete(older.slice(1).map((s) => s.id!));
      if (previous) await this.db.updates.where('seq').belowOrEqual(previous.seq).delete();
    });
  }

  close(): void {
    this.#closed = true;
    this.doc.off('update', this.#onUpdate);
  }
}

async function verifySnapshot(data: Uint8Array, sha256: string, codec: DocCodec, expected: Uint8Array): Promise<boolean> {
  try {
    if ((await sha256Hex(data)) !== sha256) return false;
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, await codec.decode(data));
    const actual = Y.encodeStateVector(scratch);
    scratch.destroy();
    return actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  } catch {
    return false;
  }
}

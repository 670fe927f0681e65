import { isQuotaError } from './errors';
import type { RecordType } from '../domain/record-versions';
import type { FormatState } from '../workspace/format-watch';

/**
 * The stores of one workspace on this device. `log` is primary data (the update log); the
 * others can be derived again (`tables`: the read tables; `snapshots`: compaction of the log;
 * `list`: the list worker's saved state) or are local settings (`device`).
 */
export type StoreName = 'log' | 'tables' | 'snapshots' | 'list' | 'device';

export interface StoreProblem {
  store: StoreName;
  reason: 'quota' | 'unknown';
}

/** Why the workspace is read-only: storage is full, or the document's layout is newer than this app. */
export type ReadOnlyReason = 'quota' | 'newer-format';

/**
 * What this app found in the document that a newer version of Kehu wrote (workspace/format-watch.ts):
 * a newer layout (`newerSchema`: the whole workspace is read-only) or records of newer versions
 * (`newerTypes`: those types are read-only). Either way the person is told to update the app.
 */
export interface FormatProblem {
  newerSchema: number | null;
  newerTypes: RecordType[];
  /** A teammate's app announced a newer format; nothing of it is read-only yet. */
  newerPeer: boolean;
}

/** The order the status line names them in: the first one found is the one it tells. */
const ORDER: StoreName[] = ['log', 'tables', 'snapshots', 'list', 'device'];
const WRITE_PATH: StoreName[] = ['log', 'tables', 'device'];

/**
 * Which stores failed their last write. Every store reports here, so the status line can say
 * "All changes saved" only when that is true of every store, not just of the update log (with a
 * full disk the log went on saving while every read-table write failed, in the console only).
 */
export class StorageHealth {
  #problems = new Map<StoreName, StoreProblem>();
  #format: FormatProblem | null = null;
  #listeners = new Set<() => void>();

  /** Follows the document's format watch: told once at open and whenever it finds more. */
  setFormat(state: FormatState): void {
    const next: FormatProblem | null =
      state.newerSchema === null && state.newerTypes.size === 0 && !state.newerPeer
        ? null
        : { newerSchema: state.newerSchema, newerTypes: [...state.newerTypes.keys()].sort(), newerPeer: state.newerPeer };
    if (JSON.stringify(next) === JSON.stringify(this.#format)) return;
    this.#format = next;
    this.#emit();
  }

  /** What a newer version of Kehu wrote that this one cannot change; null when nothing. */
  get format(): FormatProblem | null {
    return this.#format;
  }

  report(store: StoreName, error: unknown): void {
    const reason = isQuotaError(error) || (error as { reason?: unknown } | null)?.reason === 'quota' ? 'quota' : 'unknown';
    const known = this.#problems.get(store);
    if (known?.reason === reason) return;
    this.#problems.set(store, { store, reason });
    this.#emit();
  }

  clear(store: StoreName): void {
    if (this.#problems.delete(store)) this.#emit();
  }

  problem(store: StoreName): StoreProblem | undefined {
    return this.#problems.get(store);
  }

  /** Every store that failed, most important first. */
  get problems(): StoreProblem[] {
    return ORDER.flatMap((store) => this.#problems.get(store) ?? []);
  }

  /**
   * True while storage is full for the log, the read tables or the device's own database: a
   * change made now could not be kept, or would not show on the pages that read the tables.
   * Commands are refused meanwhile; reading and exporting go on. A full disk found by a
   * compaction or by the list's saved state does not count: both need room for a large value,
   * and a change still fits.
   */
  get readOnly(): boolean {
    return this.readOnlyReason !== null;
  }

  /**
   * A document of a newer layout (meta.schemaVersion) is read-only as a whole, from load on:
   * any write could be one the newer app does not expect. Records of a newer version only stop
   * writes of their own type (FormatWatch), so they do not make the whole workspace read-only.
   */
  get readOnlyReason(): ReadOnlyReason | null {
    if (this.#format?.newerSchema != null) return 'newer-format';
    return WRITE_PATH.some((store) => this.#problems.get(store)?.reason === 'quota') ? 'quota' : null;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit() {
    for (const listener of this.#listeners) listener();
  }
}

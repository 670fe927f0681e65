import * as Y from 'yjs';
import { groupHistory, type HistoryEntry, type LoggedChange } from '../domain/history-entries';
import { compareWithNow, planRestore, type Comparison, type CurrentRecord } from '../domain/history-restore';
import { collection, collectionNames, type CollectionName } from '../workspace/layout';
import { readRecord } from '../workspace/record-map';
import { isReadableRecord } from '../workspace/transaction-changes';
import { restoreRecords, type RecordRestore } from '../workspace/history-commands';
import { memberOfClient } from '../sync/clients';
import { DEFAULT_HISTORY_DAYS } from '../storage/update-log';
import { pacer } from '../storage/pacing';
import type { WorkspaceStore } from '../storage/workspace-store';
import type { Workspace } from '../workspace/workspace';
import type { Prefs } from './prefs';
import { BulkChangeWatch } from './bulk-change-watch';

const DAY_MS = 24 * 60 * 60 * 1000;
export const MIN_HISTORY_DAYS = 1;
export const MAX_HISTORY_DAYS = 365;

export interface HistoryList {
  /** Newest first. */
  entries: HistoryEntry[];
  /** The earliest point that can be previewed (ms), or null when the history starts with the workspace. */
  since: number | null;
}

/** One record as it was at the previewed point, next to how it is now. */
export interface PreviewRecord {
  collection: CollectionName;
  id: string;
  /** Display name (customers: the name field), or the id. */
  name: string;
  status: string | null;
  deletedThen: boolean;
  comparison: Comparison;
}

export interface RecordRef {
  collection: CollectionName;
  id: string;
}

function isCollection(name: string): name is CollectionName {
  return (collectionNames as readonly string[]).includes(name);
}

function currentOf(doc: Y.Doc, name: CollectionName, id: string): CurrentRecord {
  const value = collection(doc, name).get(id) as unknown;
  if (value === undefined) return { state: 'absent' };
  if (isReadableRecord(name, value)) return { state: 'present', fields: readRecord(value) };
  if (!(value instanceof Y.Map)) return { state: 'unreadable' };
  try {
    return { state: 'unreadable', fields: readRecord(value) };
  } catch {
    return { state: 'unreadable' };
  }
}

/**
 * The record's fields when it reads exactly the same then and now (most records, for most
 * points in the past): those need no validation, which was most of a preview's time.
 */
function sameContent(then: unknown, now: unknown): Record<string, unknown> | null {
  if (!(then instanceof Y.Map) || !(now instanceof Y.Map)) return null;
  try {
    const fields = readRecord(then);
    return JSON.stringify(fields) === JSON.stringify(readRecord(now)) ? fields : null;
  } catch {
    return null;
  }
}

function recordAt(doc: Y.Doc, name: CollectionName, id: string): Record<string, unknown> | null {
  const value = collection(doc, name).get(id) as unknown;
  return isReadableRecord(name, value) ? readRecord(value) : null;
}

/**
 * The workspace history for the UI: the list of changes (who, when, what), a preview of the
 * workspace before any of them, and restoring chosen records as they were then, as one command.
 * Rebuilding the past replays the log on this thread in 25 ms slices, only when the page asks
 * (measured in docs/architecture.md).
 */
export class WorkspaceHistory {
  #days = DEFAULT_HISTORY_DAYS;
  readonly bulk: BulkChangeWatch;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly workspace: Workspace,
    private readonly commit: <T>(command: () => T) => Promise<T>,
    private readonly prefs: () => Prefs,
  ) {
    store.log.historyWindowMs = () => this.#days * DAY_MS;
    this.bulk = new BulkChangeWatch(workspace.doc, () => store.log.peersOnline());
    void store.loaded.then(
      async () => {
        this.#days = await this.prefs().get(this.#prefKey, DEFAULT_HISTORY_DAYS);
        this.bulk.start();
      },
      () => {},
    );
  }

  get #prefKey() {
    return `historyDays:${this.workspace.id}`;
  }

  /** How many days of changes this device keeps for the history (a per-device storage choice). */
  async windowDays(): Promise<number> {
    await this.store.loaded;
    return this.#days;
  }

  async setWindowDays(days: number): Promise<void> {
    const clamped = Math.round(Math.min(MAX_HISTORY_DAYS, Math.max(MIN_HISTORY_DAYS, days)));
    this.#days = clamped;
    await this.prefs().set(this.#prefKey, clamped);
  }

  /** Every change the kept history holds, grouped into entries (newest first). */
  async entries(): Promise<HistoryList> {
    await this.store.loaded;
    await this.store.log.flushed().catch(() => {});
    const replay = await this.store.replayHistory({ changes: true, pace: pacer() });
    replay.doc.destroy();
    const me = this.workspace.memberId;
    const doc = this.workspace.doc;
    const rows: LoggedChange[] = replay.rows.map((row) => {
      const authors = row.source === 'local' ? [me] : [...new Set(row.clients.map((c) => memberOfClient(doc, c)).filter((m): m is string => m !== undefined))].sort();
      return { seq: row.seq, at: row.at, source: row.source, authors, via: row.via, changes: row.changes };
    });
    return { entries: groupHistory(rows), since: replay.fromAt };
  }

  /**
   * The workspace as it was after log row `seq`: every customer then, plus the `records` asked
   * for (any collection: those of a change under review), each compared with now.
   */
  async preview(seq: number, records: readonly RecordRef[] = []): Promise<PreviewRecord[]> {
    await this.store.loaded;
    const replay = await this.store.replayHistory({ upTo: seq, pace: pacer() });
    try {
      const wanted = new Map<string, RecordRef>();
      for (const id of collection(replay.doc, 'customers').keys()) wanted.set(`customers/${id}`, { collection: 'customers', id });
      for (const ref of records) if (isCollection(ref.collection)) wanted.set(`${ref.collection}/${ref.id}`, ref);
      const out: PreviewRecord[] = [];
      const pace = pacer();
      for (const { collection: name, id } of wanted.values()) {
        await pace();
        const same = sameContent(collection(replay.doc, name).get(id), collection(this.workspace.doc, name).get(id));
        if (same) {
          out.push({ collection: name, id, name: typeof same.name === 'string' ? same.name : id, status: typeof same.status === 'string' ? same.status : null, deletedThen: Boolean(same.deletedAt), comparison: 'same' });
          continue;
        }
        const then = recordAt(replay.doc, name, id);
        const now = currentOf(this.workspace.doc, name, id);
        const shown = then ?? (now.state !== 'absent' ? now.fields : undefined);
        out.push({
          collection: name,
          id,
          name: typeof shown?.name === 'string' ? shown.name : id,
          status: typeof then?.status === 'string' ? then.status : null,
          deletedThen: Boolean(then?.deletedAt),
          comparison: compareWithNow(then, now),
        });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    } finally {
      replay.doc.destroy();
    }
  }

  /**
   * Puts the chosen records back as they were after log row `seq`, as one local change (see
   * history-restore.ts for what is and is not rolled back). Returns how many were written.
   */
  async restore(seq: number, records: readonly RecordRef[]): Promise<number> {
    await this.store.loaded;
    const replay = await this.store.replayHistory({ upTo: seq, pace: pacer() });
    try {
      // Planned inside the command, against the document as it is at that moment.
      return await this.commit(() => {
        const restores: RecordRestore[] = [];
        for (const { collection: name, id } of records) {
          if (!isCollection(name)) continue;
          const action = planRestore(recordAt(replay.doc, name, id), currentOf(this.workspace.doc, name, id));
          if (action.kind !== 'nothing') restores.push({ collection: name, id, action });
        }
        return restores.length === 0 ? 0 : restoreRecords(this.workspace, restores);
      });
    } finally {
      replay.doc.destroy();
    }
  }

  close() {
    this.bulk.stop();
  }
}

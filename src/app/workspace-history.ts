import { groupHistory, type HistoryEntry, type LoggedChange } from '../domain/history-entries';
import { compareWithNow, planRestore, type Comparison, type CurrentRecord } from '../domain/history-restore';
import { collection, type CollectionName } from '../workspace/layout';
import { readStoredRecord } from '../workspace/record-entry';
import { readableRecord } from '../workspace/transaction-changes';
import { collectionSchemas } from '../workspace/collection-schemas';
import { restoreRecords, type RecordRestore } from '../workspace/history-commands';
import { memberOfClient } from '../sync/clients';
import { DEFAULT_HISTORY_DAYS } from '../storage/update-log';
import { pacer } from '../storage/pacing';
import { pastFields, type PastRecord } from '../storage/history-source';
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

/** Raw JSON of a record now, to compare with the past without validating (most records read the same). */
function rawNow(id: string, value: unknown): string | null {
  const record = readStoredRecord(id, value);
  return record ? JSON.stringify(record) : null;
}

/** The entry as it is now, read within the bounds (record-entry.ts): a peer may have put anything there. */
function currentOf(value: unknown, name: CollectionName, id: string): CurrentRecord {
  if (value === undefined) return { state: 'absent' };
  const readable = readableRecord(name, id, value);
  if (readable) return { state: 'present', fields: readable };
  const fields = readStoredRecord(id, value);
  return fields ? { state: 'unreadable', fields } : { state: 'unreadable' };
}

/**
 * The workspace history for the UI: the list of changes (who, when, what), a preview of the
 * workspace before any of them, and restoring chosen records as they were then, as one command.
 * The past is rebuilt from the log by the store's history source (a worker in the browser);
 * this thread only compares it with now, in slices.
 */
export class WorkspaceHistory {
  #days = DEFAULT_HISTORY_DAYS;
  readonly bulk: BulkChangeWatch;
  /** Resolves once this device's history settings and unreviewed flags are read and the watch runs. */
  readonly ready: Promise<void>;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly workspace: Workspace,
    private readonly commit: <T>(command: () => T) => Promise<T>,
    private readonly prefs: () => Prefs,
  ) {
    store.log.historyWindowMs = () => this.#days * DAY_MS;
    this.bulk = new BulkChangeWatch(workspace.doc, () => store.log.peersOnline());
    this.ready = store.loaded.then(
      async () => {
        this.#days = await this.prefs().get(this.#prefKey, DEFAULT_HISTORY_DAYS);
        // Flags not reviewed yet survive a restart: the change may have come in just before it.
        const alertsKey = `bulkAlerts:${this.workspace.id}`;
        this.bulk.restore(await this.prefs().get<unknown>(alertsKey, []));
        this.bulk.subscribe(() => void this.prefs().set(alertsKey, [...this.bulk.alerts]).catch(() => {}));
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
    const { rows, fromAt } = await this.store.history.rows();
    const me = this.workspace.memberId;
    const doc = this.workspace.doc;
    const logged: LoggedChange[] = rows.map((row) => {
      const authors = row.source === 'local' ? [me] : [...new Set(row.clients.map((c) => memberOfClient(doc, c)).filter((m): m is string => m !== undefined))].sort();
      return { seq: row.seq, at: row.at, source: row.source, authors, via: row.via, changes: row.changes };
    });
    return { entries: groupHistory(logged), since: fromAt };
  }

  /**
   * The workspace as it was after log row `seq`: every customer then, plus the `records` asked
   * for (any collection: those of a change under review), each compared with now.
   */
  async preview(seq: number, records: readonly RecordRef[] = []): Promise<PreviewRecord[]> {
    await this.store.loaded;
    const past = await this.store.history.recordsAt(seq, plainRefs(records), true);
    const out: PreviewRecord[] = [];
    const pace = pacer();
    for (const then of past) {
      await pace();
      const value = collection(this.workspace.doc, then.collection).get(then.id) as unknown;
      const same = then.raw !== null && then.raw === rawNow(then.id, value);
      const now = same ? null : currentOf(value, then.collection, then.id);
      const nowName = now?.state === 'present' || now?.state === 'unreadable' ? now.fields?.name : undefined;
      const name = then.name ?? (typeof nowName === 'string' ? nowName : then.id);
      out.push({
        collection: then.collection,
        id: then.id,
        name,
        status: then.status,
        deletedThen: then.deleted,
        comparison: now ? compareWithNow(pastFields(then), now) : 'same',
      });
    }
    // A collator: localeCompare on 10k names was a 0.8 s task.
    const collator = new Intl.Collator();
    return out.sort((a, b) => collator.compare(a.name, b.name));
  }

  /**
   * Puts the chosen records back as they were after log row `seq`, as one local change (see
   * history-restore.ts for what is and is not rolled back). Returns how many were written.
   */
  async restore(seq: number, records: readonly RecordRef[]): Promise<number> {
    await this.store.loaded;
    const past: PastRecord[] = await this.store.history.recordsAt(seq, plainRefs(records), false);
    // Planned inside the command, against the document as it is at that moment.
    return this.commit(() => {
      const restores: RecordRestore[] = [];
      for (const then of past) {
        const now = currentOf(collection(this.workspace.doc, then.collection).get(then.id), then.collection, then.id);
        const action = planRestore(restorableFields(then, now), now);
        if (action.kind !== 'nothing') restores.push({ collection: then.collection, id: then.id, action });
      }
      return restores.length === 0 ? 0 : restoreRecords(this.workspace, restores);
    });
  }

  close() {
    this.bulk.stop();
  }
}

/**
 * A past record to write back: its fields as stored then, plus the defaults its schema read for
 * the fields it did not have (a record from before a field existed). Without them a field added
 * since is cleared to null, which the schema refuses for most fields (`notes`, `phones`, ...),
 * and the restored record would be quarantined.
 */
function restorableFields(then: PastRecord, now: CurrentRecord): Record<string, unknown> | null {
  const fields = pastFields(then);
  if (!fields) return null;
  const parsed = collectionSchemas[then.collection].safeParse(fields);
  if (!parsed.success) return null;
  // Only the defaults of fields the record has now: one absent then and now stays absent.
  const nowFields = now.state === 'absent' ? undefined : now.fields;
  const defaults = Object.entries(parsed.data).filter(([key]) => !(key in fields) && (!nowFields || nowFields[key] != null));
  return { ...Object.fromEntries(defaults), ...fields };
}

/** Plain objects only: the refs may be UI proxies, and they go to a worker. */
function plainRefs(records: readonly RecordRef[]) {
  return records.map((r) => ({ collection: r.collection, id: r.id }));
}

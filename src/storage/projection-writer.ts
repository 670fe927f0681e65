import { toFieldErrors } from '../domain/field-errors';
import { activityEntrySchema } from '../domain/activity';
import { workspaceSettingsDraftSchema, workspaceSettingsSchema } from '../domain/workspace-settings';
import { collectionNames, type CollectionName } from '../workspace/layout';
import { collectionSchemas } from '../workspace/collection-schemas';
import type { MetaRow, ReadDb, ProblemRow } from './read-db';
import { toRow } from './row-mappers';
import type { EntryRead } from '../workspace/record-entry';
import { isRecordKey, recordKeyLabel } from '../domain/record-key';
import { previewValue } from '../domain/value-bounds';
import { ErrorCode } from '../domain/error-codes';
import { currentListSeq, isListCollection, journalBatch } from './list-journal';

export const SV_KEY = 'projectedStateVector';
export const VERSION_KEY = 'projectionVersion';
/** Bump when rows gain or change derived fields (sort keys, flags): the tables are rebuilt on open. */
export const PROJECTION_VERSION = 3;

/**
 * What the projection tells in-memory views (the list and search worker) about each batch, in
 * the order of the batches.
 */
export type ProjectedChange =
  /**
   * A batch's validated rows, sent before they are written: the list shows them without waiting
   * for IndexedDB (after a teammate's whole workspace arrives, that wait is most of the join).
   * The document already holds them, and `batch` names the 'written' that follows.
   */
  | { kind: 'rows'; collection: CollectionName; rows: object[]; gone: string[]; batch: number }
  /**
   * The batch is in the tables, or `failed`. `seq`: its number in the list journal, for the
   * collections the list is built from (the list saves its state with the number it matches).
   */
  | { kind: 'written'; batch: number; seq?: number; failed?: true }
  | { kind: 'reset' };

/** The document state the tables now match; written last, so the tables are "current" only once all of it is in. */
export interface MetaUpdate {
  sv: Uint8Array;
  /** The settings map, when it changed: its values within bounds, and the keys refused (workspace/record-entry.ts). */
  settings?: { values: Record<string, unknown>; refused: { key: string; read: Extract<EntryRead, { refused: unknown }> }[] };
}

/**
 * Plain data read from the document, for the writer: it holds no Yjs types and every value is
 * within bounds (workspace/record-entry.ts), so it can cross to the projection worker. `null`
 * stands for a record that is no longer in the document; a refused entry carries its reasons.
 */
export type ProjectionBatch =
  | { kind: 'records'; collection: CollectionName; entries: [string, EntryRead | null][] }
  /** `replace`: the table's entries go first (the log lost entries; this is all of it). */
  | { kind: 'activity'; entries: EntryRead[]; replace?: boolean }
  | { kind: 'meta'; meta: MetaUpdate }
  | { kind: 'reset' };

/** A batch validated and turned into rows, ready to be written. */
export type PreparedBatch =
  | { kind: 'records'; collection: CollectionName; ids: string[]; rows: object[]; gone: string[]; problems: ProblemRow[] }
  | { kind: 'activity'; rows: object[]; problems: ProblemRow[]; replace?: boolean }
  | { kind: 'meta'; meta: MetaUpdate }
  | { kind: 'reset' }
  /** Validation itself threw: the batch fails in its turn, like one that could not be written. */
  | { kind: 'failed'; error: unknown };

/**
 * The part of the projection that needs no document: validates what was read with the same
 * schemas as local input, derives the rows' index keys and writes each batch in one
 * transaction. A record that fails validation leaves the read table for "data problems". It
 * runs in the projection worker, so the page's thread never pays for validation or for
 * IndexedDB's copies of the rows.
 */
export class ProjectionWriter {
  /**
   * A batch failed since the last reset: the tables may lack something, so they are never again
   * marked as matching the document, and the next start rebuilds them.
   */
  #incomplete = false;

  constructor(private readonly db: ReadDb) {}

  /** Validates the batch; nothing is written yet. */
  prepare(batch: ProjectionBatch): PreparedBatch {
    try {
      switch (batch.kind) {
        case 'records':
          return this.#validateRecords(batch.collection, batch.entries);
        case 'activity':
          return { ...this.#validateActivity(batch.entries), ...(batch.replace ? { replace: true } : {}) };
        default:
          return batch;
      }
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  /** Commits a prepared batch; resolves with its number in the list journal, if it has one. */
  async write(batch: PreparedBatch): Promise<number | undefined> {
    try {
      switch (batch.kind) {
        case 'records':
          return await this.#records(batch);
        case 'activity':
          await this.db.transaction('rw', this.db.activity, this.db.problems, async () => {
            if (batch.replace) {
              await this.db.activity.clear();
              await this.db.problems.where('collection').equals('activity').delete();
            }
            await this.db.activity.bulkPut(batch.rows as never[]);
            if (batch.problems.length) await this.db.problems.bulkPut(batch.problems);
          });
          return undefined;
        case 'meta':
          if (!this.#incomplete) await this.db.transaction('rw', this.db.meta, this.db.problems, () => this.#writeMeta(batch.meta));
          return undefined;
        case 'reset':
          await this.#reset();
          this.#incomplete = false;
          return 0;
        case 'failed':
          throw batch.error instanceof Error ? batch.error : new Error(String(batch.error));
      }
    } catch (error) {
      this.#incomplete = true;
      throw error;
    }
  }

  async #writeMeta(meta: MetaUpdate) {
    const rows: MetaRow[] = [
      { key: SV_KEY, value: meta.sv },
      { key: VERSION_KEY, value: PROJECTION_VERSION },
    ];
    if (meta.settings !== undefined) {
      await this.db.problems.where('collection').equals('settings').delete();
      // No settings at all: nothing has come from the team yet (a device that just joined), and
      // no row says so to the pages, instead of defaults that look like a workspace.
      if (Object.keys(meta.settings.values).length === 0 && meta.settings.refused.length === 0) await this.db.meta.delete('settings');
      else {
        const { value, problems } = validSettings(meta.settings);
        rows.push({ key: 'settings', value });
        if (problems.length) await this.db.problems.bulkPut(problems);
      }
    }
    await this.db.meta.bulkPut(rows);
  }

  #validateRecords(name: CollectionName, entries: [string, EntryRead | null][]): PreparedBatch {
    const rows: object[] = [];
    const gone: string[] = [];
    const problems: ProblemRow[] = [];
    const problem = (id: string, errors: ProblemRow['errors'], raw: string) => {
      // A key that is not an id never had a row: it is only reported.
      if (isRecordKey(id)) gone.push(id);
      problems.push({ key: problemKey(name, id), collection: name, recordId: recordKeyLabel(id), errors, raw, at: Date.now() });
    };
    for (const [id, read] of entries) {
      if (!read) {
        if (isRecordKey(id)) gone.push(id);
      } else if ('refused' in read) {
        problem(id, read.refused, read.preview);
      } else {
        // One record that throws (a schema or row mapper meeting a shape nobody planned for) is
        // a problem of its own; it never fails the batch and leaves the tables incomplete.
        try {
          const parsed = collectionSchemas[name].safeParse(read.record);
          if (parsed.success && parsed.data.id === id && isRecordKey(id)) rows.push(toRow[name](parsed.data as never));
          else problem(id, parsed.success ? { id: ErrorCode.invalid } : toFieldErrors(parsed.error), previewValue(read.record));
        } catch {
          problem(id, { '': ErrorCode.invalid }, previewValue(read.record));
        }
      }
    }
    return { kind: 'records', collection: name, ids: entries.map(([id]) => id), rows, gone, problems };
  }

  async #records({ collection: name, ids, rows, gone, problems }: Extract<PreparedBatch, { kind: 'records' }>): Promise<number | undefined> {
    const table = this.db.table(name);
    const list = isListCollection(name);
    const tables = [table, this.db.problems, ...(list ? [this.db.meta, this.db.listJournal] : [])];
    const changed = rows.length > 0 || gone.length > 0;
    return this.db.transaction('rw', tables, async () => {
      // Issued together: each awaited request would cost a round trip to IndexedDB, and a
      // teammate's single edit waits for all of them before it can reach the screen.
      const current = list && changed ? currentListSeq(this.db) : undefined;
      const [existingKeys] = await Promise.all([
        // Problems are rare: clear only those that exist instead of deleting a key per projected record.
        this.db.problems.where('collection').equals(name).primaryKeys(),
        rows.length ? table.bulkPut(rows) : null,
        gone.length ? table.bulkDelete(gone) : null,
        current,
      ]);
      const existing = new Set(existingKeys);
      const stillBad = new Set(problems.map((p) => p.key));
      const fixed = existing.size ? ids.map((id) => problemKey(name, id)).filter((key) => existing.has(key) && !stillBad.has(key)) : [];
      const [seq] = await Promise.all([
        // A key that is not an id has no row for the list to look up.
        current ? journalBatch(this.db, name, ids.filter(isRecordKey), current) : undefined,
        fixed.length ? this.db.problems.bulkDelete(fixed) : null,
        problems.length ? this.db.problems.bulkPut(problems) : null,
      ]);
      return seq;
    });
  }

  /** Activity entries; one that is refused or fails validation is listed under data problems. */
  #validateActivity(entries: EntryRead[]): PreparedBatch {
    const rows: object[] = [];
    const problems: ProblemRow[] = [];
    entries.forEach((entry) => {
      const value = 'record' in entry ? entry.record : undefined;
      const rawId = (value as { id?: unknown } | null | undefined)?.id;
      // An entry without an id is named by what it holds: the same key in every batch and rebuild.
      const id = recordKeyLabel(typeof rawId === 'string' ? rawId : 'refused' in entry ? (entry.id ?? entry.preview) : previewValue(value));
      const problem = (errors: ProblemRow['errors'], raw: string) => problems.push({ key: `activity/${id}`, collection: 'activity', recordId: id, errors, raw, at: Date.now() });
      if ('refused' in entry) return void problem(entry.refused, entry.preview);
      try {
        const parsed = activityEntrySchema.safeParse(value);
        if (parsed.success) rows.push(parsed.data);
        else problem(toFieldErrors(parsed.error), previewValue(value));
      } catch {
        problem({ '': ErrorCode.invalid }, previewValue(value));
      }
    });
    return { kind: 'activity', rows, problems };
  }

  /** Empties every derived table, before a rebuild from the document. */
  async #reset() {
    const derived = [...collectionNames.map((n) => this.db.table(n)), this.db.activity, this.db.listJournal, this.db.listSnapshot];
    await this.db.transaction('rw', [...derived, this.db.problems, this.db.meta], async () => {
      for (const table of derived) await table.clear();
      await this.db.problems.where('collection').anyOf([...collectionNames, 'activity', 'settings']).delete();
      await this.db.meta.clear();
    });
  }
}

/** Problems of a record are keyed by collection and id; a key that is not an id by a bounded label of it. */
function problemKey(name: CollectionName, id: string): string {
  return `${name}/${recordKeyLabel(id)}`;
}

/**
 * The workspace settings from what the document holds: a value refused by its bounds, or one
 * the schema would replace by its default, is reported; the others are kept. The settings are
 * written whatever their state: a bad value never holds back "the tables match the document".
 */
function validSettings(settings: NonNullable<MetaUpdate['settings']>): { value: unknown; problems: ProblemRow[] } {
  const at = Date.now();
  const problems: ProblemRow[] = settings.refused.map(({ key, read }) => ({
    key: `settings/${recordKeyLabel(key)}`,
    collection: 'settings',
    recordId: recordKeyLabel(key),
    errors: read.refused,
    raw: read.preview,
    at,
  }));
  const values = { ...settings.values };
  for (const [key, schema] of Object.entries(workspaceSettingsDraftSchema.shape)) {
    if (values[key] === undefined) continue;
    const parsed = schema.safeParse(values[key]);
    if (parsed.success) continue;
    problems.push({ key: `settings/${key}`, collection: 'settings', recordId: key, errors: toFieldErrors(parsed.error), raw: previewValue(values[key]), at });
    delete values[key];
  }
  return { value: workspaceSettingsSchema.parse(values), problems };
}

/**
 * Validates each batch as soon as it is given and hands its rows to `deliver` at once; commits
 * the batches with `writer` one at a time, in the order given (a later edit never lands under an
 * earlier one), and tells `deliver` when each is written. A failed batch fails only its own
 * promise; the next one still runs. After a reset, rows wait for it to be written: the list
 * clears itself on 'reset', which must not come after rows it should keep.
 */
export function inOrder(writer: ProjectionWriter, deliver: (change: ProjectedChange) => void): (batch: ProjectionBatch) => Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  /** Settles once the last reset given is written (or failed). */
  let afterReset: Promise<unknown> | null = null;
  let next = 1;
  return (batch) => {
    const prepared = writer.prepare(batch);
    const id = next++;
    if (prepared.kind === 'records' && (prepared.rows.length > 0 || prepared.gone.length > 0)) {
      const rows: ProjectedChange = { kind: 'rows', collection: prepared.collection, rows: prepared.rows, gone: prepared.gone, batch: id };
      if (afterReset) void afterReset.then(() => deliver(rows));
      else deliver(rows);
    }
    const run = chain.then(async () => {
      try {
        const seq = await writer.write(prepared);
        if (prepared.kind === 'reset') deliver({ kind: 'reset' });
        else if (prepared.kind === 'records') deliver(seq === undefined ? { kind: 'written', batch: id } : { kind: 'written', batch: id, seq });
      } catch (error) {
        if (prepared.kind === 'records') deliver({ kind: 'written', batch: id, failed: true });
        throw error;
      }
    });
    chain = run.catch(() => {});
    if (prepared.kind === 'reset') {
      const settled = chain;
      afterReset = settled;
      void settled.then(() => {
        if (afterReset === settled) afterReset = null;
      });
    }
    return run;
  };
}

import { toFieldErrors } from '../domain/field-errors';
import { activityEntrySchema } from '../domain/activity';
import { workspaceSettingsSchema } from '../domain/workspace-settings';
import { collectionNames, type CollectionName } from '../workspace/layout';
import { collectionSchemas } from '../workspace/collection-schemas';
import type { MetaRow, ReadDb, ProblemRow } from './read-db';
import { toRow } from './row-mappers';
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
  /** The settings map as plain JSON, when it changed. */
  settings?: unknown;
}

/**
 * Plain data read from the document, for the writer: it holds no Yjs types, so it can cross to
 * the projection worker. `null` stands for a record that is no longer in the document.
 */
export type ProjectionBatch =
  | { kind: 'records'; collection: CollectionName; entries: [string, Record<string, unknown> | null][] }
  | { kind: 'activity'; entries: unknown[] }
  | { kind: 'meta'; meta: MetaUpdate }
  | { kind: 'reset' };

/** A batch validated and turned into rows, ready to be written. */
export type PreparedBatch =
  | { kind: 'records'; collection: CollectionName; ids: string[]; rows: object[]; gone: string[]; problems: ProblemRow[] }
  | { kind: 'activity'; rows: object[]; problems: ProblemRow[] }
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
          return this.#validateActivity(batch.entries);
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
            await this.db.activity.bulkPut(batch.rows as never[]);
            if (batch.problems.length) await this.db.problems.bulkPut(batch.problems);
          });
          return undefined;
        case 'meta':
          if (!this.#incomplete) await this.db.transaction('rw', this.db.meta, () => this.#writeMeta(batch.meta));
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
    if (meta.settings !== undefined) rows.push({ key: 'settings', value: workspaceSettingsSchema.parse(meta.settings) });
    await this.db.meta.bulkPut(rows);
  }

  #validateRecords(name: CollectionName, entries: [string, Record<string, unknown> | null][]): PreparedBatch {
    const rows: object[] = [];
    const gone: string[] = [];
    const problems: ProblemRow[] = [];
    for (const [id, record] of entries) {
      if (!record) {
        gone.push(id);
        continue;
      }
      const parsed = collectionSchemas[name].safeParse(record);
      if (parsed.success && parsed.data.id === id) {
        rows.push(toRow[name](parsed.data as never));
      } else {
        gone.push(id);
        const errors = parsed.success ? { id: 'errors.invalid' } : toFieldErrors(parsed.error);
        problems.push({ key: `${name}/${id}`, collection: name, recordId: id, errors, raw: JSON.stringify(record).slice(0, 2000), at: Date.now() });
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
      const fixed = existing.size ? ids.map((id) => `${name}/${id}`).filter((key) => existing.has(key) && !stillBad.has(key)) : [];
      const [seq] = await Promise.all([
        current ? journalBatch(this.db, name, ids, current) : undefined,
        fixed.length ? this.db.problems.bulkDelete(fixed) : null,
        problems.length ? this.db.problems.bulkPut(problems) : null,
      ]);
      return seq;
    });
  }

  /** Activity entries; one that fails validation is listed under data problems. */
  #validateActivity(entries: unknown[]): PreparedBatch {
    const rows: object[] = [];
    const problems: ProblemRow[] = [];
    entries.forEach((entry, i) => {
      const parsed = activityEntrySchema.safeParse(entry);
      if (parsed.success) rows.push(parsed.data);
      else {
        const id = String((entry as { id?: unknown } | null)?.id ?? i);
        problems.push({ key: `activity/${id}`, collection: 'activity', recordId: id, errors: toFieldErrors(parsed.error), raw: JSON.stringify(entry).slice(0, 2000), at: Date.now() });
      }
    });
    return { kind: 'activity', rows, problems };
  }

  /** Empties every derived table, before a rebuild from the document. */
  async #reset() {
    const derived = [...collectionNames.map((n) => this.db.table(n)), this.db.activity, this.db.listJournal, this.db.listSnapshot];
    await this.db.transaction('rw', [...derived, this.db.problems, this.db.meta], async () => {
      for (const table of derived) await table.clear();
      await this.db.problems.where('collection').anyOf([...collectionNames, 'activity']).delete();
      await this.db.meta.clear();
    });
  }
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

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

/** What one projected batch changed, for in-memory views (the list and search worker). */
export type ProjectedChange =
  /** `seq`: the batch's number in the list journal, for the collections the list is built from. */
  | { kind: 'rows'; collection: CollectionName; rows: object[]; gone: string[]; seq?: number }
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

  /** Commits the batch; returns what the list needs to know of it. */
  async write(batch: ProjectionBatch): Promise<ProjectedChange | null> {
    try {
      switch (batch.kind) {
        case 'records':
          return await this.#records(batch.collection, batch.entries);
        case 'activity':
          await this.#activity(batch.entries);
          return null;
        case 'meta':
          if (!this.#incomplete) await this.db.transaction('rw', this.db.meta, () => this.#writeMeta(batch.meta));
          return null;
        case 'reset':
          await this.#reset();
          this.#incomplete = false;
          return { kind: 'reset' };
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

  async #records(name: CollectionName, entries: [string, Record<string, unknown> | null][]): Promise<ProjectedChange> {
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
    const table = this.db.table(name);
    const list = isListCollection(name);
    const tables = [table, this.db.problems, ...(list ? [this.db.meta, this.db.listJournal] : [])];
    const changed = rows.length > 0 || gone.length > 0;
    const seq = await this.db.transaction('rw', tables, async () => {
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
      const fixed = existing.size ? entries.map(([id]) => `${name}/${id}`).filter((key) => existing.has(key) && !stillBad.has(key)) : [];
      const [seq] = await Promise.all([
        current ? journalBatch(this.db, name, entries.map(([id]) => id), current) : undefined,
        fixed.length ? this.db.problems.bulkDelete(fixed) : null,
        problems.length ? this.db.problems.bulkPut(problems) : null,
      ]);
      return seq;
    });
    return seq === undefined ? { kind: 'rows', collection: name, rows, gone } : { kind: 'rows', collection: name, rows, gone, seq };
  }

  /** Activity entries; one that fails validation is listed under data problems. */
  async #activity(entries: unknown[]) {
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
    await this.db.transaction('rw', this.db.activity, this.db.problems, async () => {
      await this.db.activity.bulkPut(rows as never[]);
      if (problems.length) await this.db.problems.bulkPut(problems);
    });
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
 * Commits batches with `writer` one at a time, in the order given (a later edit never lands under
 * an earlier one), and hands each committed change to `deliver`. A failed batch fails only its
 * own promise; the next one still runs.
 */
export function inOrder(writer: ProjectionWriter, deliver: (change: ProjectedChange) => void): (batch: ProjectionBatch) => Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  return (batch) => {
    const run = chain.then(async () => {
      const change = await writer.write(batch);
      if (change) deliver(change);
    });
    chain = run.catch(() => {});
    return run;
  };
}

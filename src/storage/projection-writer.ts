import { collectionNames } from '../workspace/layout';
import type { MetaRow, ReadDb } from './read-db';
import { isRecordKey } from '../domain/record-key';
import { currentListSeq, isListCollection, journalBatch } from './list-journal';
import type { MetaUpdate, PreparedBatch, ProjectedChange, ProjectionBatch } from './projection-batches';
import { prepareBatch, problemKey, validSettings } from './projection-validation';

export const SV_KEY = 'projectedStateVector';
export const VERSION_KEY = 'projectionVersion';
/** Bump when rows gain or change derived fields (sort keys, flags): the tables are rebuilt on open. 4: cityKey is textSortKey. */
export const PROJECTION_VERSION = 4;

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

  /** Validates the batch (projection-validation.ts); nothing is written yet. */
  prepare(batch: ProjectionBatch): PreparedBatch {
    return prepareBatch(batch);
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

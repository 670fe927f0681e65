import { liveQuery } from 'dexie';
import type { ConflictRow, LogDb } from './log-db';
import type { Subscribable } from './subscribable';

/**
 * A note of the conflict notice: a merged same-field sync edit, or (`source: 'form'`) a leaf that
 * changed while an edit form was open and was merged into its save. `path` names the leaf inside
 * the field (an address's `city`); `subjectId` the record that changed when the note is shown on
 * another record's page (an order's change on its customer's page).
 */
export interface ConflictNote extends ConflictRow {
  source?: 'form';
  /** For a form's note: whether the save kept the form's value ('mine') or the change made meanwhile. */
  formKept?: 'theirs' | 'mine';
  path?: string[];
  subjectId?: string;
}

export type NewConflict = Omit<ConflictNote, 'id' | 'dismissed' | 'at'>;

const sameNote = (a: NewConflict, b: ConflictNote) =>
  a.field === b.field && a.tag === b.tag && a.customId === b.customId && a.collection === b.collection && a.subjectId === b.subjectId && (a.path ?? []).join('.') === (b.path ?? []).join('.');

/** Merged same-field edits of this workspace, as this device saw them arrive. */
export class ConflictStore {
  constructor(private readonly db: LogDb) {}

  /** One open notice per field of a record: a newer merge of the same field replaces the older one. */
  async add(conflict: NewConflict): Promise<void> {
    await this.db.transaction('rw', this.db.conflicts, async () => {
      const same = await this.db.conflicts
        .where('[recordId+dismissed]')
        .equals([conflict.recordId, 0])
        .filter((c) => sameNote(conflict, c))
        .primaryKeys();
      await this.db.conflicts.bulkDelete(same);
      await this.db.conflicts.add({ ...conflict, at: new Date().toISOString(), dismissed: 0 });
    });
  }

  forRecord(recordId: string): Subscribable<ConflictNote[]> {
    return liveQuery(() => this.db.conflicts.where('[recordId+dismissed]').equals([recordId, 0]).toArray());
  }

  async dismiss(id: number): Promise<void> {
    await this.db.conflicts.update(id, { dismissed: 1 });
  }
}

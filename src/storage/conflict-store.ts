import { liveQuery } from 'dexie';
import type { ConflictRow, LogDb } from './log-db';
import type { Subscribable } from './queries';

export type NewConflict = Omit<ConflictRow, 'id' | 'dismissed' | 'at'>;

/** Merged same-field edits of this workspace, as this device saw them arrive. */
export class ConflictStore {
  constructor(private readonly db: LogDb) {}

  /** One open notice per field of a record: a newer merge of the same field replaces the older one. */
  async add(conflict: NewConflict): Promise<void> {
    await this.db.transaction('rw', this.db.conflicts, async () => {
      const same = await this.db.conflicts
        .where('[recordId+dismissed]')
        .equals([conflict.recordId, 0])
        .filter((c) => c.field === conflict.field && c.tag === conflict.tag && c.customId === conflict.customId)
        .primaryKeys();
      await this.db.conflicts.bulkDelete(same);
      await this.db.conflicts.add({ ...conflict, at: new Date().toISOString(), dismissed: 0 });
    });
  }

  forRecord(recordId: string): Subscribable<ConflictRow[]> {
    return liveQuery(() => this.db.conflicts.where('[recordId+dismissed]').equals([recordId, 0]).toArray());
  }

  async dismiss(id: number): Promise<void> {
    await this.db.conflicts.update(id, { dismissed: 1 });
  }
}

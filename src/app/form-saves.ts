import type { ConflictStore } from '../storage/conflict-store';
import type { CollectionName } from '../workspace/layout';
import { saveFormEdit, type FormEditResult } from '../workspace/form-edit';
import { patchRecord } from '../workspace/record-commands';
import type { Workspace } from '../workspace/workspace';

/** How a session commits: the command runs as one transaction, durable when this resolves. */
type Commit = <T>(command: () => T) => Promise<T>;

/**
 * The save of every form that edits an existing record (customers, contacts, orders, tasks...):
 * a merge against the record as it is now (src/workspace/form-edit.ts), then a note, in the
 * conflict notice that sync uses, of each field that changed while the form was open.
 */
export class FormSaves {
  constructor(
    private readonly ws: Workspace,
    private readonly commit: Commit,
    private readonly conflicts: ConflictStore,
  ) {}

  /**
   * `base`: the form's fields as it opened, parsed like `edited`; null when they no longer parse
   * (then the fields that differ from the record are written, as before forms had a base).
   * `shownOn`: the record whose page shows the notes (a customer's, for an order of theirs).
   */
  async save(name: CollectionName, id: string, base: object | null, edited: object, shownOn: string = id): Promise<string[]> {
    const result = await this.commit(
      (): FormEditResult =>
        base
          ? saveFormEdit(this.ws, name, id, base as Record<string, unknown>, edited as Record<string, unknown>)
          : { changed: patchRecord(this.ws, name, id, edited), notes: [], lastEditor: null },
    );
    const me = this.ws.memberId;
    // The edit is saved by now; a note that cannot be stored must not make it look failed.
    for (const note of result.notes) {
      const mineKept = note.kept === 'mine';
      await this.conflicts
        .add({
          source: 'form',
          formKept: note.kept,
          collection: name,
          recordId: shownOn,
          ...(shownOn !== id ? { subjectId: id } : {}),
          field: note.field,
          path: note.path,
          ...(note.customId !== undefined ? { customId: note.customId } : {}),
          keptValue: note.keptValue,
          otherValue: note.otherValue,
          keptBy: mineKept ? me : result.lastEditor,
          otherBy: mineKept ? result.lastEditor : me,
        })
        .catch((error: unknown) => console.error('form note:', error));
    }
    return result.changed;
  }
}

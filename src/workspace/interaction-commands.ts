import { parseWith, type ParseResult } from '../domain/field-errors';
import { newId } from '../domain/ids';
import { ErrorCode } from '../domain/error-codes';
import { interactionDraftSchema, type InteractionDraft } from '../domain/interaction';
import { taskFromNextStep } from '../domain/task';
import { formError, liveRecord, parsedBase, removable, saveEdit, type CommandContext } from './command-context';
import { insertRecord, readRecordById } from './record-commands';

/** Logged calls, visits, messages and meetings with a customer. */
export class InteractionCommands {
  readonly remove;
  readonly restore;

  constructor(private readonly ctx: CommandContext) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'interactions'));
  }

  /** The interaction schema; the picked contact must be one of the customer's. */
  #schema(customerId: unknown, draft: InteractionDraft) {
    // Only the picked contact is looked up: a customer's contacts are not scanned for.
    const picked = draft.contactId ? readRecordById(this.ctx.ws, 'contacts', draft.contactId) : undefined;
    const contactIds = picked && picked.customerId === customerId && !picked.deletedAt ? [draft.contactId] : [];
    return interactionDraftSchema({ now: this.ctx.clock(), contactIds });
  }

  /** A follow-up with a next step also creates the task for it, in the same transaction. */
  async log(customerId: string, draft: InteractionDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(this.#schema(customerId, draft), draft);
    if (!parsed.ok) return parsed;
    const { ws } = this.ctx;
    const id = newId();
    await this.ctx.commit(() =>
      ws.transact(() => {
        insertRecord(ws, 'interactions', { ...parsed.value, customerId }, id);
        const task = taskFromNextStep({ ...parsed.value, customerId, id });
        if (task) insertRecord(ws, 'tasks', task);
      }),
    );
    return { ok: true, value: id };
  }

  /** Corrects a logged interaction; a next step added here does not create another task. */
  async update(id: string, draft: InteractionDraft, original?: InteractionDraft): Promise<ParseResult<string>> {
    const record = liveRecord(this.ctx, 'interactions', id);
    if (!record) return formError(ErrorCode.invalid);
    const parsed = parseWith(this.#schema(record.customerId, draft), draft);
    if (!parsed.ok) return parsed;
    const base = original ? parsedBase(this.#schema(record.customerId, original), original) : null;
    return saveEdit(this.ctx, 'interactions', id, parsed.value, base);
  }
}

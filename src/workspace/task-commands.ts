import { parseWith, type ParseResult } from '../domain/field-errors';
import { taskDonePatch, taskDraftSchema, type TaskDraft } from '../domain/task';
import { parsedBase, removable, saveEdit, type CommandContext } from './command-context';
import { insertRecord, patchRecord } from './record-commands';

/** Tasks and reminders, with or without a customer. */
export class TaskCommands {
  readonly remove;
  readonly restore;

  constructor(private readonly ctx: CommandContext) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'tasks'));
  }

  /** Adds a task, or with `id` edits it. */
  async save(draft: TaskDraft, id?: string, original?: TaskDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(taskDraftSchema, draft);
    if (!parsed.ok) return parsed;
    if (id) return saveEdit(this.ctx, 'tasks', id, parsed.value, parsedBase(taskDraftSchema, original));
    const fields = { ...parsed.value, interactionId: null, done: false, doneAt: null, doneBy: null };
    return { ok: true, value: await this.ctx.commit(() => insertRecord(this.ctx.ws, 'tasks', fields)) };
  }

  setDone(id: string, done: boolean) {
    const { ws } = this.ctx;
    return this.ctx.commit(() => patchRecord(ws, 'tasks', id, taskDonePatch(done, { by: ws.memberId, at: ws.now() })));
  }
}

import { parseWith, type ParseResult } from '../domain/field-errors';
import { ErrorCode } from '../domain/error-codes';
import { complaintDraftSchema, complaintEditable, complaintMachine, type ComplaintDraft, type ComplaintStatus } from '../domain/complaint';
import { formError, liveRecord, parsedBase, removable, saveEdit, todayOf, type CommandContext } from './command-context';
import type { SlaDays } from '../domain/crm-settings';
import { insertRecord } from './record-commands';
import { takeStatusStep } from './status-step-command';

/** Complaints: opened with a due date from the SLA, moved through steps until closed. */
export class ComplaintCommands {
  readonly remove;
  readonly restore;

  constructor(
    private readonly ctx: CommandContext,
    /** The workspace's complaint SLA in days, as the settings say now. */
    private readonly slaDays: () => SlaDays,
  ) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'complaints'));
  }

  #schema() {
    return complaintDraftSchema({ today: todayOf(this.ctx), sla: this.slaDays() });
  }

  async open(customerId: string, draft: ComplaintDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(this.#schema(), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.ctx.commit(() => insertRecord(this.ctx.ws, 'complaints', { ...parsed.value, customerId })) };
  }

  /** Title, description, severity, category, assignee and due date; never the status (steps only). */
  async update(id: string, draft: ComplaintDraft, original?: ComplaintDraft): Promise<ParseResult<string>> {
    if (!liveRecord(this.ctx, 'complaints', id)) return formError(ErrorCode.invalid);
    const schema = this.#schema();
    const parsed = parseWith(schema, draft);
    if (!parsed.ok) return parsed;
    const base = parsedBase(schema, original);
    return saveEdit(this.ctx, 'complaints', id, complaintEditable(parsed.value), base && complaintEditable(base));
  }

  /** In progress, resolved (with the resolution as note), closed, or reopened: the history keeps every step. */
  step(id: string, to: ComplaintStatus, note = ''): Promise<ParseResult<string>> {
    return takeStatusStep(this.ctx, 'complaints', complaintMachine, id, to, note);
  }
}

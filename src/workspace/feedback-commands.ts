import { parseWith, type ParseResult } from '../domain/field-errors';
import { ErrorCode } from '../domain/error-codes';
import { feedbackDraftSchema, type FeedbackDraft } from '../domain/feedback';
import { formError, liveRecord, parsedBase, removable, saveEdit, todayOf, type CommandContext } from './command-context';
import { insertRecord } from './record-commands';

/** Feedback and NPS scores a customer gave. */
export class FeedbackCommands {
  readonly remove;
  readonly restore;

  constructor(private readonly ctx: CommandContext) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'feedback'));
  }

  async add(customerId: string, draft: FeedbackDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(feedbackDraftSchema({ today: todayOf(this.ctx) }), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.ctx.commit(() => insertRecord(this.ctx.ws, 'feedback', { ...parsed.value, customerId })) };
  }

  async update(id: string, draft: FeedbackDraft, original?: FeedbackDraft): Promise<ParseResult<string>> {
    if (!liveRecord(this.ctx, 'feedback', id)) return formError(ErrorCode.invalid);
    const schema = feedbackDraftSchema({ today: todayOf(this.ctx) });
    const parsed = parseWith(schema, draft);
    if (!parsed.ok) return parsed;
    return saveEdit(this.ctx, 'feedback', id, parsed.value, parsedBase(schema, original));
  }
}

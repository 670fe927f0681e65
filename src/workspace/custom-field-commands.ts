import { parseWith, type ParseResult } from '../domain/field-errors';
import { customFieldDefFieldsSchema } from '../domain/custom-field';
import { ErrorCode } from '../domain/error-codes';
import { createCustomField, deleteCustomField, updateCustomField } from './settings-commands';
import { formError, liveRecord, type CommandContext } from './command-context';

type CustomFieldDraft = { label: string; type: string; options: string[] };

/** The workspace's own customer fields (text, number, date, choice). */
export class CustomFieldCommands {
  constructor(private readonly ctx: CommandContext) {}

  async create(draft: CustomFieldDraft): Promise<ParseResult<string>> {
    await this.ctx.loaded();
    const parsed = parseWith(customFieldDefFieldsSchema, draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.ctx.commit(() => createCustomField(this.ctx.ws, parsed.value)) };
  }

  /**
   * The label and the choices may change; the type may not, since the values customers already
   * hold were checked against it (a number field's 1500 is no date). A choice taken away stays
   * on the customers who have it: nothing is erased by editing a definition.
   */
  async update(id: string, draft: CustomFieldDraft): Promise<ParseResult<string>> {
    await this.ctx.loaded();
    const current = liveRecord(this.ctx, 'customFields', id);
    if (!current) return formError(ErrorCode.invalid);
    if (draft.type !== current.type) return { ok: false, errors: { type: ErrorCode.customFieldTypeFixed } };
    const parsed = parseWith(customFieldDefFieldsSchema, draft);
    if (!parsed.ok) return parsed;
    const { label, options } = parsed.value;
    await this.ctx.commit(() => updateCustomField(this.ctx.ws, id, { label, options }));
    return { ok: true, value: id };
  }

  remove(id: string) {
    return this.ctx.commit(() => deleteCustomField(this.ctx.ws, id));
  }
}

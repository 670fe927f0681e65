import { parseWith, type ParseResult } from '../domain/field-errors';
import { customFieldDefFieldsSchema } from '../domain/custom-field';
import { createCustomField, deleteCustomField } from './settings-commands';
import type { CommandContext } from './command-context';

/** The workspace's own customer fields (text, number, date, choice). */
export class CustomFieldCommands {
  constructor(private readonly ctx: CommandContext) {}

  async create(draft: { label: string; type: string; options: string[] }): Promise<ParseResult<string>> {
    await this.ctx.loaded();
    const parsed = parseWith(customFieldDefFieldsSchema, draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.ctx.commit(() => createCustomField(this.ctx.ws, parsed.value)) };
  }

  remove(id: string) {
    return this.ctx.commit(() => deleteCustomField(this.ctx.ws, id));
  }
}

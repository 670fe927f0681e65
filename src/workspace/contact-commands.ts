import { contactDraftSchema, type ContactDraft, type ContactFields } from '../domain/contact';
import { parseWith, type ParseResult } from '../domain/field-errors';
import type { WorkspaceSettings } from '../domain/workspace-settings';
import { insertRecord, patchRecord, readRecordById, restoreRecord, softDeleteRecord } from './record-commands';
import { removable, type CommandContext } from './command-context';
import type { Workspace } from './workspace';

export function createContact(ws: Workspace, fields: ContactFields): string {
  return insertRecord(ws, 'contacts', fields);
}

export function updateContact(ws: Workspace, id: string, fields: Partial<ContactFields>): string[] {
  return patchRecord(ws, 'contacts', id, fields);
}

export function deleteContact(ws: Workspace, id: string): void {
  softDeleteRecord(ws, 'contacts', id);
}

export function restoreContact(ws: Workspace, id: string): void {
  restoreRecord(ws, 'contacts', id);
}

/** A customer's contact people (with job titles); phone numbers follow the workspace's region. */
export class ContactCommands {
  readonly remove;
  readonly restore;

  constructor(
    private readonly ctx: CommandContext,
    private readonly settings: () => WorkspaceSettings,
  ) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'contacts'));
  }

  async create(customerId: string, draft: ContactDraft): Promise<ParseResult<string>> {
    await this.ctx.loaded();
    const parsed = parseWith(contactDraftSchema(this.settings().defaultRegion), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.ctx.commit(() => createContact(this.ctx.ws, { ...parsed.value, customerId })) };
  }

  /** `original` is the draft as the form opened: the save merges what the person changed since. */
  async update(id: string, draft: ContactDraft, original: ContactDraft): Promise<ParseResult<string[]>> {
    await this.ctx.loaded();
    const schema = contactDraftSchema(this.settings().defaultRegion);
    const parsed = parseWith(schema, draft);
    if (!parsed.ok) return parsed;
    const before = parseWith(schema, original);
    const contact = readRecordById(this.ctx.ws, 'contacts', id);
    const shownOn = typeof contact?.customerId === 'string' ? contact.customerId : id;
    return { ok: true, value: await this.ctx.forms.save('contacts', id, before.ok ? before.value : null, parsed.value, shownOn) };
  }
}

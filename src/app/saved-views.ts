import { parseWith, type ParseResult } from '../domain/field-errors';
import { newId } from '../domain/ids';
import { personalViewSchema, savedViewFieldsSchema, type PersonalView, type SavedViewFields } from '../domain/saved-view';
import { insertRecord, softDeleteRecord } from '../workspace/record-commands';
import type { Workspace } from '../workspace/workspace';
import type { Commit } from '../workspace/command-context';
import type { Prefs } from './prefs';

/**
 * Saved views of the customer list: shared views go into the workspace (the team sees them),
 * personal ones stay in this device's preferences.
 */
export class SavedViews {
  constructor(
    private readonly ws: Workspace,
    private readonly commit: Commit,
    /** Read at each call: whoever opens the session sets its prefs after construction. */
    private readonly prefs: () => Prefs,
  ) {}

  get #key() {
    return `views:${this.ws.id}`;
  }

  async save(draft: SavedViewFields, shared: boolean): Promise<ParseResult<string>> {
    const parsed = parseWith(savedViewFieldsSchema, draft);
    if (!parsed.ok) return parsed;
    if (shared) return { ok: true, value: await this.commit(() => insertRecord(this.ws, 'views', parsed.value)) };
    const id = newId();
    await this.prefs().set(this.#key, [...(await this.personal()), { id, ...parsed.value }]);
    return { ok: true, value: id };
  }

  async delete(id: string, shared: boolean): Promise<void> {
    if (shared) return this.commit(() => softDeleteRecord(this.ws, 'views', id));
    await this.prefs().set(this.#key, (await this.personal()).filter((v) => v.id !== id));
  }

  /** Stored entries that no longer parse (an older or damaged value) are left out, never thrown on. */
  async personal(): Promise<PersonalView[]> {
    const stored = await this.prefs().get<unknown>(this.#key, []);
    if (!Array.isArray(stored)) return [];
    return stored.flatMap((v) => {
      const parsed = personalViewSchema.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
  }
}

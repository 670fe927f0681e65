import { parseWith, type ParseResult } from '../domain/field-errors';
import { crmSettingsDraftSchema, crmSettingsSchema, type CrmSettings } from '../domain/crm-settings';
import { settingsMap } from './layout';
import { readSettings } from './record-entry';
import type { CommandContext } from './command-context';
import { formatWatchOf } from './format-watch';

/** Currency, complaint SLAs, reminder window and how often details are checked: `settings.crm`. */
export class CrmSettingsCommands {
  constructor(private readonly ctx: CommandContext) {}

  current(): CrmSettings {
    // A value a peer wrote badly (not an object, out of bounds) counts as no settings: the defaults.
    const crm = readSettings(settingsMap(this.ctx.ws.doc)).values.crm;
    return crmSettingsSchema.parse(typeof crm === 'object' && crm !== null && !Array.isArray(crm) ? crm : {});
  }

  async update(draft: unknown): Promise<ParseResult<CrmSettings>> {
    const parsed = parseWith(crmSettingsDraftSchema, draft);
    if (!parsed.ok) return parsed;
    const next = { ...this.current(), ...parsed.value };
    await this.ctx.commit(() => {
      // A `crm` a newer Kehu wrote reads as the defaults here: saving over it would lose it.
      formatWatchOf(this.ctx.ws.doc).assertWritable('settings.crm');
      this.ctx.ws.transact(() => settingsMap(this.ctx.ws.doc).set('crm', next));
    });
    return { ok: true, value: next };
  }
}

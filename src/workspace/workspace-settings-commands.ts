import { parseWith, type ParseResult } from '../domain/field-errors';
import { workspaceSettingsDraftSchema, workspaceSettingsSchema, type WorkspaceSettings } from '../domain/workspace-settings';
import { settingsMap } from './layout';
import { readSettings } from './record-entry';
import { updateSettings } from './settings-commands';
import type { CommandContext } from './command-context';

/** The workspace's name and default region for phone numbers. */
export class WorkspaceSettingsCommands {
  constructor(private readonly ctx: CommandContext) {}

  current(): WorkspaceSettings {
    // Each value checked on its own: one a peer wrote badly falls back to its default, never throws.
    return workspaceSettingsSchema.parse(readSettings(settingsMap(this.ctx.ws.doc)).values) as WorkspaceSettings;
  }

  async update(draft: { name: string; defaultRegion: string }): Promise<ParseResult<WorkspaceSettings>> {
    await this.ctx.loaded();
    const parsed = parseWith(workspaceSettingsDraftSchema, draft);
    if (!parsed.ok) return parsed;
    await this.ctx.commit(() => updateSettings(this.ctx.ws, parsed.value));
    return parsed;
  }
}

import { crmSettingsSchema, type CrmSettings } from '../../domain/crm-settings';

/**
 * The customer-360 settings as the read tables have them: the workspace settings row keeps every
 * key of the settings map, `crm` among them, so pages read them live without waiting for the
 * document. Anything missing or badly written falls back to its default.
 */
export function crmSettingsOf(settings: unknown): CrmSettings {
  const crm = typeof settings === 'object' && settings !== null ? (settings as { crm?: unknown }).crm : undefined;
  return crmSettingsSchema.parse(crm ?? {}) as CrmSettings;
}

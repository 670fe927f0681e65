import {
  EMPTY_CONNECTIONS,
  mergeConnections,
  migrateDevicePrefs,
  parseConnectionDraft,
  readConnectionSettings,
  sameConnections,
  type ConnectionSettings,
} from '../domain/connection-settings';
import type { FieldErrors, ParseResult } from '../domain/field-errors';
import type { ConnectionSettingsCommands } from '../workspace/connection-settings-commands';
import type { Device } from './device';

type DevicePrefs = Pick<Device, 'pref' | 'setPref'>;

/** Device prefs, per workspace: this device's own relays (since before team settings existed), and the invite's settings. */
const prefKeys = (workspaceId: string) => ({
  relays: `relays:${workspaceId}`,
  /** Before issue 22: this device's STUN/TURN servers; read once, by the migration. */
  iceServers: `iceServers:${workspaceId}`,
  migrated: `connectionsMigrated:${workspaceId}`,
  invite: `inviteConnections:${workspaceId}`,
});

/** The invite's settings, kept on the device until the workspace (with the team's own) arrives. */
export async function keepInviteConnections(device: DevicePrefs, workspaceId: string, settings: ConnectionSettings | undefined): Promise<void> {
  if (settings) await device.setPref(prefKeys(workspaceId).invite, settings);
}

/**
 * Where this device's connection settings come from: the team's (in the workspace; from the
 * invite link until the workspace has arrived), this device's own relays, and the app's relay.
 */
export class ConnectionConfig {
  readonly #keys: ReturnType<typeof prefKeys>;

  constructor(
    private readonly team: ConnectionSettingsCommands,
    private readonly device: DevicePrefs,
    workspaceId: string,
    private readonly defaultRelay: string | null,
  ) {
    this.#keys = prefKeys(workspaceId);
  }

  /**
   * Once per device: the relays and STUN/TURN servers it had as its own prefs become the team's
   * when the workspace has none (domain migrateDevicePrefs). Run once the document is loaded.
   */
  async migrate(): Promise<void> {
    if (await this.device.pref<boolean>(this.#keys.migrated, false)) return;
    const result = migrateDevicePrefs({
      teamHasSettings: this.team.has(),
      deviceRelays: await this.device.pref<unknown>(this.#keys.relays, undefined),
      deviceIceServers: await this.device.pref<unknown>(this.#keys.iceServers, undefined),
      defaultRelay: this.defaultRelay,
    });
    if (result.team) {
      const saved = await this.team.update(result.team);
      if (!saved.ok) return;
    }
    if (result.deviceRelays) await this.device.setPref(this.#keys.relays, result.deviceRelays);
    await this.device.setPref(this.#keys.migrated, true);
  }

  /** The team's settings a teammate's signalling carried last (never stored: heard again at each start). */
  #heard: ConnectionSettings | null = null;

  /**
   * Settings a teammate sent in the encrypted signalling, read entry by entry (anyone holding
   * the room key could send anything). Used in place of the invite's until the workspace has
   * the team's own; settings with nothing usable in them are not used (one teammate's damaged
   * message must not take away what another's brought). `changed`: what is used changed.
   */
  hear(raw: unknown): { changed: boolean; problems: FieldErrors } {
    const { settings, problems } = readConnectionSettings(raw);
    if (settings.relays.length === 0 && settings.iceServers.length === 0) return { changed: false, problems };
    const changed = this.#heard === null || !sameConnections(this.#heard, settings);
    this.#heard = settings;
    return { changed: changed && !this.team.has(), problems };
  }

  /** The team's settings; while the workspace has none yet (a device that just joined), what a teammate said, or the invite's. */
  async teamSettings(): Promise<ConnectionSettings> {
    if (this.team.has()) return this.team.current();
    if (this.#heard) return this.#heard;
    const invite = await this.device.pref<unknown>(this.#keys.invite, undefined);
    return invite === undefined ? EMPTY_CONNECTIONS : readConnectionSettings(invite).settings;
  }

  /** This device's own relays; the app's relay until the person changes the list. */
  async deviceRelays(): Promise<string[]> {
    const stored = await this.device.pref<unknown>(this.#keys.relays, undefined);
    if (!Array.isArray(stored)) return this.defaultRelay ? [this.defaultRelay] : [];
    return readConnectionSettings({ relays: stored }).settings.relays;
  }

  /** What the device connects with. */
  async effective(): Promise<ConnectionSettings> {
    return mergeConnections(await this.teamSettings(), await this.deviceRelays(), this.defaultRelay);
  }

  saveTeam(draft: unknown): Promise<ParseResult<ConnectionSettings>> {
    return this.team.update(draft);
  }

  async saveDeviceRelays(relays: string[]): Promise<ParseResult<string[]>> {
    const parsed = parseConnectionDraft({ relays, iceServers: [] });
    if (!parsed.ok) return parsed;
    await this.device.setPref(this.#keys.relays, parsed.value.relays);
    return { ok: true, value: parsed.value.relays };
  }

  watchTeam(listener: () => void): () => void {
    return this.team.watch(listener);
  }
}

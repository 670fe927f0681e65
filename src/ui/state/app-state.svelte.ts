import { KehuApp } from '../../app/kehu-app';
import type { WorkspaceSession } from '../../app/session';
import type { WorkspaceEntry } from '../../storage/device-db';
import { WorkspaceOpenError } from '../../storage/errors';
import { i18n, t } from '../../i18n/i18n.svelte';
import { isLocale, pickLocale, type Locale } from '../../i18n/locales';
import { Device } from '../../app/device';
import { requestPersistentStorage } from '../../pwa/storage-persistence';
import type { Invite } from '../../sync/invite';
import { defaultRelayUrl } from '../../sync/relay-url';
import { probeDefaultRelay } from '../../sync/relay-probe';

type Phase =
  | { name: 'starting' }
  | { name: 'ready' }
  | { name: 'open-failed'; workspaceId: string; error: unknown }
  | { name: 'fatal'; error: unknown };

/** Which workspace is open, and whether the app could start at all. */
class AppState {
  #phase = $state.raw<Phase>({ name: 'starting' });
  #session = $state.raw<WorkspaceSession | null>(null);
  #workspaces = $state.raw<WorkspaceEntry[]>([]);
  #displayName = $state('');
  #app: KehuApp | null = null;

  get phase() {
    return this.#phase;
  }
  get session() {
    return this.#session;
  }
  get workspaces() {
    return this.#workspaces;
  }
  get displayName() {
    return this.#displayName;
  }
  get memberId() {
    return this.#app?.identity.memberId ?? '';
  }

  async start() {
    try {
      const device = new Device();
      const saved = await device.pref<string | null>('locale', null);
      i18n.locale = isLocale(saved) ? saved : pickLocale(navigator.languages);
      this.#app = await KehuApp.start(
        {
          defaultMemberPrefix: t('member.defaultPrefix'),
          // Checked once, while the workspace opens: a static host (GitHub Pages) has no relay at `signal`.
          defaultRelay: probeDefaultRelay(defaultRelayUrl(location.href)),
        },
        device,
      );
      this.#displayName = this.#app.identity.displayName;
      await this.open(this.#app.initialWorkspaceId!);
      // Asked once the workspace is open: Chrome decides silently, Firefox asks the person.
      void requestPersistentStorage();
    } catch (error) {
      console.error(error);
      this.#phase = { name: 'fatal', error };
    }
  }

  async open(id: string, options: { skipUnreadable?: boolean } = {}) {
    const app = this.#app!;
    try {
      const session = await app.openWorkspace(id, options);
      this.#session = session;
      this.#phase = { name: 'ready' };
      // The list shows while the document loads; a document that cannot be read replaces it.
      session.opened.catch((error: unknown) => {
        if (this.#session === session) this.#failed(id, error);
      });
    } catch (error) {
      this.#failed(id, error);
    }
    this.#workspaces = await app.device.workspaces();
  }

  #failed(id: string, error: unknown) {
    console.error(error);
    void this.#session?.close().catch(() => {});
    this.#session = null;
    this.#phase = error instanceof WorkspaceOpenError ? { name: 'open-failed', workspaceId: id, error } : { name: 'fatal', error };
  }

  async joinWorkspace(invite: Invite, displayName: string) {
    const result = await this.#app!.joinWorkspace(invite, displayName);
    if (!result.ok) return result;
    this.#displayName = this.#app!.identity.displayName;
    this.#session = result.value.session;
    this.#phase = { name: 'ready' };
    this.#workspaces = await this.#app!.device.workspaces();
    return { ok: true as const, alreadyHere: result.value.alreadyHere };
  }

  async createWorkspace(name: string) {
    this.#session = await this.#app!.createWorkspace(name);
    this.#workspaces = await this.#app!.device.workspaces();
  }

  async refreshWorkspaces() {
    if (this.#app) this.#workspaces = await this.#app.device.workspaces();
  }

  async setLocale(locale: Locale) {
    // Saved before the page switches: a reload right after the switch showed the old language.
    try {
      await this.#app?.device.setPref('locale', locale);
    } finally {
      i18n.locale = locale;
    }
  }

  async setDisplayName(name: string) {
    const result = await this.#app!.setDisplayName(name);
    if (result.ok) this.#displayName = result.value;
    return result;
  }

  exportUnopenableLog(id: string) {
    return this.#app!.exportUnopenableLog(id);
  }

  async resetWorkspace(id: string) {
    await this.#app!.resetWorkspace(id);
    await this.open(this.#app!.initialWorkspaceId!);
  }
}

export const appState = new AppState();

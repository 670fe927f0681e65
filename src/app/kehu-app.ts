import { Device, type Identity } from './device';
import { WorkspaceSession } from './session';
import { openWorkspaceStore, exportUnopenableLog, deleteWorkspaceStorage } from '../storage/workspace-store';
import type { WorkspaceEntry } from '../storage/device-db';
import { initialiseWorkspace, upsertMember } from '../workspace/settings-commands';
import { Workspace } from '../workspace/workspace';
import { DEFAULT_PHONE_REGION, type WorkspaceSettings } from '../domain/workspace-settings';
import { displayNameSchema } from '../domain/member';
import { parseWith } from '../domain/field-errors';

export interface StartOptions {
  /** Localised "My workspace", used only when this device holds no workspace yet. */
  defaultWorkspaceName: string;
  defaultMemberPrefix: string;
}

/**
 * Wiring of one device: opens the last used workspace (creating "My workspace" on first start,
 * without asking anything), and switches between workspaces.
 */
export class KehuApp {
  #session: WorkspaceSession | null = null;

  private constructor(
    readonly device: Device,
    public identity: Identity,
  ) {}

  static async start(options: StartOptions, device = new Device()): Promise<KehuApp> {
    const identity = await device.identity(options.defaultMemberPrefix);
    const app = new KehuApp(device, identity);
    const [last] = await device.workspaces();
    const entry = last ?? (await app.#createEntry(options.defaultWorkspaceName));
    app.#pendingWorkspaceId = entry.id;
    return app;
  }

  #pendingWorkspaceId: string | null = null;

  /** The workspace to open at start (open it with openWorkspace so a failure can be shown). */
  get initialWorkspaceId(): string | null {
    return this.#pendingWorkspaceId;
  }

  get session(): WorkspaceSession | null {
    return this.#session;
  }

  async #createEntry(name: string, settings: Partial<WorkspaceSettings> = {}): Promise<WorkspaceEntry> {
    const entry = await this.device.addWorkspace(name);
    const store = await openWorkspaceStore(entry.id);
    const ws = new Workspace(entry.id, store.doc, this.identity.memberId);
    initialiseWorkspace(ws, { name, defaultRegion: settings.defaultRegion ?? DEFAULT_PHONE_REGION });
    await store.log.flushed();
    await store.close();
    return entry;
  }

  async openWorkspace(id: string, options: { skipUnreadable?: boolean } = {}): Promise<WorkspaceSession> {
    await this.#session?.close();
    this.#session = null;
    const store = await openWorkspaceStore(id, options);
    const session = new WorkspaceSession(id, store, this.identity.memberId);
    upsertMember(session.workspace, this.identity.displayName);
    await store.log.flushed();
    await this.device.touchWorkspace(id, session.settings().name);
    this.#session = session;
    return session;
  }

  async createWorkspace(name: string): Promise<WorkspaceSession> {
    const entry = await this.#createEntry(name);
    return this.openWorkspace(entry.id);
  }

  async setDisplayName(name: string) {
    const parsed = parseWith(displayNameSchema, name);
    if (!parsed.ok) return parsed;
    await this.device.setPref('displayName', parsed.value);
    this.identity = { ...this.identity, displayName: parsed.value };
    await this.#session?.setMemberName(parsed.value);
    return parsed;
  }

  exportUnopenableLog(id: string): Promise<Blob> {
    return exportUnopenableLog(id);
  }

  /** Only after the user exported (or declined to export) the raw log of a workspace that cannot open. */
  async resetWorkspace(id: string): Promise<void> {
    await deleteWorkspaceStorage(id);
    const entry = await this.device.workspace(id);
    await this.device.removeWorkspace(id);
    const fresh = await this.#createEntry(entry?.name ?? 'Workspace');
    this.#pendingWorkspaceId = fresh.id;
  }
}

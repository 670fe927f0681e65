import { Device, type Identity } from './device';
import { WorkspaceSession } from './session';
import { openWorkspaceStore, exportUnopenableLog, deleteWorkspaceStorage } from '../storage/workspace-store';
import type { WorkspaceEntry } from '../storage/device-db';
import { initialiseWorkspace, upsertMember } from '../workspace/settings-commands';
import { Workspace } from '../workspace/workspace';
import { settingsMap } from '../workspace/layout';
import { DEFAULT_PHONE_REGION, chosenWorkspaceName, type WorkspaceSettings } from '../domain/workspace-settings';
import { displayNameSchema } from '../domain/member';
import { parseWith, type ParseResult } from '../domain/field-errors';
import { SyncService } from './sync-service';
import { secureContext } from './secure-context';
import { keepInviteConnections } from './connection-config';
import type { Invite } from '../sync/invite';
import type { ListSource } from '../lists/list-client';

/** How long loading waits for the first screen when the page shown reads nothing first. */
const FIRST_SCREEN_WAIT_MS = 800;
/**
 * How long the document waits for the list worker to read its saved state. Both read from the
 * same IndexedDB backend and use the same two cores; at 100k customers the list (and so
 * search) is ready about 0.3 s sooner when it goes first, and the document is needed only by
 * edits and sync, which are not what a person does in the first second.
 */
const LIST_FIRST_WAIT_MS = 3000;

export interface StartOptions {
  defaultMemberPrefix: string;
  /**
   * The signalling relay served with the app (ws(s)://<host>/signal), or the answer of the check
   * whether the host has one (src/sync/relay-probe.ts): null when it has none, and peer sync uses
   * the team's and this device's relays only. Left out, no peer sync starts.
   */
  defaultRelay?: string | Promise<string | null>;
}

/**
 * Wiring of one device: opens the last used workspace (creating one on first start, without
 * asking anything), and switches between workspaces. A new workspace has no name chosen (''):
 * it reads "My workspace" in the language of whoever looks at it, until someone names it.
 */
export class KehuApp {
  #session: WorkspaceSession | null = null;

  private constructor(
    readonly device: Device,
    public identity: Identity,
    private readonly defaultRelay: Promise<string | null> | null,
  ) {}

  static async start(options: StartOptions, device = new Device()): Promise<KehuApp> {
    const identity = await device.identity(options.defaultMemberPrefix);
    const app = new KehuApp(device, identity, options.defaultRelay === undefined ? null : Promise.resolve(options.defaultRelay));
    const [last] = await device.workspaces();
    const entry = last ?? (await app.#createEntry(''));
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
    await store.loaded;
    const ws = new Workspace(entry.id, store.doc, this.identity.memberId);
    initialiseWorkspace(ws, { name, defaultRegion: settings.defaultRegion ?? DEFAULT_PHONE_REGION });
    await store.log.flushed();
    await store.close();
    return entry;
  }

  /**
   * Returns the session at once, so the first screen renders from the read tables; `opened`
   * settles once the document is loaded and sync has started (it rejects with
   * WorkspaceOpenError when the stored workspace cannot be read).
   */
  async openWorkspace(id: string, options: { skipUnreadable?: boolean } = {}): Promise<WorkspaceSession> {
    await this.#session?.close();
    this.#session = null;
    // The first screen reads the read tables before the document and the list worker load.
    let shown!: () => void;
    const startAfter = Promise.race([new Promise<void>((resolve) => (shown = resolve)), delay(FIRST_SCREEN_WAIT_MS)]);
    let listLoaded!: () => void;
    const listFirst = Promise.race([new Promise<void>((resolve) => (listLoaded = resolve)), delay(LIST_FIRST_WAIT_MS)]);
    const store = await openWorkspaceStore(id, { ...options, startAfter: startAfter.then(() => listFirst) });
    const session = new WorkspaceSession(id, store, this.identity.memberId);
    session.startAfter = startAfter;
    session.firstScreenShown = shown;
    session.prefs = {
      get: (key, fallback) => this.device.pref(key, fallback),
      set: (key, value) =>
        this.device.setPref(key, value).then(
          () => store.health.clear('device'),
          (error: unknown) => {
            store.health.report('device', error);
            throw error;
          },
        ),
    };
    this.#session = session;
    // The list worker reads its saved state in parallel with the first screen (unit tests,
    // without workers, open the list when a test asks for it).
    if (typeof Worker !== 'undefined') void whenLoaded(session.customerList()).then(listLoaded);
    else listLoaded();
    session.opened = this.#afterLoad(session);
    session.opened.catch(() => {}); // the caller decides what to show; see AppState
    return session;
  }

  async #afterLoad(session: WorkspaceSession): Promise<void> {
    await session.store.loaded;
    upsertMember(session.workspace, this.identity.displayName);
    // With storage full the workspace still opens, read-only, from what is stored: the log
    // reports the failure to the status line (store.health) and keeps the update to write later.
    await session.store.log.flushed().catch(() => {});
    const id = session.id;
    try {
      // A joined workspace has no settings until a teammate's arrive: keep the invite's name till then.
      await this.device.touchWorkspace(id, settingsMap(session.workspace.doc).has('name') ? session.settings.current().name : undefined);
    } catch (error) {
      session.store.health.report('device', error);
    }
    const entry = await this.device.workspace(id);
    if (!entry || this.defaultRelay === null || this.#session !== session || session.closed) return;
    // Without a secure context the browser hides crypto.subtle: the keys cannot be made, and the UI explains why.
    if (!secureContext().secure) return;
    try {
      const defaultRelay = await this.defaultRelay;
      if (this.#session !== session || session.closed) return;
      const sync = await SyncService.start(session, this.device, {
        secret: entry.secret,
        member: { id: this.identity.memberId, name: this.identity.displayName },
        defaultRelay,
      });
      // Another workspace may have been opened meanwhile, or this one be closing (closing waits
      // for its storage, long enough for this start to finish): never leave a provider running
      // for a closed session. A leaked one kept its relay's socket open, and y-webrtc subscribes
      // every room of the page on each socket, so devices met through a relay they had removed.
      if (this.#session === session && !session.closed) session.sync = sync;
      else sync.destroy();
    } catch (error) {
      // The workspace still works on this device; the status line says it is not syncing.
      console.error(error);
    }
  }

  /**
   * Adds a workspace from an invite (its document starts empty and fills from teammates) and
   * opens it; a workspace this device already holds is only opened, never duplicated. A link
   * with the same id and another secret is refused (`errors.link`): taking its key would hand
   * this workspace's changes to whoever made the link.
   */
  async joinWorkspace(invite: Invite, displayName: string): Promise<ParseResult<{ session: WorkspaceSession; alreadyHere: boolean }>> {
    const existing = await this.device.workspace(invite.workspaceId);
    if (existing && existing.secret !== invite.secret) return { ok: false, errors: { link: 'errors.inviteOtherKey' } };
    const named = await this.setDisplayName(displayName);
    if (!named.ok) return named;
    if (!existing) {
      await this.device.addJoinedWorkspace(invite);
      // Used at once, before the workspace (and the team's own settings) has arrived: zero setup.
      await keepInviteConnections(this.device, invite.workspaceId, invite.connections);
    }
    const session = await this.openWorkspace(invite.workspaceId);
    // The join page stays up until the workspace is open: no first screen for loading to wait for.
    session.firstScreenShown();
    await session.opened;
    return { ok: true, value: { session, alreadyHere: Boolean(existing) } };
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
    await this.#session?.members.setName(parsed.value);
    this.#session?.sync?.setMemberName(parsed.value);
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
    const fresh = await this.#createEntry(chosenWorkspaceName(entry?.name));
    this.#pendingWorkspaceId = fresh.id;
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function whenLoaded(list: ListSource): Promise<void> {
  return new Promise((resolve) => {
    if (list.loaded) return resolve();
    const stop = list.onChange(() => {
      if (!list.loaded) return;
      stop();
      resolve();
    });
  });
}

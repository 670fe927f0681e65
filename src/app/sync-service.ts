import type { SyncedSession } from './synced-session';
import type { Device } from './device';
import { deriveWorkspaceKeys, type WorkspaceKeys } from '../sync/keys';
import { inviteLink } from '../sync/invite';
import { PeerSync, type Teammate } from '../sync/peer-sync';
import { ProblemLimit } from '../sync/problem-limit';
import { Awareness } from 'y-protocols/awareness';
import { ChangeFileReadError, readChangeFile, writeChangeFile, type ChangeFileError, type ChangeFileHeader } from '../sync/change-file';
import { svFromJson } from '../sync/state-vectors';
import { watchConflicts } from '../sync/conflicts';
import { memberOfClient, registerClient } from '../sync/clients';
import { FILE_ORIGIN } from '../workspace/origins';
import { relayUrlProblem } from '../sync/relay-url';
import type { SyncStatus } from '../sync/sync-status';
import { Pairing } from '../sync/pairing';
import { ConnectionConfig } from './connection-config';
import { sameConnections, type ConnectionSettings } from '../domain/connection-settings';
import type { ParseResult } from '../domain/field-errors';
import type { TeammateRoute, UnknownAttempt } from '../sync/peer-routes';
import { browserCheckEnvironment, checkConnection, type CheckReport } from '../sync/connection-check';

export interface SyncSettings {
  relays: string[];
  /** STUN/TURN servers for teams on different networks; none by default (no third party). */
  iceServers: RTCIceServer[];
}

/** A device known from a change file it sent: the next export to it can hold only what it lacks. */
export interface KnownDevice {
  memberId: string;
  name: string;
  sv: Record<string, number>;
  at: string;
}

/**
 * Why a change file was refused (a message key, and the workspace the file names), or null for
 * any other failure. The UI asks here instead of importing the file format, which imports Yjs.
 */
export function changeFileProblem(error: unknown): { code: ChangeFileError; workspaceName: string } | null {
  return error instanceof ChangeFileReadError ? { code: error.code, workspaceName: error.header?.workspaceName ?? '' } : null;
}

const OFFLINE_STATUS: SyncStatus = { phase: 'offline', peers: 0, direct: 0, lastSyncAt: null, receivingBytes: null };

/**
 * Everything that connects one open workspace to teammates: the peer connection, presence,
 * merged-conflict records, invite links and change files.
 */
export class SyncService {
  #peer: PeerSync | null = null;
  #listeners = new Set<() => void>();
  #stopConflicts: () => void;
  /** Pairing by code, with no relay: its connections belong to the current provider. */
  readonly pairing: Pairing;

  private constructor(
    private readonly session: SyncedSession,
    private readonly device: Device,
    readonly keys: WorkspaceKeys,
    private readonly secret: string,
    private readonly member: { id: string; name: string },
    private readonly defaultRelay: string | null,
  ) {
    const doc = session.workspace.doc;
    this.pairing = new Pairing(() => this.#peer?.provider ?? null, { id: session.id, secret }, () => session.settings.current().name);
    this.#awareness = new Awareness(doc);
    this.#config = new ConnectionConfig(session.connections, device, session.id, defaultRelay);
    // A teammate's change of the team's servers arrives like any edit: reconnect only if it changes what this device uses.
    this.#stopTeamWatch = this.#config.watchTeam(() => {
      void this.#config.teamSettings().then((team) => {
        this.#team = team;
        this.#emit();
        return this.#reconnectIfChanged();
      });
    });
    registerClient(doc, member.id);
    // The history names who a peer's update can have come from (a delete carries no author).
    session.store.log.peersOnline = () => this.teammates.filter((t) => t.online).map((t) => t.memberId);
    this.#stopConflicts = watchConflicts(doc, (c) => {
      const keptBy = memberOfClient(doc, c.keptClient) ?? null;
      const otherBy = memberOfClient(doc, c.otherClient) ?? null;
      // A device that joins receives old history, merges between other people included: only
      // merges that touched this person's own edits are news to them.
      if (!c.otherValueKnown || (keptBy !== member.id && otherBy !== member.id)) return;
      void session.store.conflicts
        .add({
          collection: c.collection,
          recordId: c.recordId,
          field: c.field,
          ...(c.tag !== undefined ? { tag: c.tag } : {}),
          ...(c.customFieldId !== undefined ? { customId: c.customFieldId } : {}),
          keptValue: c.keptValue,
          otherValue: c.otherValue,
          keptBy,
          otherBy,
        })
        .catch((error: unknown) => console.error(error));
    });
  }

  static async start(
    session: SyncedSession,
    device: Device,
    options: { secret: string; member: { id: string; name: string }; defaultRelay: string | null },
  ): Promise<SyncService> {
    const keys = await deriveWorkspaceKeys(session.id, options.secret);
    const service = new SyncService(session, device, keys, options.secret, options.member, options.defaultRelay);
    // Storage full or a newer format: the old prefs stay where they are, and are still read next time.
    await service.#config.migrate().catch((error: unknown) => console.error(error));
    await service.#reconnect();
    return service;
  }

  get status(): SyncStatus {
    return this.#peer?.status ?? OFFLINE_STATUS;
  }

  get teammates(): Teammate[] {
    return this.#peer?.teammates ?? [];
  }

  /** How each online teammate is connected (direct, via TURN, through another device) and who could not be reached. */
  get routes(): { routes: TeammateRoute[]; unknown: UnknownAttempt[] } {
    return this.#peer?.routes ?? { routes: [], unknown: [] };
  }

  /** Settings → Connections → Check connection: relays, ICE candidates and teammates, with what to change. */
  async checkConnection(): Promise<CheckReport> {
    return checkConnection(await this.settings(), browserCheckEnvironment(), async () => (this.#peer ? this.#peer.currentRoutes() : this.routes));
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit = () => {
    for (const listener of this.#listeners) listener();
  };

  inviteLink(appUrl: string, workspaceName: string): string {
    return inviteLink(appUrl, { workspaceId: this.session.id, secret: this.secret, name: workspaceName, connections: this.#team });
  }

  /** What this device connects with: its own relays, the team's, and the team's STUN/TURN servers. */
  async settings(): Promise<SyncSettings> {
    const { relays, iceServers } = await this.#config.effective();
    return { relays, iceServers };
  }

  /** The team's relays and STUN/TURN servers (the invite's until the workspace has arrived). */
  teamSettings(): Promise<ConnectionSettings> {
    return this.#config.teamSettings();
  }

  /** False on a device that joined, until the workspace brings the team's settings (the invite's are used meanwhile). */
  hasTeamSettings(): boolean {
    return this.session.connections.has();
  }

  /** The host that serves the app has no relay of its own (a static host): the team must add one. */
  get hostHasNoRelay(): boolean {
    return this.defaultRelay === null;
  }

  /** This device's own relays: the app's relay until changed. */
  deviceRelays(): Promise<string[]> {
    return this.#config.deviceRelays();
  }

  /** Saved in the workspace, so every teammate uses them; the watch reconnects here and on their devices. */
  saveTeamSettings(draft: unknown): Promise<ParseResult<ConnectionSettings>> {
    return this.#config.saveTeam(draft);
  }

  async saveDeviceRelays(relays: string[]): Promise<ParseResult<string[]>> {
    const saved = await this.#config.saveDeviceRelays(relays);
    if (saved.ok) await this.#reconnectIfChanged();
    return saved;
  }

  readonly #config: ConnectionConfig;
  #stopTeamWatch: () => void;
  /** What the running connection was made with, to tell a change that matters. */
  #used: ConnectionSettings | null = null;
  #team: ConnectionSettings = { relays: [], iceServers: [] };

  async #reconnectIfChanged(): Promise<void> {
    const next = await this.#config.effective();
    // Before the first connection (#used null) there is nothing to redo: it reads the settings as they are then.
    if (this.#destroyed || this.#used === null || sameConnections(this.#used, next)) return;
    await this.#reconnect();
  }

  #chain: Promise<void> = Promise.resolve();
  #destroyed = false;
  /** One presence for every provider this service makes (see SyncOptions.awareness). */
  readonly #awareness: Awareness;

  /** One (re)connection at a time, so two quick setting changes never leave two providers. */
  #reconnect(): Promise<void> {
    this.#chain = this.#chain.catch(() => {}).then(async () => {
      this.#peer?.destroy();
      this.#peer = null;
      await this.#connect();
    });
    return this.#chain;
  }

  async #connect() {
    const settings = await this.#config.effective();
    this.#team = await this.#config.teamSettings();
    if (this.#destroyed) return;
    this.#used = settings;
    // An address the browser cannot open would throw inside y-webrtc and leave a half-built
    // room behind; such a relay stays in the list (to be fixed in Settings) but is not used.
    const relays = settings.relays.filter((url) => relayUrlProblem(url, globalThis.location?.protocol ?? 'http:') === null);
    const teammatesKey = `teammates:${this.session.id}`;
    const knownTeammates = await this.device.pref<Teammate[]>(teammatesKey, []);
    if (this.#destroyed) return;
    try {
      this.#peer = new PeerSync(this.session.workspace.doc, this.keys, {
        relays,
        iceServers: settings.iceServers,
        member: this.member,
        knownTeammates,
        saveTeammates: (teammates) => void this.device.setPref(teammatesKey, teammates).catch(() => {}),
        onProblem: (reason) => void this.session.store.projection.reportSyncProblem(reason).catch(() => {}),
        awareness: this.#awareness,
        onLargeAnswer: () => this.session.store.projection.hold(),
        // Only settings of the team's own are passed on (not the invite's, nor what was heard).
        announceConnections: this.session.connections.has() ? this.#team : null,
        onHeardConnections: (raw) => this.#hearConnections(raw),
      });
      this.#peer.subscribe(this.#emit);
    } catch (error) {
      // The workspace goes on working on this device; the status line says it is not syncing.
      console.error(error);
      this.#peer = null;
    }
    this.#emit();
  }

  /** Anyone with the room key can send anything: refused entries are noted once a minute, and only a change reconnects. */
  #hearConnections(raw: unknown) {
    if (this.#destroyed) return;
    const { changed, problems } = this.#config.hear(raw);
    if (Object.keys(problems).length > 0) this.#heardProblems.add('heard-connections');
    if (!changed) return;
    void this.#config.teamSettings().then((team) => {
      this.#team = team;
      this.#emit();
      return this.#reconnectIfChanged();
    });
  }

  readonly #heardProblems = new ProblemLimit((reason) => void this.session.store.projection.reportSyncProblem(reason).catch(() => {}));

  setViewing(customerId: string | null) {
    this.#peer?.setViewing(customerId);
  }

  setMemberName(name: string) {
    this.member.name = name;
    this.#peer?.setMemberName(name);
  }

  async knownDevices(): Promise<KnownDevice[]> {
    return this.device.pref<KnownDevice[]>(`fileDevices:${this.session.id}`, []);
  }

  /** The whole workspace, or only what `recipient` lacked when it last sent this device a file. */
  async exportChanges(recipient?: KnownDevice): Promise<Uint8Array> {
    const recipientSv = recipient ? (svFromJson(recipient.sv) ?? undefined) : undefined;
    return writeChangeFile(this.session.workspace.doc, this.keys.fileKey, {
      workspaceId: this.session.id,
      workspaceName: this.session.settings.current().name,
      from: { memberId: this.member.id, name: this.member.name },
      ...(recipientSv ? { recipientSv } : {}),
    });
  }

  /** Merges a change file; throws ChangeFileReadError (with a message key) and changes nothing otherwise. */
  async importChanges(file: Uint8Array): Promise<ChangeFileHeader> {
    const { header, update } = await readChangeFile(file, this.session.id, this.keys.fileKey);
    await this.session.applyRemoteUpdate(update, FILE_ORIGIN);
    const devices = (await this.knownDevices()).filter((d) => d.memberId !== header.from.memberId);
    devices.unshift({ memberId: header.from.memberId, name: String(header.from.name).slice(0, 100), sv: header.sv, at: new Date().toISOString() });
    await this.device.setPref(`fileDevices:${this.session.id}`, devices.slice(0, 20));
    return header;
  }

  destroy() {
    this.#destroyed = true;
    this.#stopTeamWatch();
    this.#stopConflicts();
    this.#peer?.destroy();
    this.#peer = null;
    this.#awareness.destroy();
    this.#listeners.clear();
  }
}

import * as Y from 'yjs';
import { WebrtcProvider, type WebrtcConn } from './webrtc/y-webrtc';
import type { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { ChunkedDataChannel, chunkingWrtc, type ChannelSender } from './chunked-channel';
import { DeleteSetCache } from './delete-set-cache';
import { inspectPeerMessage } from './update-guard';
import { stateVectorOf, svToJson } from './state-vectors';
import { readPresence, type PresenceState, type Teammate } from './presence';
import { PresenceReader, type ReadPresence } from './presence-state';
import { PresenceClaims } from './presence-claims';
import { isNewerFormat, ownFormat } from './peer-format';
import { formatWatchOf } from '../workspace/format-watch';
import { isSyncStep, syncMessage, syncPayload, syncStep1Vector } from './sync-messages';
import { answerOnItsWay, LargeAnswerWatch } from './large-answer';
import { syncPhase, teammatesReached, type SyncStatus } from './sync-status';
import type { WorkspaceKeys } from './keys';
import { applyReceived } from './received-update';
import { answerInPieces } from './state-answer';
import { ProblemLimit } from './problem-limit';
import type { ConnectionSettings } from '../domain/connection-settings';
import type { AnyEncodable } from 'lib0/encoding';
import { PeerRoutes, type RouteConn, type RouteStat, type TeammateRoute, type UnknownAttempt } from './peer-routes';

/** What anyone in the room can repeat at will: reported at most once a minute each (problem-limit.ts). */
const LIMITED_PROBLEMS: ReadonlySet<string> = new Set(['unknown-message', 'undecryptable-signal', 'mesh-signal']);

export type { PresenceState, Teammate } from './presence';

export interface SyncOptions {
  relays: string[];
  iceServers: RTCIceServer[];
  member: { id: string; name: string };
  /** Teammates seen before (kept by the caller across sessions) and a place to keep them. */
  knownTeammates: Teammate[];
  saveTeammates(teammates: Teammate[]): void;
  onProblem(reason: string): void;
  /**
   * This device's presence, kept by the caller across providers. A new provider with a new one
   * would count its presence from 0 again, and teammates ignore presence older than what they
   * last saw: after a relay change they showed this device as behind for ~30 s.
   */
  awareness?: Awareness;
  /**
   * Called when a teammate's large answer starts streaming in; the function it returns is
   * called when that answer ends (see large-answer.ts).
   */
  onLargeAnswer?(): () => void;
  /**
   * The team's relays and STUN/TURN servers, sent to teammates inside the room-key-encrypted
   * signalling (announce, offer, answer) so a device without the workspace can reach this one
   * (docs/sync-protocol.md); null on a device without team settings of its own: it sends none.
   */
  announceConnections?: ConnectionSettings | null;
  /** What a teammate's signalling carried: untrusted, any shape (the caller reads it with the domain reader). */
  onHeardConnections?(raw: unknown): void;
}

/**
 * The largest team settings sent in signalling, as JSON: with an SDP offer (a few KiB) it stays
 * far below the relay's 64 KiB message limit after encryption and base64 (server/signal.js).
 * The domain's bounds (8 relays, 8 servers) keep real settings under it.
 */
export const MAX_ANNOUNCED_CONNECTIONS_CHARS = 24 * 1024;

/** The settings to send, or undefined when there are none or they would not fit. */
function announceable(settings: ConnectionSettings | null | undefined): AnyEncodable | undefined {
  if (!settings) return undefined;
  const json = JSON.stringify({ relays: settings.relays, iceServers: settings.iceServers });
  return json.length <= MAX_ANNOUNCED_CONNECTIONS_CHARS ? (JSON.parse(json) as AnyEncodable) : undefined;
}

/** A y-webrtc connection as peer-routes.ts reads it: its stats come from simple-peer's RTCPeerConnection. */
function routeConn(conn: WebrtcConn): RouteConn {
  return {
    peerId: conn.remotePeerId,
    connected: conn.connected,
    byCode: conn.byCode,
    stats: async () => {
      const report = await conn.peer._pc?.getStats();
      return report ? (report.values() as Iterable<RouteStat>) : null;
    },
  };
}

/** How often routes are read again while connected (getStats of a few connections: cheap). */
const ROUTES_MS = 5_000;

/** The chunked channel (ours, from chunkingWrtc) a connection sends on, once it has one. */
function channelOf(conn: WebrtcConn): ChunkedDataChannel | undefined {
  const channel = conn.dataChannel();
  return channel instanceof ChunkedDataChannel ? channel : undefined;
}

const RESYNC_MS = 10_000;
/**
 * A peer answers every resync, so a connection that heard nothing for three rounds carries
 * nothing: y-webrtc can pair two offers made at once into a connection where each side sends on
 * a channel the other never reads, both saying "connected". Closing it makes y-webrtc announce
 * again and connect afresh.
 */
const SILENT_CLOSE_MS = 3 * RESYNC_MS + 5_000;

const PRESENCE_THROTTLE_MS = 500;
/**
 * This device's own status follows its document sooner than its presence goes out: when the
 * last piece of a teammate's workspace is applied, "Up to date" shows within this, not up to
 * PRESENCE_THROTTLE_MS later. Comparing a few state vectors is cheap.
 */
const STATUS_THROTTLE_MS = 100;

type Listener = () => void;

/**
 * The y-webrtc provider of one workspace, with chunked data channels, a periodic state-vector
 * check instead of trusting y-webrtc's `synced`, reconnection after the network returns, and a
 * plain-language status.
 */
export class PeerSync {
  readonly provider: WebrtcProvider;
  #listeners = new Set<Listener>();
  #teammates = new Map<string, Teammate>();
  #status: SyncStatus = { phase: 'looking', peers: 0, direct: 0, lastSyncAt: null, receivingBytes: null };
  #timers: ReturnType<typeof setInterval>[] = [];
  #presenceTimer: ReturnType<typeof setTimeout> | null = null;
  #statusTimer: ReturnType<typeof setTimeout> | null = null;
  #destroyed = false;
  readonly #deleteSet: DeleteSetCache;
  readonly #largeAnswer: LargeAnswerWatch;
  readonly #presenceReader = new PresenceReader();
  readonly #claims = new PresenceClaims();
  /** Awareness clients whose presence could not be read, reported once each (at most 1,000). */
  readonly #refusedPresence = new Set<number>();
  readonly #routes = new PeerRoutes();
  #routeView: { routes: TeammateRoute[]; unknown: UnknownAttempt[] } = { routes: [], unknown: [] };
  #readingRoutes = false;
  #routesReadAt = 0;

  constructor(
    readonly doc: Y.Doc,
    keys: WorkspaceKeys,
    private readonly options: SyncOptions,
  ) {
    for (const t of options.knownTeammates) this.#teammates.set(t.memberId, { ...t, online: false });
    this.#deleteSet = new DeleteSetCache(doc);
    this.#largeAnswer = new LargeAnswerWatch(options.onLargeAnswer ?? (() => () => {}), () => this.#refresh());
    const limited = new ProblemLimit((problem) => options.onProblem(problem));
    const outgoingConnections = announceable(options.announceConnections);
    // Another tab's messages pass the same checks as a peer's; only the answer to a sync step 1
    // is y-webrtc's own there (a tab's channel has no frame size to respect).
    const guard = {
      rejectReason: (message: Uint8Array) => {
        const verdict = inspectPeerMessage(message);
        return verdict.ok ? null : verdict.reason;
      },
      // Also hears what the signalling relay brought that does not decrypt ('undecryptable-signal').
      onProblem: (problem: string) => {
        if (LIMITED_PROBLEMS.has(problem)) limited.add(problem);
        else options.onProblem(problem);
      },
      apply: (message: Uint8Array) => this.#applyUpdateMessage(message),
    };
    this.provider = new WebrtcProvider(keys.room, doc, {
      signaling: options.relays,
      password: keys.password,
      maxConns: 24,
      ...(options.awareness ? { awareness: options.awareness } : {}),
      filterBcConns: true,
      bcGuard: guard,
      teamConnections: {
        outgoing: () => outgoingConnections,
        heard: (raw) => options.onHeardConnections?.(raw),
      },
      peerOpts: {
        config: { iceServers: options.iceServers },
        wrtc: chunkingWrtc({ ...guard, intercept: (message, channel) => this.#interceptStep1(message, channel) }),
      },
    });
    const awareness = this.provider.awareness;
    // The hello: y-webrtc sends the presence on connecting, with sync step 1, so a teammate
    // learns this app's format before any answer of ours (peer-format.ts).
    awareness.setLocalState({ member: options.member, viewing: null, sv: svToJson(stateVectorOf(doc)), format: ownFormat() } satisfies PresenceState);
    awareness.on('change', this.#onAwareness);
    this.provider.on('peers', this.#refresh);
    this.provider.on('peers', this.#readRoutes);
    // Teammates tie a connection to this device by the room's peer id (peer-routes.ts); the room exists once its key is derived.
    void this.provider.key.then(() => {
      const room = this.provider.room;
      if (room && !this.#destroyed) awareness.setLocalStateField('peer', room.peerId);
    });
    this.provider.on('synced', this.#resync);
    doc.on('update', this.#onUpdate);
    this.#timers.push(setInterval(this.#resync, RESYNC_MS));
    this.#timers.push(setInterval(this.#refresh, 5_000));
    this.#timers.push(setInterval(this.#readRoutes, ROUTES_MS));
    globalThis.addEventListener?.('online', this.#reconnect);
    globalThis.addEventListener?.('offline', this.#refresh);
    // The awareness outlives a provider (a relay change builds a new one): teammates it already
    // holds send their unchanged presence again, which raises no 'change', so read them now.
    this.#onAwareness();
  }

  get status(): SyncStatus {
    return this.#status;
  }

  get teammates(): Teammate[] {
    return [...this.#teammates.values()].sort((a, b) => Number(b.online) - Number(a.online) || b.lastSeen.localeCompare(a.lastSeen));
  }

  /** How each online teammate is connected, and the devices a relay introduced that could not be reached. */
  get routes(): { routes: TeammateRoute[]; unknown: UnknownAttempt[] } {
    return this.#routeView;
  }

  /**
   * The routes as the connections are now, not as of the last periodic read: the connection check
   * asks right after a teammate connects, and said "no teammate online" for up to ROUTES_MS.
   */
  async currentRoutes(): Promise<{ routes: TeammateRoute[]; unknown: UnknownAttempt[] }> {
    await (this.#routesRead ?? Promise.resolve());
    this.#readRoutes();
    await this.#routesRead;
    return this.#routeView;
  }

  #routesRead: Promise<void> | null = null;

  /** Reads every connection's selected candidate pair again; listeners hear when a route changed. */
  #readRoutes = () => {
    if (this.#destroyed || this.#readingRoutes) return;
    const conns = [...(this.provider.room?.webrtcConns.values() ?? [])];
    this.#readingRoutes = true;
    this.#routesReadAt = Date.now();
    this.#routesRead = this.#routes
      .refresh(conns.map(routeConn), Date.now())
      .then(() => {
        if (this.#destroyed) return;
        const me = this.options.member.id;
        const presences = [...this.#presences().values()].filter((p) => p.member.id !== me).map((p) => ({ memberId: p.member.id, peerId: p.peer }));
        const next = this.#routes.teammates(presences, Date.now());
        if (JSON.stringify(next) === JSON.stringify(this.#routeView)) return;
        this.#routeView = next;
        for (const listener of this.#listeners) listener();
      })
      .catch((error: unknown) => console.error(error))
      .finally(() => (this.#readingRoutes = false));
  };

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  setViewing(customerId: string | null) {
    this.provider.awareness.setLocalStateField('viewing', customerId);
  }

  setMemberName(name: string) {
    this.options.member = { ...this.options.member, name };
    this.provider.awareness.setLocalStateField('member', this.options.member);
  }

  #answering = new Set<ChannelSender>();
  #lastBehindResync = 0;

  /** Kehu answers a peer's sync step 1 itself, in pieces (state-answer.ts); y-webrtc never sees it. */
  #interceptStep1(message: Uint8Array, channel: ChannelSender): boolean {
    const sv = syncStep1Vector(message);
    if (!sv) return false;
    // A step 1 that arrives while an answer is streaming is answered by what is being sent.
    if (this.#answering.has(channel)) return true;
    this.#answering.add(channel);
    void answerInPieces(this.doc, sv, channel, {
      deleteSet: () => this.#deleteSet.encodeAsUpdate(),
      stopped: () => this.#destroyed,
    })
      .catch((error: unknown) => {
        // The peer asks again within RESYNC_MS; nothing is lost by giving up on this answer.
        console.error(error);
        this.options.onProblem('answer-failed');
      })
      .finally(() => this.#answering.delete(channel));
    return true;
  }

  /**
   * A sync update (every piece of an answer, every live edit) is applied here rather than by
   * y-webrtc, so that Yjs does not encode it again for the update listeners (received-update.ts).
   * y-webrtc does nothing else with one; step 2, which marks a peer as synced, still goes to it.
   */
  #applyUpdateMessage(message: Uint8Array): boolean {
    // A step 2 ends its channel's answer (the channel has marked it); another may still stream.
    if (isSyncStep(message, syncProtocol.messageYjsSyncStep2) && !this.#answerAwaited()) this.#largeAnswer.end();
    const update = syncPayload(message, syncProtocol.messageYjsUpdate);
    if (!update) return false;
    this.#largeAnswer.piece(update.length, this.#answerAwaited());
    try {
      applyReceived(this.doc, update, this.provider.room);
    } catch {
      this.options.onProblem('malformed-update');
    }
    return true;
  }

  /** Whether this device asked a peer for what it lacks and that answer is not complete yet. */
  #answerAwaited(): boolean {
    return this.#conns().some((conn) => channelOf(conn)?.askedAt != null);
  }

  #conns(): WebrtcConn[] {
    return this.provider.openConnections();
  }

  /** Asks every peer for what this device lacks (sync step 1 carries our state vector). */
  #resync = () => {
    if (this.#destroyed) return;
    const now = Date.now();
    for (const conn of this.#conns()) {
      const heard = channelOf(conn)?.lastHeardAt;
      if (heard !== undefined && now - heard > SILENT_CLOSE_MS) conn.destroy();
    }
    const message = syncMessage(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(this.doc));
    for (const conn of this.#conns()) {
      if (answerOnItsWay(channelOf(conn), now)) continue;
      try {
        conn.send(message);
      } catch {
        // A closing connection; the next round or the next peer takes over.
      }
    }
  };

  #reconnect = () => {
    if (this.#destroyed) return;
    // After the network returns y-webrtc keeps stale peers (yjs/y-webrtc #24): start over.
    // disconnect() also clears this device's presence, so it is put back afterwards.
    const presence = this.provider.awareness.getLocalState();
    this.provider.disconnect();
    this.provider.connect();
    if (presence) this.provider.awareness.setLocalState(presence);
    this.#refresh();
  };

  #onUpdate = () => {
    this.#statusTimer ??= setTimeout(() => {
      this.#statusTimer = null;
      this.#refresh();
    }, STATUS_THROTTLE_MS);
    if (this.#presenceTimer) return;
    this.#presenceTimer = setTimeout(() => {
      this.#presenceTimer = null;
      if (this.#destroyed) return;
      this.provider.awareness.setLocalStateField('sv', svToJson(stateVectorOf(this.doc)));
      this.#refresh();
    }, PRESENCE_THROTTLE_MS);
  };

  /** Every other device's presence, read within bounds; what cannot be read is reported once. */
  #presences(): Map<number, ReadPresence> {
    const { presences, refused } = this.#presenceReader.read(this.provider.awareness.getStates(), this.doc.clientID);
    for (const clientId of refused) {
      if (this.#refusedPresence.has(clientId) || this.#refusedPresence.size >= 1_000) continue;
      this.#refusedPresence.add(clientId);
      this.options.onProblem('bad-presence');
    }
    return presences;
  }

  /** Whether this device and every presence hold the same, with claims no connection backs ignored. */
  #compareClaims(presences: ReadonlyMap<number, ReadPresence>) {
    const claims = new Map<number, ReadonlyMap<number, number>>();
    for (const [clientId, { sv }] of presences) if (sv) claims.set(clientId, sv);
    const verdict = this.#claims.compare(claims, stateVectorOf(this.doc), Date.now(), (since) => this.#exchangedSince(since));
    for (const _ of verdict.ignored) this.options.onProblem('presence-claim');
    return verdict;
  }

  /** Every direct connection answered a step 1 sent after `since`, and no answer is streaming either way. */
  #exchangedSince(since: number): boolean {
    const conns = this.#conns();
    if (conns.length === 0 || this.#answering.size > 0 || this.#answerAwaited()) return false;
    return conns.every((conn) => (channelOf(conn)?.answeredAt ?? -Infinity) >= since);
  }

  #newerPeerSeen = false;

  /** A teammate whose app announces a newer format: told once, on the status line and under Data problems. */
  #checkFormats(presences: ReadonlyMap<number, ReadPresence>) {
    if (this.#newerPeerSeen) return;
    for (const { format } of presences.values()) {
      if (!format || !isNewerFormat(format)) continue;
      this.#newerPeerSeen = true;
      formatWatchOf(this.doc).notePeerNewer();
      this.options.onProblem('newer-peer');
      return;
    }
  }

  #onAwareness = () => {
    const me = { memberId: this.options.member.id, sv: stateVectorOf(this.doc) };
    const presences = this.#presences();
    this.#checkFormats(presences);
    readPresence(this.#teammates, presences, me, new Date().toISOString());
    const { behind } = this.#compareClaims(presences);
    this.options.saveTeammates(this.teammates);
    // Presence changes often (every state vector refresh): ask for missing changes at most every 2 s.
    if (behind && Date.now() - this.#lastBehindResync > 2_000) {
      this.#lastBehindResync = Date.now();
      this.#resync();
    }
    this.#refresh();
    // Presence changes with every state vector refresh; who is online changes far less often.
    if (Date.now() - this.#routesReadAt > 1_000) this.#readRoutes();
  };

  #refresh = () => {
    if (this.#destroyed) return;
    const direct = this.#conns().length;
    const signalling = this.provider.signalingConnected();
    const online = signalling || (globalThis.navigator?.onLine ?? true);
    const onlineMates = [...this.#teammates.values()].filter((t) => t.online);
    const allInSync = onlineMates.length > 0 && this.#compareClaims(this.#presences()).inSync;
    const peers = teammatesReached(direct, onlineMates.length);
    const phase = syncPhase({ online, peers, allInSync });
    const lastSyncAt = phase === 'up-to-date' ? new Date().toISOString() : this.#status.lastSyncAt;
    this.#status = { phase, peers, direct, lastSyncAt, receivingBytes: this.#largeAnswer.receivingBytes };
    for (const listener of this.#listeners) listener();
  };

  destroy() {
    this.#destroyed = true;
    for (const timer of this.#timers) clearInterval(timer);
    if (this.#presenceTimer) clearTimeout(this.#presenceTimer);
    if (this.#statusTimer) clearTimeout(this.#statusTimer);
    globalThis.removeEventListener?.('online', this.#reconnect);
    globalThis.removeEventListener?.('offline', this.#refresh);
    this.doc.off('update', this.#onUpdate);
    this.#deleteSet.destroy();
    this.#largeAnswer.end();
    this.provider.awareness.off('change', this.#onAwareness);
    // destroy() alone leaves y-webrtc's shared signalling socket open and reconnecting.
    this.provider.disconnect();
    this.provider.destroy();
    this.#listeners.clear();
  }
}

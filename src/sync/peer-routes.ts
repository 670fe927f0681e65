/**
 * How each teammate is connected to this device: directly, through a TURN relay, only through
 * another teammate's device, or not at all. Read from the selected ICE candidate pair of each
 * WebRTC connection (RTCPeerConnection.getStats()), and tied to a teammate by the connection id
 * (y-webrtc's peer id) each device publishes in its presence.
 */

/** The fields of an RTCStats entry read here (Chromium's and Firefox's shapes). */
export interface RouteStat {
  type: string;
  id: string;
  /** transport: the pair in use (Chromium). */
  selectedCandidatePairId?: string;
  /** candidate-pair */
  localCandidateId?: string;
  remoteCandidateId?: string;
  state?: string;
  nominated?: boolean;
  /** candidate-pair: the pair in use (Firefox). */
  selected?: boolean;
  /** local-candidate / remote-candidate: 'host' | 'srflx' | 'prflx' | 'relay'. */
  candidateType?: string;
}

/** A connection's path once open: 'turn' when either end of the pair in use is a TURN relay candidate. */
export type OpenRoute = 'direct' | 'turn';

/** A teammate's route: 'indirect' = online, reached only through another device; 'unreachable' = a connection was tried and never opened. */
export type RouteKind = OpenRoute | 'connecting' | 'indirect' | 'unreachable';

export interface TeammateRoute {
  memberId: string;
  route: RouteKind;
  /** ISO time this route was first seen (for 'unreachable', the first attempt). */
  since: string;
}

/** A device a relay introduced that no connection could open to; who it is is learnt only over a connection. */
export interface UnknownAttempt {
  peerId: string;
  since: string;
}

/** The route of a connection from its stats report, or null when no candidate pair is in use yet. */
export function routeFromStats(report: Iterable<RouteStat>): OpenRoute | null {
  const byId = new Map<string, RouteStat>();
  const pairs: RouteStat[] = [];
  let selectedId: string | undefined;
  let count = 0;
  for (const stat of report) {
    // A connection has a few dozen entries; a report beyond this is not read further.
    if (++count > 2_000) break;
    if (typeof stat !== 'object' || stat === null || typeof stat.id !== 'string') continue;
    byId.set(stat.id, stat);
    if (stat.type === 'candidate-pair') pairs.push(stat);
    if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') selectedId ??= stat.selectedCandidatePairId;
  }
  const pair =
    (selectedId !== undefined ? byId.get(selectedId) : undefined) ??
    pairs.find((p) => p.selected === true) ??
    pairs.find((p) => p.nominated === true && p.state === 'succeeded');
  if (!pair || pair.type !== 'candidate-pair') return null;
  const local = pair.localCandidateId !== undefined ? byId.get(pair.localCandidateId) : undefined;
  const remote = pair.remoteCandidateId !== undefined ? byId.get(pair.remoteCandidateId) : undefined;
  if (!local && !remote) return null;
  return local?.candidateType === 'relay' || remote?.candidateType === 'relay' ? 'turn' : 'direct';
}

/** One WebRTC connection as the tracker sees it. */
export interface RouteConn {
  peerId: string;
  connected: boolean;
  /**
   * Made by a pairing code: until it opens it waits (up to 15 minutes) for a person to carry the
   * answer back, so it is never "not reachable" and is no device seen on a relay.
   */
  byCode?: boolean;
  /** Its stats report, or null when it has no peer connection to ask. */
  stats(): Promise<Iterable<RouteStat> | null>;
}

/** Presence of a device that is online now: its member and its connection id, if it announces one. */
export interface RoutePresence {
  memberId: string;
  peerId: string | null;
}

interface Entry {
  route: OpenRoute | 'connecting' | 'unreachable';
  since: number;
  /** When a connection to this peer was first tried (kept across retries). */
  firstTry: number;
  lastSeen: number;
  /** Whether the connection is open now (its route may not be read yet). */
  open: boolean;
  /** Whether it was a pairing code's connection (RouteConn.byCode): an attempt after it counts from its own start. */
  byCode: boolean;
}

/** A connection still not open after this is reported unreachable (y-webrtc gives up at 20 s and tries again). */
export const UNREACHABLE_AFTER_MS = 15_000;
/** An unreachable peer is remembered this long after its last attempt, so retries do not reset "since". */
const FORGET_UNREACHABLE_MS = 60_000;
const MAX_ENTRIES = 200;

const RANK: Record<RouteKind, number> = { direct: 0, turn: 1, connecting: 2, indirect: 3, unreachable: 4 };

/** Follows every connection's route over time. refresh() is called when connections change and now and then. */
export class PeerRoutes {
  #entries = new Map<string, Entry>();
  /** What teammates() answered last, so that "since" of a route seen only there stays put. */
  #shown = new Map<string, { route: RouteKind; since: number }>();

  /** Reads every connection's route; true when any changed. Stats of a closing connection count as not known. */
  async refresh(conns: readonly RouteConn[], now: number): Promise<boolean> {
    const routes = await Promise.all(
      conns.map(async (conn) => {
        if (!conn.connected) return null;
        try {
          const report = await conn.stats();
          return report ? routeFromStats(report) : null;
        } catch {
          return null;
        }
      }),
    );
    let changed = false;
    const present = new Set<string>();
    conns.forEach((conn, i) => {
      if (present.size >= MAX_ENTRIES) return;
      present.add(conn.peerId);
      const before = this.#entries.get(conn.peerId);
      const firstTry = before && !before.byCode ? before.firstTry : now;
      let route: Entry['route'];
      if (conn.connected) route = routes[i] ?? (before?.route === 'direct' || before?.route === 'turn' ? before.route : 'connecting');
      else route = !conn.byCode && now - firstTry >= UNREACHABLE_AFTER_MS ? 'unreachable' : 'connecting';
      const since = before && before.route === route ? before.since : route === 'unreachable' ? firstTry : now;
      if (!before || before.route !== route) changed = true;
      // Once open, a later retry (after a drop) counts from its own start.
      this.#entries.set(conn.peerId, { route, since, firstTry: conn.connected ? now : firstTry, lastSeen: now, open: conn.connected, byCode: conn.byCode === true });
    });
    for (const [peerId, entry] of this.#entries) {
      if (present.has(peerId)) continue;
      // A peer that was reached and left is simply gone; one never reached is kept while it retries.
      if (entry.route !== 'unreachable' && entry.route !== 'connecting') {
        this.#entries.delete(peerId);
        changed = true;
      } else if (now - entry.lastSeen > FORGET_UNREACHABLE_MS) {
        this.#entries.delete(peerId);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Each online teammate's best route (a person may have several devices), and the devices tried
   * and never reached whose presence never came (so who they are is not known).
   */
  teammates(presences: readonly RoutePresence[], now: number): { routes: TeammateRoute[]; unknown: UnknownAttempt[] } {
    const best = new Map<string, { route: RouteKind; since: number }>();
    const known = new Set<string>();
    for (const { memberId, peerId } of presences) {
      if (peerId !== null) known.add(peerId);
      const entry = peerId !== null ? this.#entries.get(peerId) : undefined;
      let route: { route: RouteKind; since: number };
      if (entry?.open) route = { route: entry.route === 'direct' || entry.route === 'turn' ? entry.route : 'connecting', since: entry.since };
      else {
        // Their presence came with no connection of ours open: through another device.
        const shown = this.#shown.get(memberId);
        route = { route: 'indirect', since: shown?.route === 'indirect' ? shown.since : now };
      }
      const current = best.get(memberId);
      if (!current || RANK[route.route] < RANK[current.route]) best.set(memberId, route);
    }
    this.#shown = best;
    const routes = [...best].map(([memberId, r]) => ({ memberId, route: r.route, since: new Date(r.since).toISOString() }));
    const unknown: UnknownAttempt[] = [];
    for (const [peerId, entry] of this.#entries) {
      if (entry.route === 'unreachable' && !known.has(peerId)) unknown.push({ peerId, since: new Date(entry.since).toISOString() });
    }
    return { routes, unknown };
  }
}

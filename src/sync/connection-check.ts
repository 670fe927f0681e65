/**
 * Settings → Connections → "Check connection": whether this device can find and reach teammates,
 * told in plain words with what to change. The browser objects (WebSocket, RTCPeerConnection, the
 * clock) are handed in, so every outcome can be played by fakes in a unit test.
 */

import { relayUrlProblem } from './relay-url';
import type { TeammateRoute, UnknownAttempt } from './peer-routes';

/** The parts of a WebSocket the relay check uses. */
export interface CheckSocket {
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: (() => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface CheckCandidate {
  /** 'host' | 'srflx' | 'prflx' | 'relay' in browsers that fill it in. */
  type?: string | null;
  /** The SDP line, read for its "typ" where `type` is missing. */
  candidate: string;
}

export interface CheckIceError {
  url?: string;
  errorCode?: number;
  errorText?: string;
}

/** The parts of an RTCPeerConnection the candidate check uses. */
export interface CheckPeerConnection {
  onicecandidate: ((event: { candidate: CheckCandidate | null }) => void) | null;
  onicecandidateerror: ((event: CheckIceError) => void) | null;
  onicegatheringstatechange: (() => void) | null;
  readonly iceGatheringState: string;
  createDataChannel(label: string): unknown;
  createOffer(): Promise<{ type: string; sdp?: string }>;
  setLocalDescription(description: { type: string; sdp?: string }): Promise<void>;
  close(): void;
}

export interface CheckEnvironment {
  secureContext: boolean;
  /** The page's protocol ('https:' …): a ws:// relay cannot be opened from an https page. */
  pageProtocol: string;
  openSocket(url: string): CheckSocket;
  createPeerConnection(config: { iceServers: RTCIceServer[] }): CheckPeerConnection;
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export type RelayFailure = 'invalid' | 'insecure' | 'refused' | 'refused-or-tls' | 'timeout' | 'no-answer' | 'closed';

export type RelayResult = { url: string; ok: true; latencyMs: number } | { url: string; ok: false; failure: RelayFailure; closeCode?: number };

export interface IceServerFailure {
  url: string;
  errorCode: number | null;
  errorText: string;
}

export interface CandidateResult {
  host: number;
  srflx: number;
  relay: number;
  /** Servers that did not answer or refused (from icecandidateerror), one entry per address. */
  failures: IceServerFailure[];
  /** The gathering did not finish within its time (what came until then is counted). */
  timedOut: boolean;
  /** RTCPeerConnection could not be made or used at all. */
  unavailable: boolean;
}

export interface TeammateReach {
  routes: TeammateRoute[];
  /** Devices announced by a relay that no connection opened to (who they are is learnt only once connected). */
  unknown: UnknownAttempt[];
}

/** What to change, as message keys under check.advice; none when all is well. */
export type Advice =
  | 'insecure-context'
  | 'no-relay'
  | 'relay-unreachable'
  | 'relay-insecure'
  | 'relay-invalid'
  | 'relay-tls'
  | 'no-candidates'
  | 'ice-server-failed'
  | 'ice-server-silent'
  | 'turn-not-gathered'
  | 'unreachable-add-turn'
  | 'unreachable-check-turn';

export interface CheckReport {
  secureContext: boolean;
  relays: RelayResult[];
  candidates: CandidateResult;
  teammates: TeammateReach;
  advice: Advice[];
}

export const CHECK_LIMITS = {
  /** A relay that has not answered the ping by then is reported as timed out. */
  relayTimeoutMs: 5_000,
  /** ICE gathering with an unreachable STUN/TURN server can take ~40 s in Chromium; the check stops earlier. */
  gatherTimeoutMs: 8_000,
  /** Relays checked at once; a device lists a few. */
  maxRelays: 10,
} as const;

/** Opens the relay's socket, sends the relay protocol's ping and times the pong (server/signal-topics.js). */
export function checkRelay(url: string, env: CheckEnvironment): Promise<RelayResult> {
  const problem = relayUrlProblem(url, env.pageProtocol);
  if (problem === 'errors.relayInvalid') return Promise.resolve({ url, ok: false, failure: 'invalid' });
  if (problem === 'errors.relayInsecure') return Promise.resolve({ url, ok: false, failure: 'insecure' });
  return new Promise((resolve) => {
    let socket: CheckSocket | null = null;
    let opened = false;
    let sentAt = 0;
    let done = false;
    const finish = (result: RelayResult) => {
      if (done) return;
      done = true;
      env.clearTimer(timer);
      if (socket) {
        socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
        try {
          socket.close();
        } catch {
          // already closed
        }
      }
      resolve(result);
    };
    const timer = env.setTimer(() => finish({ url, ok: false, failure: opened ? 'no-answer' : 'timeout' }), CHECK_LIMITS.relayTimeoutMs);
    // The browser does not say why a socket failed; for wss:// an untrusted certificate looks the same as a refusal.
    const refused = (): RelayFailure => (url.trim().toLowerCase().startsWith('wss:') ? 'refused-or-tls' : 'refused');
    try {
      socket = env.openSocket(url.trim());
    } catch {
      finish({ url, ok: false, failure: 'invalid' });
      return;
    }
    socket.onopen = () => {
      opened = true;
      sentAt = env.now();
      try {
        socket?.send(JSON.stringify({ type: 'ping' }));
      } catch {
        finish({ url, ok: false, failure: 'closed' });
      }
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string' || !isPong(event.data)) return;
      finish({ url, ok: true, latencyMs: Math.max(0, Math.round(env.now() - sentAt)) });
    };
    socket.onerror = () => finish(opened ? { url, ok: false, failure: 'closed' } : { url, ok: false, failure: refused() });
    socket.onclose = (event) => finish(opened ? { url, ok: false, failure: 'closed', closeCode: event.code } : { url, ok: false, failure: refused() });
  });
}

function isPong(data: string): boolean {
  if (data.length > 100) return false;
  try {
    const message: unknown = JSON.parse(data);
    return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'pong';
  } catch {
    return false;
  }
}

/** A candidate's type, from the field or else from the "typ" of its SDP line. */
export function candidateType(candidate: CheckCandidate): string | null {
  if (candidate.type) return candidate.type;
  const match = / typ ([a-z]+)/.exec(candidate.candidate);
  return match ? match[1]! : null;
}

/**
 * Gathers this device's ICE candidates with the configured STUN/TURN servers, as a connection to a
 * teammate would, and counts them by type. Bounded in time; the connection is closed afterwards.
 */
export function gatherCandidates(iceServers: RTCIceServer[], env: CheckEnvironment): Promise<CandidateResult> {
  const result: CandidateResult = { host: 0, srflx: 0, relay: 0, failures: [], timedOut: false, unavailable: false };
  let pc: CheckPeerConnection;
  try {
    pc = env.createPeerConnection({ iceServers });
  } catch {
    return Promise.resolve({ ...result, unavailable: true });
  }
  return new Promise((resolve) => {
    let done = false;
    const finish = (change: Partial<CandidateResult> = {}) => {
      if (done) return;
      done = true;
      env.clearTimer(timer);
      pc.onicecandidate = pc.onicecandidateerror = pc.onicegatheringstatechange = null;
      try {
        pc.close();
      } catch {
        // closed already
      }
      resolve({ ...result, ...change });
    };
    const timer = env.setTimer(() => finish({ timedOut: true }), CHECK_LIMITS.gatherTimeoutMs);
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate) return finish();
      const type = candidateType(candidate);
      if (type === 'host') result.host++;
      else if (type === 'srflx' || type === 'prflx') result.srflx++;
      else if (type === 'relay') result.relay++;
    };
    pc.onicecandidateerror = (event) => {
      const url = typeof event.url === 'string' ? event.url.slice(0, 200) : '';
      if (result.failures.length >= 20 || result.failures.some((f) => f.url === url)) return;
      result.failures.push({
        url,
        errorCode: typeof event.errorCode === 'number' ? event.errorCode : null,
        errorText: typeof event.errorText === 'string' ? event.errorText.slice(0, 200) : '',
      });
    };
    pc.onicegatheringstatechange = () => {
      if (pc.iceGatheringState === 'complete') finish();
    };
    try {
      pc.createDataChannel('kehu-check');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(() => finish({ unavailable: true }));
    } catch {
      finish({ unavailable: true });
    }
  });
}

/** The configured servers' addresses, one per URL. */
export function iceUrls(iceServers: RTCIceServer[]): string[] {
  return iceServers.flatMap((server) => (Array.isArray(server.urls) ? server.urls : [server.urls]));
}

/** What to change, in the order a person should do it. */
export function adviceFor(report: Omit<CheckReport, 'advice'>, iceServers: RTCIceServer[]): Advice[] {
  const advice: Advice[] = [];
  if (!report.secureContext) advice.push('insecure-context');
  if (report.relays.length === 0) advice.push('no-relay');
  const failed = report.relays.filter((r): r is Extract<RelayResult, { ok: false }> => !r.ok);
  if (failed.some((r) => r.failure === 'insecure')) advice.push('relay-insecure');
  if (failed.some((r) => r.failure === 'invalid')) advice.push('relay-invalid');
  if (failed.some((r) => r.failure === 'refused-or-tls')) advice.push('relay-tls');
  if (failed.some((r) => r.failure === 'refused' || r.failure === 'timeout' || r.failure === 'no-answer' || r.failure === 'closed')) {
    advice.push('relay-unreachable');
  }
  const { candidates } = report;
  if (candidates.unavailable || candidates.host + candidates.srflx + candidates.relay === 0) advice.push('no-candidates');
  const urls = iceUrls(iceServers);
  if (candidates.failures.length > 0) advice.push('ice-server-failed');
  // Chromium names a server that never answers only after ~40 s of retries, past the check's bound.
  else if (candidates.timedOut && urls.length > 0) advice.push('ice-server-silent');
  const hasTurn = urls.some((url) => /^turns?:/i.test(url));
  if (hasTurn && candidates.relay === 0 && !candidates.unavailable) advice.push('turn-not-gathered');
  const unreachable = report.teammates.unknown.length + report.teammates.routes.filter((r) => r.route === 'unreachable').length;
  if (unreachable > 0) advice.push(hasTurn ? 'unreachable-check-turn' : 'unreachable-add-turn');
  return advice;
}

/** The whole check: relays and candidates at the same time, then the teammates as the connections see them now. */
export async function checkConnection(
  settings: { relays: string[]; iceServers: RTCIceServer[] },
  env: CheckEnvironment,
  teammates: () => TeammateReach | Promise<TeammateReach>,
): Promise<CheckReport> {
  const [relays, candidates] = await Promise.all([
    Promise.all(settings.relays.slice(0, CHECK_LIMITS.maxRelays).map((url) => checkRelay(url, env))),
    gatherCandidates(settings.iceServers, env),
  ]);
  const partial = { secureContext: env.secureContext, relays, candidates, teammates: await teammates() };
  return { ...partial, advice: adviceFor(partial, settings.iceServers) };
}

/** The browser's own objects, for the app. */
export function browserCheckEnvironment(): CheckEnvironment {
  return {
    secureContext: globalThis.isSecureContext ?? false,
    pageProtocol: globalThis.location?.protocol ?? 'http:',
    openSocket: (url) => new WebSocket(url) as unknown as CheckSocket,
    createPeerConnection: (config) => new RTCPeerConnection(config) as unknown as CheckPeerConnection,
    now: () => performance.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  };
}

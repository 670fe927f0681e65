import { describe, expect, it } from 'vitest';
import {
  adviceFor,
  candidateType,
  checkConnection,
  checkRelay,
  gatherCandidates,
  CHECK_LIMITS,
  type CheckCandidate,
  type CheckEnvironment,
  type CheckIceError,
  type CheckPeerConnection,
  type CheckSocket,
} from '../../../src/sync/connection-check';

/** A fake clock: timers run when the test moves time on. */
class Clock {
  now = 0;
  #timers = new Map<number, { at: number; run: () => void }>();
  #next = 1;
  set(run: () => void, ms: number) {
    const id = this.#next++;
    this.#timers.set(id, { at: this.now + ms, run });
    return id;
  }
  clear(id: unknown) {
    this.#timers.delete(id as number);
  }
  advance(ms: number) {
    this.now += ms;
    for (const [id, t] of [...this.#timers]) {
      if (t.at <= this.now) {
        this.#timers.delete(id);
        t.run();
      }
    }
  }
}

class FakeSocket implements CheckSocket {
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
}

class FakePeerConnection implements CheckPeerConnection {
  onicecandidate: ((event: { candidate: CheckCandidate | null }) => void) | null = null;
  onicecandidateerror: ((event: CheckIceError) => void) | null = null;
  onicegatheringstatechange: (() => void) | null = null;
  iceGatheringState = 'new';
  channels: string[] = [];
  closed = false;
  described = false;
  constructor(readonly config: { iceServers: RTCIceServer[] }) {}
  createDataChannel(label: string) {
    this.channels.push(label);
    return {};
  }
  createOffer() {
    return Promise.resolve({ type: 'offer', sdp: 'v=0' });
  }
  setLocalDescription() {
    this.described = true;
    this.iceGatheringState = 'gathering';
    return Promise.resolve();
  }
  close() {
    this.closed = true;
  }
  candidate(line: string, type?: string) {
    this.onicecandidate?.({ candidate: { candidate: line, ...(type ? { type } : {}) } });
  }
  complete() {
    this.iceGatheringState = 'complete';
    this.onicegatheringstatechange?.();
    this.onicecandidate?.({ candidate: null });
  }
}

function environment(options: { protocol?: string; secure?: boolean } = {}) {
  const clock = new Clock();
  const sockets: FakeSocket[] = [];
  const pcs: FakePeerConnection[] = [];
  const env: CheckEnvironment = {
    secureContext: options.secure ?? true,
    pageProtocol: options.protocol ?? 'http:',
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    createPeerConnection: (config) => {
      const pc = new FakePeerConnection(config);
      pcs.push(pc);
      return pc;
    },
    now: () => clock.now,
    setTimer: (run, ms) => clock.set(run, ms),
    clearTimer: (id) => clock.clear(id),
  };
  return { env, clock, sockets, pcs };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('relay check', () => {
  it('opens the socket, pings and reports the pong latency', async () => {
    const { env, clock, sockets } = environment();
    const result = checkRelay('ws://127.0.0.1:8420/signal', env);
    const socket = sockets[0]!;
    socket.onopen?.();
    expect(socket.sent).toEqual(['{"type":"ping"}']);
    clock.advance(37);
    socket.onmessage?.({ data: '{"type":"publish","topic":"x"}' });
    socket.onmessage?.({ data: '{"type":"pong"}' });
    await expect(result).resolves.toEqual({ url: 'ws://127.0.0.1:8420/signal', ok: true, latencyMs: 37 });
    expect(socket.closed).toBe(true);
  });

  it('a socket that fails before opening: refused for ws://, refused or an untrusted certificate for wss://', async () => {
    const ws = environment();
    const refused = checkRelay('ws://127.0.0.1:1/signal', ws.env);
    ws.sockets[0]!.onerror?.();
    await expect(refused).resolves.toEqual({ url: 'ws://127.0.0.1:1/signal', ok: false, failure: 'refused' });
    const wss = environment({ protocol: 'https:' });
    const tls = checkRelay('wss://relay.example.org/signal', wss.env);
    wss.sockets[0]!.onclose?.({ code: 1006 });
    await expect(tls).resolves.toMatchObject({ ok: false, failure: 'refused-or-tls' });
  });

  it('times out when the socket neither opens nor fails, and says when it opened but never answered', async () => {
    const silent = environment();
    const timeout = checkRelay('ws://10.9.9.9:8420/signal', silent.env);
    silent.clock.advance(CHECK_LIMITS.relayTimeoutMs);
    await expect(timeout).resolves.toMatchObject({ ok: false, failure: 'timeout' });
    expect(silent.sockets[0]!.closed).toBe(true);

    const mute = environment();
    const noAnswer = checkRelay('ws://127.0.0.1:8420/other', mute.env);
    mute.sockets[0]!.onopen?.();
    mute.clock.advance(CHECK_LIMITS.relayTimeoutMs);
    await expect(noAnswer).resolves.toMatchObject({ ok: false, failure: 'no-answer' });
  });

  it('a socket closed after opening reports its close code', async () => {
    const { env, sockets } = environment();
    const result = checkRelay('ws://127.0.0.1:8420/signal', env);
    sockets[0]!.onopen?.();
    sockets[0]!.onclose?.({ code: 1008 });
    await expect(result).resolves.toEqual({ url: 'ws://127.0.0.1:8420/signal', ok: false, failure: 'closed', closeCode: 1008 });
  });

  it('does not open ws:// from an https page, nor an address that is not a WebSocket URL', async () => {
    const { env, sockets } = environment({ protocol: 'https:' });
    await expect(checkRelay('ws://192.168.1.20:8420/signal', env)).resolves.toMatchObject({ ok: false, failure: 'insecure' });
    await expect(checkRelay('http://x', env)).resolves.toMatchObject({ ok: false, failure: 'invalid' });
    expect(sockets).toHaveLength(0);
  });

  it('a WebSocket constructor that throws is an invalid address', async () => {
    const { env } = environment();
    env.openSocket = () => {
      throw new SyntaxError('bad');
    };
    await expect(checkRelay('ws://127.0.0.1:8420/signal', env)).resolves.toMatchObject({ ok: false, failure: 'invalid' });
  });
});

describe('ICE candidates', () => {
  it('reads a candidate type from its field or its SDP line', () => {
    expect(candidateType({ candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0', type: null })).toBe('host');
    expect(candidateType({ candidate: 'candidate:2 1 udp 1686052607 203.0.113.5 40000 typ srflx raddr 10.0.0.2 rport 50000' })).toBe('srflx');
    expect(candidateType({ candidate: 'x', type: 'relay' })).toBe('relay');
    expect(candidateType({ candidate: 'garbage' })).toBeNull();
  });

  it('gathers with the configured servers, counts host / server reflexive / relayed and names failing servers', async () => {
    const { env, pcs } = environment();
    const iceServers = [{ urls: 'stun:10.1.0.1:3478' }, { urls: ['turn:10.1.0.1:3478?transport=udp'], username: 'u', credential: 'c' }];
    const result = gatherCandidates(iceServers, env);
    const pc = pcs[0]!;
    expect(pc.config.iceServers).toBe(iceServers);
    expect(pc.channels).toHaveLength(1);
    await flush();
    expect(pc.described).toBe(true);
    pc.candidate('candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0', 'host');
    pc.candidate('candidate:2 1 udp 1686052607 203.0.113.5 40000 typ srflx raddr 10.0.0.2 rport 50000');
    pc.onicecandidateerror?.({ url: 'turn:10.1.0.1:3478?transport=udp', errorCode: 401, errorText: 'Unauthorized' });
    pc.onicecandidateerror?.({ url: 'turn:10.1.0.1:3478?transport=udp', errorCode: 401, errorText: 'Unauthorized' });
    pc.complete();
    await expect(result).resolves.toEqual({
      host: 1,
      srflx: 1,
      relay: 0,
      failures: [{ url: 'turn:10.1.0.1:3478?transport=udp', errorCode: 401, errorText: 'Unauthorized' }],
      timedOut: false,
      unavailable: false,
    });
    expect(pc.closed).toBe(true);
  });

  it('stops at its time limit with what came until then', async () => {
    const { env, pcs, clock } = environment();
    const result = gatherCandidates([{ urls: 'turn:10.1.0.1:3478', username: 'u', credential: 'c' }], env);
    await flush();
    pcs[0]!.candidate('candidate:3 1 udp 41885439 10.1.0.1 55000 typ relay raddr 0.0.0.0 rport 0');
    clock.advance(CHECK_LIMITS.gatherTimeoutMs);
    await expect(result).resolves.toMatchObject({ relay: 1, timedOut: true });
    expect(pcs[0]!.closed).toBe(true);
  });

  it('no RTCPeerConnection at all is reported, not thrown', async () => {
    const { env } = environment();
    env.createPeerConnection = () => {
      throw new ReferenceError('RTCPeerConnection is not defined');
    };
    await expect(gatherCandidates([], env)).resolves.toMatchObject({ unavailable: true, host: 0 });
  });
});

const okCandidates = { host: 1, srflx: 0, relay: 0, failures: [], timedOut: false, unavailable: false };
const noMates = { routes: [], unknown: [] };

describe('what to change', () => {
  it('nothing when the relay answers, candidates come and every teammate is reached', () => {
    const report = {
      secureContext: true,
      relays: [{ url: 'ws://a/signal', ok: true as const, latencyMs: 3 }],
      candidates: okCandidates,
      teammates: { routes: [{ memberId: 'm', route: 'direct' as const, since: '' }], unknown: [] },
    };
    expect(adviceFor(report, [])).toEqual([]);
  });

  it('an unreachable teammate with no TURN server: add one; with one that gave no relayed candidate: check it', () => {
    const base = { secureContext: true, relays: [{ url: 'ws://a/signal', ok: true as const, latencyMs: 3 }], candidates: okCandidates };
    const unknown = { routes: [], unknown: [{ peerId: 'p', since: '' }] };
    expect(adviceFor({ ...base, teammates: unknown }, [])).toEqual(['unreachable-add-turn']);
    const turn = [{ urls: 'turn:10.1.0.1:3478', username: 'u', credential: 'c' }];
    const failed = { ...okCandidates, failures: [{ url: 'turn:10.1.0.1:3478', errorCode: 701, errorText: 'timeout' }] };
    expect(adviceFor({ ...base, candidates: failed, teammates: unknown }, turn)).toEqual(['ice-server-failed', 'turn-not-gathered', 'unreachable-check-turn']);
  });

  it('a gathering cut short with servers set and none named: the servers did not answer in time', () => {
    const base = { secureContext: true, relays: [{ url: 'ws://a/signal', ok: true as const, latencyMs: 3 }], teammates: noMates };
    const stun = [{ urls: 'stun:10.1.0.1:3478' }];
    expect(adviceFor({ ...base, candidates: { ...okCandidates, timedOut: true } }, stun)).toEqual(['ice-server-silent']);
    expect(adviceFor({ ...base, candidates: { ...okCandidates, timedOut: true } }, [])).toEqual([]);
  });

  it('each relay failure and an insecure page say what to change', () => {
    const relays = [
      { url: 'ws://a/signal', ok: false as const, failure: 'refused' as const },
      { url: 'wss://b/signal', ok: false as const, failure: 'refused-or-tls' as const },
      { url: 'ws://c/signal', ok: false as const, failure: 'insecure' as const },
    ];
    expect(adviceFor({ secureContext: false, relays, candidates: okCandidates, teammates: noMates }, [])).toEqual([
      'insecure-context',
      'relay-insecure',
      'relay-tls',
      'relay-unreachable',
    ]);
    expect(adviceFor({ secureContext: true, relays: [], candidates: { ...okCandidates, host: 0 }, teammates: noMates }, [])).toEqual(['no-relay', 'no-candidates']);
  });

  it('the whole check runs relays and candidates together and reads the teammates afterwards', async () => {
    const { env, sockets, pcs } = environment();
    let read = 0;
    const report = checkConnection({ relays: ['ws://127.0.0.1:8420/signal'], iceServers: [] }, env, () => {
      read++;
      return noMates;
    });
    sockets[0]!.onopen?.();
    sockets[0]!.onmessage?.({ data: '{"type":"pong"}' });
    await flush();
    pcs[0]!.candidate('candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', 'host');
    pcs[0]!.complete();
    const done = await report;
    expect(read).toBe(1);
    expect(done).toMatchObject({ secureContext: true, relays: [{ ok: true, latencyMs: 0 }], candidates: { host: 1 }, advice: [] });
  });

  it('waits for a fresh read of the teammates (the app reads the connections again at the end of the check)', async () => {
    const { env, pcs } = environment();
    const mate = { memberId: 'm-li', route: 'direct' as const, since: '2026-12-08T05:00:00.000Z' };
    const report = checkConnection({ relays: [], iceServers: [] }, env, async () => {
      await flush();
      return { routes: [mate], unknown: [] };
    });
    pcs[0]!.candidate('candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', 'host');
    pcs[0]!.complete();
    expect((await report).teammates.routes).toEqual([mate]);
  });
});

// The signalling relay: a y-webrtc-compatible WebSocket endpoint at /signal on the app's own HTTP server.
// It only helps peers find each other (it forwards WebRTC offers/answers between the members of a room);
// it stores nothing but the in-memory list of which open connection is subscribed to which topic.
// This file is the connections' life: who is let in (signal-admission.js), how fast each may send, pings,
// idle sweeps and shutdown. What a message does is in signal-topics.js (the wire protocol), and what is
// queued for a socket in signal-outbox.js. See docs/sync-protocol.md, "Signalling relay".
import { WebSocketServer } from 'ws';
import { createAdmission } from './signal-admission.js';
import { createOutbox } from './signal-outbox.js';
import { createTopicBoard } from './signal-topics.js';

/**
 * @typedef {object} SignalRelayOptions
 * @property {string | readonly string[]} [path] URL path(s) that accept WebSocket upgrades (default "/signal").
 * @property {number} [maxPayload] Largest accepted message in bytes; a larger one closes that connection with 1009.
 * @property {number} [maxTopicsPerConnection] Topics one connection may be subscribed to; extra ones are ignored.
 * @property {number} [maxTopicLength] Longest accepted topic name (UTF-16 code units); longer names are ignored.
 * @property {number} [maxConnections] Open connections at once; further upgrades get 503.
 * @property {number} [maxConnectionsPerIp] Open connections from one address; further upgrades from it get 429.
 * @property {number} [upgradesPerSecondPerIp] New connections one address may open per second, on average;
 *   past its burst, upgrades get 429.
 * @property {number} [upgradeBurstPerIp] New connections one address may open at once.
 * @property {number} [maxTrackedAddresses] Addresses whose counts are kept at once; a new address past it gets 503.
 * @property {readonly string[]} [allowedOrigins] Origins whose pages may connect, besides the page's own (the Host
 *   it reached this server at) and pages served from this machine (localhost); `*` allows any. Upgrades
 *   without Origin (not from a browser) are allowed. Others get 403.
 * @property {boolean} [trustForwardedFor] Count per address by X-Forwarded-For's last entry (only behind a proxy
 *   that sets it: otherwise anyone could claim any address).
 * @property {number} [idleTimeoutMs] A connection that has sent no message, or been subscribed to no topic, for
 *   this long is closed (1000, "Idle"), whether or not it answers pings.
 * @property {number} [maxBufferedBytes] Bytes queued for one connection that it has not read; a message past it
 *   closes that connection (a slow reader) instead of growing the queue.
 * @property {number} [maxTotalBufferedBytes] Bytes queued for all connections together; past it, the connection
 *   with the longest queue is closed.
 * @property {number} [messagesPerSecond] Messages one connection may send per second, on average; one that sends
 *   faster is closed with 1008 once its burst allowance is spent.
 * @property {number} [messageBurst] Messages one connection may send at once (a device meeting many teammates
 *   sends an offer and a few ICE candidates to each).
 * @property {number} [pingIntervalMs] How often every socket is pinged; a socket that has not answered the
 *   previous ping by the next one is terminated.
 * @property {number} [closeGraceMs] On close(), how long sockets get to finish the closing handshake.
 */

/**
 * @typedef {object} SignalRelay
 * @property {() => Promise<void>} close Stops accepting upgrades, closes every socket (1001) and the ping timer.
 * @property {() => { connections: number, topics: number }} stats Open connections and topics with subscribers.
 * @property {() => import('./signal-outbox.js').OutboxUsage & { trackedAddresses: number }} usage What is
 *   queued for the sockets, how many slow readers were closed, and how many addresses are counted.
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean} answerPlainRequest
 *   Answers a plain (not upgrade) GET or HEAD of a relay path with 426 and the RELAY_MARKER header, and says
 *   whether it did; the server's own handler answers everything else.
 */

/**
 * The header a relay path's plain GET carries: the app probes its default relay (`signal` next to the page)
 * with one fetch, and a static host (GitHub Pages: a 404 or its index.html) has no such header, so the app
 * does not keep opening a WebSocket that can never connect. Mirrored in src/sync/relay-probe.ts.
 */
export const RELAY_MARKER = Object.freeze({ name: 'Kehu-Relay', value: '1' });

export const SIGNAL_RELAY_DEFAULTS = Object.freeze({
  path: /** @type {string | readonly string[]} */ ('/signal'),
  maxPayload: 64 * 1024,
  maxTopicsPerConnection: 32,
  maxTopicLength: 256,
  maxConnections: 1000,
  maxConnectionsPerIp: 64,
  upgradesPerSecondPerIp: 10,
  upgradeBurstPerIp: 40,
  maxTrackedAddresses: 4000,
  allowedOrigins: /** @type {readonly string[]} */ ([]),
  trustForwardedFor: false,
  idleTimeoutMs: 60_000,
  maxBufferedBytes: 1024 * 1024,
  maxTotalBufferedBytes: 64 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 500,
  pingIntervalMs: 30_000,
  closeGraceMs: 1000,
});

/**
 * @typedef {object} Connection
 * @property {Set<string>} topics
 * @property {boolean} alive Whether it answered the last ping.
 * @property {string} address The client's address, as counted for the per-address limits.
 * @property {number} lastMessageAt When it last sent a message (performance.now()).
 * @property {number | null} unsubscribedSince Since when it has been subscribed to nothing, or null.
 */

/** @param {import('node:stream').Duplex} socket @param {number} status @param {string} reason */
function refuse(socket, status, reason) {
  socket.on('error', () => {});
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`);
}

/** @param {import('ws').RawData} data */
function textOf(data) {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** @param {string | undefined} url */
function pathnameOf(url) {
  try {
    return new URL(url ?? '/', 'http://relay.invalid').pathname;
  } catch {
    return null;
  }
}

/**
 * Attaches the signalling relay to `httpServer` (WebSocket upgrades on `options.path`; every other upgrade
 * path is refused with 404). Normal HTTP requests are left to the server's own request handler.
 * @param {import('node:http').Server} httpServer
 * @param {SignalRelayOptions} [options]
 * @returns {SignalRelay}
 */
export function attachSignalRelay(httpServer, options = {}) {
  const limits = { ...SIGNAL_RELAY_DEFAULTS, ...options };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload, perMessageDeflate: false });
  const paths = new Set(typeof limits.path === 'string' ? [limits.path] : limits.path);
  const admission = createAdmission(limits);
  const outbox = createOutbox(limits);

  const board = createTopicBoard(limits, outbox);
  /** socket → what the relay keeps about it. @type {Map<import('ws').WebSocket, Connection>} */
  const connections = new Map();
  let closing = false;
  /** @type {Promise<void> | null} */
  let closed = null;

  wss.on('connection', (socket, /** @type {string} */ address) => {
    const now = performance.now();
    /** @type {Connection} */
    const state = { topics: new Set(), alive: true, address, lastMessageAt: now, unsubscribedSince: now };
    admission.opened(address);
    outbox.add(socket);
    // A token bucket: every message spends one; they come back at messagesPerSecond, up to messageBurst.
    // Each publish is copied to every subscriber, so a runaway client would flood its whole room.
    let tokens = limits.messageBurst;
    let refilledAt = performance.now(); // monotonic: a clock set back must not stop a connection
    const withinRate = () => {
      const now = performance.now();
      tokens = Math.min(limits.messageBurst, tokens + ((now - refilledAt) / 1000) * limits.messagesPerSecond);
      refilledAt = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    };
    connections.set(socket, state);
    // Errors (oversized frame → 1009, invalid UTF-8 → 1007, protocol errors → 1002) close this socket only.
    socket.on('error', () => {});
    socket.on('pong', () => {
      state.alive = true;
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary || closing) return; // y-webrtc only sends JSON text
      state.lastMessageAt = performance.now();
      if (!withinRate()) {
        socket.close(1008, 'Too many messages');
        return;
      }
      try {
        board.handle(socket, state, textOf(data));
      } catch {
        socket.close(1011);
      }
    });
    socket.on('close', () => {
      board.leaveAll(socket, state);
      connections.delete(socket);
      outbox.remove(socket);
      admission.closed(state.address);
    });
  });

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  const onUpgrade = (request, socket, head) => {
    if (!paths.has(pathnameOf(request.url) ?? '')) return refuse(socket, 404, 'Not Found');
    if (closing) return refuse(socket, 503, 'Service Unavailable');
    const verdict = admission.admit(request);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    if (connections.size >= limits.maxConnections) return refuse(socket, 503, 'Service Unavailable');
    socket.on('error', () => {});
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, verdict.address));
  };
  httpServer.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const [socket, state] of connections) {
      if (!state.alive) {
        socket.terminate();
        continue;
      }
      state.alive = false;
      socket.ping();
    }
  }, limits.pingIntervalMs);
  // The timer alone must not keep the process running.
  if (typeof heartbeat === 'object' && heartbeat !== null && 'unref' in heartbeat) heartbeat.unref();

  // Answering pings takes nothing but a kernel: a connection must also use the relay to keep its slot.
  const idleSweep = setInterval(() => {
    const now = performance.now();
    for (const [socket, state] of connections) {
      const quietFor = now - state.lastMessageAt;
      const aloneFor = state.unsubscribedSince === null ? 0 : now - state.unsubscribedSince;
      if (quietFor >= limits.idleTimeoutMs || aloneFor >= limits.idleTimeoutMs) socket.close(1000, 'Idle');
    }
    admission.prune();
  }, Math.max(1, limits.idleTimeoutMs / 4));
  if (typeof idleSweep === 'object' && idleSweep !== null && 'unref' in idleSweep) idleSweep.unref();

  const close = () => {
    if (closed) return closed;
    closing = true;
    clearInterval(heartbeat);
    clearInterval(idleSweep);
    httpServer.off('upgrade', onUpgrade);
    httpServer.off('close', onServerClose);
    closed = new Promise((resolve) => {
      for (const socket of connections.keys()) socket.close(1001, 'Server shutting down');
      const straggle = setTimeout(() => {
        for (const socket of connections.keys()) socket.terminate();
      }, limits.closeGraceMs);
      wss.close(() => {
        clearTimeout(straggle);
        board.clear();
        admission.clear();
        resolve();
      });
    });
    return closed;
  };
  const onServerClose = () => void close();
  httpServer.on('close', onServerClose);

  /** @type {SignalRelay['answerPlainRequest']} */
  const answerPlainRequest = (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!paths.has(pathnameOf(req.url) ?? '')) return false;
    res.statusCode = 426;
    res.setHeader(RELAY_MARKER.name, RELAY_MARKER.value);
    res.setHeader('Upgrade', 'websocket');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(req.method === 'HEAD' ? undefined : 'Kehu signalling relay: Kehu connects here with WebSocket (wss:// or ws://).\n');
    return true;
  };

  return {
    close,
    answerPlainRequest,
    stats: () => ({ connections: connections.size, topics: board.size() }),
    usage: () => ({ ...outbox.usage(), trackedAddresses: admission.trackedAddresses() }),
  };
}

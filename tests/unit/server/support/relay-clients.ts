// Relays on 127.0.0.1 and WebSocket clients for the relay's tests; every relay and client is closed after each test.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { attachSignalRelay, type SignalRelay, type SignalRelayOptions } from '../../../../server/signal.js';
import { WAIT_MS, within } from './within';

export { WAIT_MS, within };

export type Closed = { code: number; reason: string };

export interface Client {
  ws: WebSocket;
  /** Every text message received, in order. */
  received: string[];
  /** Pings (WebSocket control frames) received from the server. */
  pings: number;
  closed: Promise<Closed>;
  send(message: unknown): void;
  /** Resolves with the first message at index >= `from` that satisfies `test`. */
  waitFor(test: (message: Record<string, unknown>) => boolean, what: string, from?: number): Promise<string>;
  /** A JSON ping answered by a pong: everything this client sent before has been handled by the relay. */
  roundTrip(): Promise<void>;
  waitForPing(count: number): Promise<void>;
  /** Resolves once `test` holds, checked after every message and ping (it should not parse every message). */
  waitUntil(test: () => boolean, what: string): Promise<void>;
}

const servers: { server: Server; relay: SignalRelay }[] = [];
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate();
  for (const { server, relay } of servers.splice(0)) {
    await relay.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

export async function startRelay(options?: SignalRelayOptions) {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const relay = attachSignalRelay(server, options);
  servers.push({ server, relay });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, relay, origin: `ws://127.0.0.1:${port}`, url: `ws://127.0.0.1:${port}/signal` };
}

export function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Opens a WebSocket; rejects with the server's answer when the upgrade is refused. */
export async function connect(url: string, options?: ClientOptions): Promise<Client> {
  const ws = new WebSocket(url, options);
  const received: string[] = [];
  const listeners = new Set<() => void>();
  const client: Client = {
    ws,
    received,
    pings: 0,
    closed: new Promise<Closed>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    waitFor(test, what, from = 0) {
      return within(
        new Promise<string>((resolve) => {
          const check = () => {
            const found = received.slice(from).find((text) => test(parse(text)));
            if (found === undefined) return;
            listeners.delete(check);
            resolve(found);
          };
          listeners.add(check);
          check();
        }),
        what,
      );
    },
    async roundTrip() {
      const from = received.length;
      client.send({ type: 'ping' });
      await client.waitFor((m) => m.type === 'pong', 'pong', from);
    },
    waitForPing(count) {
      return client.waitUntil(() => client.pings >= count, `ping #${count}`);
    },
    waitUntil(test, what) {
      return within(
        new Promise<void>((resolve) => {
          const check = () => {
            if (!test()) return;
            listeners.delete(check);
            resolve();
          };
          listeners.add(check);
          check();
        }),
        what,
      );
    },
  };
  ws.on('message', (data, isBinary) => {
    if (!isBinary) received.push(data.toString());
    for (const listener of [...listeners]) listener();
  });
  ws.on('ping', () => {
    client.pings += 1;
    for (const listener of [...listeners]) listener();
  });
  ws.on('error', () => {});
  clients.push(client);
  await within(
    new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    }),
    `connection to ${url}`,
  );
  return client;
}

/** Connects a client and subscribes it to `topics`, waiting until the relay has handled it. */
export async function subscriber(url: string, topics: string[]) {
  const client = await connect(url);
  client.send({ type: 'subscribe', topics });
  await client.roundTrip();
  return client;
}

/** What the relay sends for a received publish text: the same text with `"clients":n` appended. */
export const relayed = (text: string, clients: number) => `${text.slice(0, -1)},"clients":${clients}}`;

// server/index.js and server/relay.js listening on 127.0.0.1 for one test, and WebSocket pings to them;
// every server, folder and socket is closed or removed after each test, newest first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import { createServer } from '../../../../server/index.js';
import type { createRelayServer } from '../../../../server/relay.js';
import { within } from './within';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A folder under the system's temporary folder, removed after the test. */
export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Listens on a port the kernel picks and resolves with it; the server and its relay are closed after the test. */
export async function listen(server: ReturnType<typeof createRelayServer> | ReturnType<typeof createServer>): Promise<number> {
  cleanups.push(async () => {
    await server.signalRelay?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** The app server (server/index.js) serving an index.html titled "Kehu test", listening. */
export async function startApp(options: Omit<NonNullable<Parameters<typeof createServer>[0]>, 'distDir'> = {}) {
  const distDir = tempFolder('kehu-dist-');
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Kehu test</title>');
  const server = createServer({ distDir, ...options });
  const port = await listen(server);
  return { server, port };
}

/** Opens a WebSocket (wss trusting `ca`), sends a JSON ping and resolves with the answer, or rejects with the HTTP status. */
export function pingOver(url: string, options: { ca?: string | Buffer; origin?: string } = {}): Promise<string> {
  const ws = new WebSocket(url, { ca: options.ca, headers: options.origin ? { Origin: options.origin } : {} });
  cleanups.push(() => ws.terminate());
  ws.on('error', () => {});
  return within(
    new Promise<string>((resolve, reject) => {
      ws.once('open', () => ws.send('{"type":"ping"}'));
      ws.once('message', (data) => resolve(data.toString()));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    }),
    `an answer from ${url}`,
  );
}

// server/index.js: the app and the signalling relay share one HTTP server and port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createServer } from '../../../server/index.js';

// A bound for a wait that hangs (it names what never came), not a speed claim: on a loaded machine
// an answer can take seconds. Well under the 60 s test timeout.
const WAIT_MS = 30_000;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function start(options: Omit<NonNullable<Parameters<typeof createServer>[0]>, 'distDir'>) {
  const distDir = mkdtempSync(join(tmpdir(), 'kehu-dist-'));
  cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Kehu test</title>');
  const server = createServer({ distDir, ...options });
  cleanups.push(async () => {
    await server.signalRelay?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port };
}

/** Opens a WebSocket, sends a JSON ping and resolves with the first text answer. */
async function pingOver(url: string): Promise<string> {
  const ws = new WebSocket(url);
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

describe('createServer', () => {
  it('serves the app and the signalling relay on one port by default', async () => {
    const { server, port } = await start({});
    expect(server.signalRelay).not.toBeNull();
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kehu test');
    expect(await pingOver(`ws://127.0.0.1:${port}/signal`)).toBe('{"type":"pong"}');
    expect(server.signalRelay?.stats().connections).toBe(1);
    await expect(pingOver(`ws://127.0.0.1:${port}/elsewhere`)).rejects.toThrow('HTTP 404');
  });

  it('passes relay options through', async () => {
    const { port } = await start({ signalRelay: { path: '/relay' } });
    expect(await pingOver(`ws://127.0.0.1:${port}/relay`)).toBe('{"type":"pong"}');
    await expect(pingOver(`ws://127.0.0.1:${port}/signal`)).rejects.toThrow('HTTP 404');
  });

  it('can leave the relay out', async () => {
    const { server, port } = await start({ signalRelay: false });
    expect(server.signalRelay).toBeNull();
    expect(server.listenerCount('upgrade')).toBe(0);
    await expect(pingOver(`ws://127.0.0.1:${port}/signal`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });
});

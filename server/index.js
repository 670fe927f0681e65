#!/usr/bin/env node
// The Kehu server: serves the built app and the signalling relay (WebSocket at /signal) on one port.
import { createServer as createHttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { staticHandler } from './static.js';
import { attachSignalRelay } from './signal.js';
import { parseAllowedOrigins } from './signal-admission.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Creates (but does not start) the HTTP server for a built app in `distDir`. Unless `signalRelay` is false,
 * the same server also accepts the y-webrtc signalling relay's WebSocket upgrades at /signal
 * (`signalRelay` may be an options object for it); the relay is `server.signalRelay`.
 * @param {{ distDir?: string, signalRelay?: boolean | import('./signal.js').SignalRelayOptions }} [options]
 * @returns {import('node:http').Server & { signalRelay: import('./signal.js').SignalRelay | null }}
 */
export function createServer({ distDir = join(root, 'dist'), signalRelay = true } = {}) {
  const serveStatic = staticHandler(distDir);
  const server = createHttpServer((req, res) => {
    // A file that vanished since start (the app being rebuilt) must fail one request, not the server.
    res.on('pipe', (source) =>
      source.on('error', () => {
        if (!res.headersSent) res.statusCode = 503;
        res.end();
      }),
    );
    serveStatic(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  const relay = signalRelay === false ? null : attachSignalRelay(server, signalRelay === true ? {} : signalRelay);
  return Object.assign(server, { signalRelay: relay });
}

/**
 * Where `npm start` listens: PORT (default 8420; 0 picks a free one) on HOST (default 127.0.0.1, this
 * machine only; 0.0.0.0 for the LAN). An empty PORT counts as unset: Number('') would be 0, a random port.
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ port: number, host: string } | { error: string }}
 */
export function listenAddress(env) {
  const text = (env.PORT ?? '').trim();
  const port = text === '' ? 8420 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `PORT must be a number from 0 to 65535, not "${env.PORT}".` };
  return { port, host: env.HOST?.trim() || '127.0.0.1' };
}

/** @param {NodeJS.ProcessEnv} env */
function main(env) {
  // KEHU_DIST: another build to serve (parallel test runs build into separate folders).
  const distDir = env.KEHU_DIST ? env.KEHU_DIST : join(root, 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error(`Kehu: there is no built app in ${distDir}. Run "npm start" (it builds first) or "npm run build".`);
    process.exit(1);
  }
  const address = listenAddress(env);
  if ('error' in address) {
    console.error(`Kehu: ${address.error}`);
    process.exit(1);
  }
  const { port, host } = address;
  /** @type {string[]} */
  let allowedOrigins;
  try {
    // KEHU_RELAY_ORIGINS: pages of other origins (another Kehu server, a proxy's name) that may use this relay.
    allowedOrigins = parseAllowedOrigins(env.KEHU_RELAY_ORIGINS);
  } catch (error) {
    console.error(`Kehu: KEHU_RELAY_ORIGINS: ${error instanceof Error ? error.message : String(error)}.`);
    process.exit(1);
  }
  // KEHU_RELAY_TRUST_PROXY=1 behind a reverse proxy: count connections per client, not per proxy.
  const trustForwardedFor = env.KEHU_RELAY_TRUST_PROXY === '1';
  const server = createServer({ distDir, signalRelay: { allowedOrigins, trustForwardedFor } });
  server.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`Kehu: port ${port} on ${host} is already in use. Stop the other program or start with PORT=<another port>.`);
    } else {
      console.error(`Kehu: the server could not start: ${error.message}`);
    }
    process.exit(1);
  });
  server.listen(port, host, () => {
    const bound = server.address();
    const actualPort = typeof bound === 'object' && bound ? bound.port : port;
    // An IPv6 address goes in brackets in a URL (http://[::1]:8420/).
    const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    console.log(`Kehu is running at http://${shown}:${actualPort}/`);
    console.log(`Signalling relay for peer-to-peer sync: ws://${shown}:${actualPort}/signal`);
  });
  const stop = () => {
    // Close the relay's WebSockets first: the HTTP server only finishes closing once they are gone.
    void server.signalRelay?.close();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.env);
}

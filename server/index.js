#!/usr/bin/env node
// The Kehu server: serves the built app and the signalling relay (WebSocket at /signal) on one port,
// over https when KEHU_TLS_CERT and KEHU_TLS_KEY name a certificate and its key (server/listen.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { staticHandler } from './static.js';
import { attachSignalRelay } from './signal.js';
import { certificateWarnings, createWebServer, isLoopbackHost, listenAddress, relayAdmissionEnv, relayUrl, serverUrls, tlsFiles } from './listen.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Creates (but does not start) the HTTP server (HTTPS with `tls`) for a built app in `distDir`. Unless `signalRelay` is false,
 * the same server also accepts the y-webrtc signalling relay's WebSocket upgrades at /signal
 * (`signalRelay` may be an options object for it); the relay is `server.signalRelay`.
 * @param {{ distDir?: string, tls?: import('./listen.js').TlsFiles | null, signalRelay?: boolean | import('./signal.js').SignalRelayOptions }} [options]
 * @returns {import('node:http').Server & { signalRelay: import('./signal.js').SignalRelay | null }}
 */
export function createServer({ distDir = join(root, 'dist'), tls = null, signalRelay = true } = {}) {
  const serveStatic = staticHandler(distDir);
  const server = createWebServer(tls, (req, res) => {
    // A file that vanished since start (the app being rebuilt) must fail one request, not the server.
    res.on('pipe', (source) =>
      source.on('error', () => {
        if (!res.headersSent) res.statusCode = 503;
        res.end();
      }),
    );
    // A plain GET of /signal says a relay is here (426 and its marker): the app's probe, src/sync/relay-probe.ts.
    if (relay?.answerPlainRequest(req, res)) return;
    serveStatic(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  const relay = signalRelay === false ? null : attachSignalRelay(server, signalRelay === true ? {} : signalRelay);
  return Object.assign(server, { signalRelay: relay });
}

// Kept here too: `npm start`'s tests and scripts import it from this file.
export { listenAddress };

/**
 * What `npm start` prints once it listens: where the app is, where its relay is, and, when other devices
 * reach it over plain http, that they need https and how to get it.
 * @param {{ urls: [string, ...string[]], secure: boolean, host: string }} facts
 * @returns {string[]}
 */
export function startBanner({ urls, secure, host }) {
  const [here, ...lan] = urls;
  const lines = [`Kehu is running at ${here}`];
  if (lan.length > 0) lines.push(`Other devices on this network open: ${lan.join('  ')}`);
  lines.push(`Signalling relay for peer-to-peer sync: ${relayUrl(lan[0] ?? here)}`);
  if (!secure && !isLoopbackHost(host)) {
    lines.push(
      'Phones and other computers need https for sync and offline use: over http at a network address a browser',
      'turns off the encryption Kehu syncs with and the offline app. Start with KEHU_TLS_CERT=<cert.pem>',
      'KEHU_TLS_KEY=<key.pem> (mkcert makes both and the one file each phone must trust: see docs/deploy.md).',
    );
  }
  return lines;
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
  // KEHU_TLS_CERT / KEHU_TLS_KEY: https, so that phones on the LAN get a secure context (and wss for the relay).
  const tls = tlsFiles(env);
  if (tls && 'error' in tls) {
    console.error(`Kehu: ${tls.error}`);
    process.exit(1);
  }
  // KEHU_RELAY_ORIGINS: pages of other origins (another Kehu server, a proxy's name) that may use this relay.
  const admission = relayAdmissionEnv(env);
  if ('error' in admission) {
    console.error(`Kehu: ${admission.error}`);
    process.exit(1);
  }
  const server = createServer({ distDir, tls, signalRelay: admission });
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
    const urls = serverUrls(host, actualPort, tls !== null);
    for (const line of startBanner({ urls, secure: tls !== null, host })) console.log(line);
    if (tls) for (const line of certificateWarnings(tls, urls)) console.warn(line);
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

#!/usr/bin/env node
// `npm run relay`: the signalling relay alone, without the app's files, for a team that hosts the static app
// anywhere (GitHub Pages, a web server) and the relay on a small machine. See docs/deploy.md.
import { fileURLToPath } from 'node:url';
import { attachSignalRelay, RELAY_MARKER } from './signal.js';
import { certificateWarnings, createWebServer, isLoopbackHost, listenAddress, relayAdmissionEnv, relayUrl, serverUrls, tlsFiles } from './listen.js';

/** Where the relay listens unless PORT says otherwise: next to `npm start`'s 8420, so both can run on one machine. */
export const RELAY_DEFAULT_PORT = 8421;

/** WebSocket paths of the relay: /signal (as on `npm start`), and / for a relay given its own host name. */
export const RELAY_PATHS = Object.freeze(['/signal', '/']);

const HELLO = 'Kehu signalling relay. Kehu connects to it with WebSocket (wss:// or ws://) at /signal; it serves no pages.\n';

/**
 * Creates (but does not start) a server that is only the relay: WebSocket upgrades at /signal and /, and a
 * one-line text page at / so a person who opens the address in a browser sees what it is (and, over https,
 * that the certificate is trusted: the relay's wss:// fails silently otherwise).
 * @param {{ tls?: import('./listen.js').TlsFiles | null, signalRelay?: import('./signal.js').SignalRelayOptions }} [options]
 * @returns {import('node:http').Server & { signalRelay: import('./signal.js').SignalRelay }}
 */
export function createRelayServer({ tls = null, signalRelay = {} } = {}) {
  const server = createWebServer(tls, (req, res) => {
    const home = new URL(req.url ?? '/', 'http://relay').pathname === '/';
    // /signal answers 426 with the relay's marker (the app's probe, src/sync/relay-probe.ts); / stays a page for people.
    if (!home && relay.answerPlainRequest(req, res)) return;
    res.statusCode = home && (req.method === 'GET' || req.method === 'HEAD') ? 200 : 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (res.statusCode === 200) res.setHeader(RELAY_MARKER.name, RELAY_MARKER.value);
    res.end(res.statusCode === 200 ? HELLO : 'Not found\n');
  });
  const relay = attachSignalRelay(server, { path: RELAY_PATHS, ...signalRelay });
  return Object.assign(server, { signalRelay: relay });
}

/**
 * What the relay prints once it listens: its URLs, and which pages it admits and how to admit others.
 * @param {{ urls: [string, ...string[]], secure: boolean, host: string, allowedOrigins: readonly string[] }} facts
 * @returns {string[]}
 */
export function relayBanner({ urls, secure, host, allowedOrigins }) {
  const [here, ...lan] = urls;
  const lines = [`Kehu signalling relay is running at ${relayUrl(here)}`];
  if (lan.length > 0) lines.push(`From other devices: ${lan.map((url) => relayUrl(url)).join('  ')}`);
  if (allowedOrigins.includes('*')) {
    lines.push('It admits pages of any origin (KEHU_RELAY_ORIGINS=*).');
  } else {
    const also = allowedOrigins.length > 0 ? `${allowedOrigins.join(', ')}, ` : '';
    lines.push(`It admits pages from ${also}this relay's own address and localhost.`);
    lines.push(
      allowedOrigins.length > 0
        ? 'To admit the app from another address too, add it to KEHU_RELAY_ORIGINS (origins separated by commas).'
        : 'Where is your Kehu app served from? Set KEHU_RELAY_ORIGINS to that origin, e.g. KEHU_RELAY_ORIGINS=https://example.org (several: separated by commas); pages from elsewhere are refused (403).',
    );
  }
  if (!secure && !isLoopbackHost(host)) {
    lines.push('Without https, an app served over https cannot use this relay (browsers block ws:// from https pages).');
    lines.push('Set KEHU_TLS_CERT and KEHU_TLS_KEY (PEM files), or put it behind Caddy or nginx with TLS: see docs/deploy.md.');
  }
  return lines;
}

/** @param {NodeJS.ProcessEnv} env */
function main(env) {
  /** @param {string} message @returns {never} */
  const fail = (message) => {
    console.error(`Kehu relay: ${message}`);
    process.exit(1);
  };
  const address = listenAddress(env, RELAY_DEFAULT_PORT);
  if ('error' in address) return fail(address.error);
  const tls = tlsFiles(env);
  if (tls && 'error' in tls) return fail(tls.error);
  const admission = relayAdmissionEnv(env);
  if ('error' in admission) return fail(admission.error);
  const { port, host } = address;
  const server = createRelayServer({ tls, signalRelay: admission });
  server.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
    if (error.code === 'EADDRINUSE') return fail(`port ${port} on ${host} is already in use. Stop the other program or start with PORT=<another port>.`);
    fail(`the relay could not start: ${error.message}`);
  });
  server.listen(port, host, () => {
    const bound = server.address();
    const actualPort = typeof bound === 'object' && bound ? bound.port : port;
    const urls = serverUrls(host, actualPort, tls !== null);
    for (const line of relayBanner({ urls, secure: tls !== null, host, allowedOrigins: admission.allowedOrigins })) console.log(line);
    if (tls) for (const line of certificateWarnings(tls, urls)) console.warn(line);
  });
  const stop = () => {
    void server.signalRelay.close();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.env);
}

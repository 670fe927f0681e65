// What `npm start` (index.js) and `npm run relay` (relay.js) share: where to listen (PORT, HOST), whether to
// speak TLS (KEHU_TLS_CERT, KEHU_TLS_KEY), which pages may use the relay (KEHU_RELAY_ORIGINS), and the URLs to
// print. Each reader returns an error sentence instead of throwing, so the entry scripts can print it and stop.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { parseAllowedOrigins } from './signal-admission.js';

/**
 * Where to listen: PORT (default `defaultPort`; 0 picks a free one) on HOST (default 127.0.0.1, this machine
 * only; 0.0.0.0 for the LAN). An empty PORT counts as unset: Number('') would be 0, a random port.
 * @param {NodeJS.ProcessEnv} env
 * @param {number} [defaultPort]
 * @returns {{ port: number, host: string } | { error: string }}
 */
export function listenAddress(env, defaultPort = 8420) {
  const text = (env.PORT ?? '').trim();
  const port = text === '' ? defaultPort : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `PORT must be a number from 0 to 65535, not "${env.PORT}".` };
  return { port, host: env.HOST?.trim() || '127.0.0.1' };
}

/**
 * @typedef {object} TlsFiles
 * @property {Buffer} cert
 * @property {Buffer} key
 * @property {string} subject The names the certificate is for, as it lists them.
 * @property {Date} validFrom
 * @property {Date} validTo
 * @property {(host: string) => boolean} covers Whether a browser at https://<host>/ accepts the certificate's name.
 */

/**
 * @param {string} name
 * @param {string} path
 * @returns {Buffer | string} The file's bytes, or what is wrong with it.
 */
function readPem(name, path) {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'this user may not read it' : code === 'EISDIR' ? 'it is a folder' : String(/** @type {Error} */ (error).message);
    return `${name}=${path} cannot be read: ${why}.`;
  }
}

/**
 * Reads the certificate and private key named by KEHU_TLS_CERT and KEHU_TLS_KEY (PEM files, as mkcert or
 * openssl write them). Neither set: null (plain http). Checks what a browser would only report as a bare
 * connection failure: a missing or unreadable file, one that is not PEM, and a key that is not the certificate's.
 * @param {NodeJS.ProcessEnv} env
 * @returns {TlsFiles | null | { error: string }}
 */
export function tlsFiles(env) {
  const certPath = env.KEHU_TLS_CERT?.trim() ?? '';
  const keyPath = env.KEHU_TLS_KEY?.trim() ?? '';
  if (certPath === '' && keyPath === '') return null;
  if (certPath === '' || keyPath === '') {
    const [set, unset] = certPath === '' ? ['KEHU_TLS_KEY', 'KEHU_TLS_CERT'] : ['KEHU_TLS_CERT', 'KEHU_TLS_KEY'];
    return { error: `${set} is set but ${unset} is not: https needs both the certificate (KEHU_TLS_CERT) and its private key (KEHU_TLS_KEY).` };
  }
  const cert = readPem('KEHU_TLS_CERT', certPath);
  if (typeof cert === 'string') return { error: cert };
  const key = readPem('KEHU_TLS_KEY', keyPath);
  if (typeof key === 'string') return { error: key };
  /** @type {X509Certificate} */
  let x509;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    return { error: `KEHU_TLS_CERT=${certPath} is not a certificate in PEM form (a file that begins with "-----BEGIN CERTIFICATE-----").` };
  }
  /** @type {import('node:crypto').KeyObject} */
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    return { error: `KEHU_TLS_KEY=${keyPath} is not a private key in PEM form (a file that begins with "-----BEGIN PRIVATE KEY-----"), or it is protected by a passphrase.` };
  }
  if (!x509.checkPrivateKey(privateKey)) {
    return { error: `KEHU_TLS_KEY=${keyPath} is not the private key of the certificate KEHU_TLS_CERT=${certPath}: use the key file made together with that certificate (mkcert writes both, the key ends in "-key.pem").` };
  }
  const covers = (/** @type {string} */ host) => {
    const bare = host.replace(/^\[|\]$/g, '');
    return (isIP(bare) ? x509.checkIP(bare) : x509.checkHost(bare)) !== undefined;
  };
  return { cert, key, subject: x509.subjectAltName ?? x509.subject, validFrom: new Date(x509.validFrom), validTo: new Date(x509.validTo), covers };
}

/**
 * What would make browsers refuse the certificate at the URLs the server prints: it has expired (or is not
 * valid yet), or it does not name the address a teammate opens. A browser shows only a bare warning page.
 * @param {TlsFiles} tls
 * @param {readonly string[]} urls
 * @param {Date} [now]
 * @returns {string[]}
 */
export function certificateWarnings(tls, urls, now = new Date()) {
  const lines = [];
  if (tls.validTo < now) lines.push(`Warning: the certificate (KEHU_TLS_CERT) expired on ${tls.validTo.toISOString().slice(0, 10)}; browsers refuse it. Make a new one (docs/deploy.md).`);
  if (tls.validFrom > now) lines.push(`Warning: the certificate (KEHU_TLS_CERT) is valid only from ${tls.validFrom.toISOString()}: check this computer's clock.`);
  for (const url of urls) {
    const { hostname } = new URL(url);
    if (!tls.covers(hostname)) {
      const bare = hostname.replace(/^\[|\]$/g, '');
      lines.push(`Warning: the certificate (KEHU_TLS_CERT) is not for ${bare}, so browsers that open ${url} refuse it. "mkcert ${bare} localhost 127.0.0.1" makes one that is.`);
    }
  }
  return lines;
}

/**
 * An http server, or an https one when `tls` is given; the same request handler either way.
 * @param {TlsFiles | null} tls
 * @param {import('node:http').RequestListener} handler
 * @returns {import('node:http').Server}
 */
export function createWebServer(tls, handler) {
  // node:https's Server is a tls.Server with http.Server's events and methods (upgrade, closeAllConnections).
  if (tls) return /** @type {import('node:http').Server} */ (/** @type {unknown} */ (createHttpsServer({ cert: tls.cert, key: tls.key }, handler)));
  return createHttpServer(handler);
}

/**
 * The relay's admission settings from the environment: KEHU_RELAY_ORIGINS (pages of other origins that may use
 * it) and KEHU_RELAY_TRUST_PROXY=1 (behind a reverse proxy: count connections per client, not per proxy).
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ allowedOrigins: string[], trustForwardedFor: boolean } | { error: string }}
 */
export function relayAdmissionEnv(env) {
  try {
    return { allowedOrigins: parseAllowedOrigins(env.KEHU_RELAY_ORIGINS), trustForwardedFor: env.KEHU_RELAY_TRUST_PROXY === '1' };
  } catch (error) {
    return { error: `KEHU_RELAY_ORIGINS: ${error instanceof Error ? error.message : String(error)}.` };
  }
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]']);

/** Whether HOST reaches only this machine (then a browser counts plain http as secure: localhost). */
export function isLoopbackHost(/** @type {string} */ host) {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/** @param {string} host */
const inUrl = (host) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * The base URLs (`https://192.168.1.20:8420/`) at which a server on `host`:`port` can be reached: localhost for
 * loopback, and for 0.0.0.0 / :: also each of this machine's network addresses (what a phone types).
 * @param {string} host
 * @param {number} port
 * @param {boolean} secure
 * @param {ReturnType<typeof networkInterfaces>} [interfaces]
 * @returns {[string, ...string[]]}
 */
export function serverUrls(host, port, secure, interfaces = networkInterfaces()) {
  const scheme = secure ? 'https' : 'http';
  if (!ANY_ADDRESS.has(host)) {
    const shown = host === '127.0.0.1' ? 'localhost' : inUrl(host);
    return [`${scheme}://${shown}:${port}/`];
  }
  const ipv6 = host !== '0.0.0.0';
  const lan = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((entry) => !entry.internal && (entry.family === 'IPv4' || (ipv6 && !entry.address.startsWith('fe80:'))))
    .map((entry) => `${scheme}://${inUrl(entry.address)}:${port}/`);
  return [`${scheme}://localhost:${port}/`, ...new Set(lan)];
}

/** The WebSocket URL of the relay at `path` under a server URL from serverUrls. */
export function relayUrl(/** @type {string} */ serverUrl, path = '/signal') {
  return serverUrl.replace(/^http/, 'ws').replace(/\/$/, path);
}

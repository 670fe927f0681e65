// Who may open a relay connection: the page's origin, and how many connections and upgrades per address.
// A web page anyone visits can open WebSockets to a LAN address, so without these one tab (or one script)
// could take every slot of a team's relay. See docs/sync-protocol.md, "Limits".

/**
 * @typedef {object} AdmissionLimits
 * @property {readonly string[]} allowedOrigins Origins (`https://kehu.example`) whose pages may connect besides the
 *   app's own; `*` allows any.
 * @property {boolean} trustForwardedFor Count connections by the last address in X-Forwarded-For (behind a proxy).
 * @property {number} maxConnectionsPerIp Open connections from one address.
 * @property {number} upgradesPerSecondPerIp New connections one address may open per second, on average.
 * @property {number} upgradeBurstPerIp New connections one address may open at once.
 * @property {number} maxTrackedAddresses Addresses remembered at once (for their counts); past it, new ones wait.
 */

/** @typedef {{ ok: true, address: string } | { ok: false, status: number, reason: string }} Verdict */

// Pages served by a Kehu on the visitor's own machine: a teammate who runs `npm start` and adds a LAN relay.
// A page from elsewhere cannot carry these origins.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** @param {string} text @returns {URL | null} */
function parseUrl(text) {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Parses KEHU_RELAY_ORIGINS: origins separated by commas or spaces, or `*`. Throws on anything that is not an
 * http(s) origin, so a typo stops the server instead of silently refusing every teammate.
 * @param {string | undefined} text
 * @returns {string[]}
 */
export function parseAllowedOrigins(text) {
  const items = (text ?? '').split(/[\s,]+/).filter(Boolean);
  return items.map((item) => {
    if (item === '*') return item;
    const url = parseUrl(item);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item.replace(/\/$/, '')) {
      throw new Error(`"${item}" is not an origin like https://kehu.example or http://192.168.1.20:8420`);
    }
    return url.origin;
  });
}

/**
 * Browsers always send Origin on a WebSocket upgrade, and a page cannot forge it. Clients that send none
 * (y-webrtc in Node, scripts) are not run by a web page, so they are let in and held to the address limits.
 * @param {import('node:http').IncomingMessage} request
 * @param {readonly string[]} allowed
 */
function originAllowed(request, allowed) {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  const url = parseUrl(origin);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  if (LOOPBACK_HOSTS.has(url.hostname)) return true;
  // Same origin: the page was served by this server, under the name it was reached at.
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && url.host === host;
}

/** @param {import('node:http').IncomingMessage} request @param {boolean} trustForwardedFor */
function addressOf(request, trustForwardedFor) {
  const forwarded = request.headers['x-forwarded-for'];
  const last = trustForwardedFor && typeof forwarded === 'string' ? forwarded.split(',').pop()?.trim() : undefined;
  const address = last || request.socket.remoteAddress || 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** @param {AdmissionLimits} limits */
export function createAdmission(limits) {
  /** address → open connections and its upgrade allowance (a token bucket on the monotonic clock). */
  const addresses = /** @type {Map<string, { open: number, tokens: number, at: number }>} */ (new Map());

  /** @param {{ tokens: number, at: number }} entry @param {number} now */
  const refill = (entry, now) => {
    entry.tokens = Math.min(limits.upgradeBurstPerIp, entry.tokens + ((now - entry.at) / 1000) * limits.upgradesPerSecondPerIp);
    entry.at = now;
  };

  /** Forgets addresses with nothing open and a full allowance: they are as good as new. */
  const prune = () => {
    const now = performance.now();
    for (const [address, entry] of addresses) {
      refill(entry, now);
      if (entry.open === 0 && entry.tokens >= limits.upgradeBurstPerIp) addresses.delete(address);
    }
  };

  return {
    /**
     * Decides on an upgrade and, when it is let in, spends one of its address's upgrades.
     * @param {import('node:http').IncomingMessage} request
     * @returns {Verdict}
     */
    admit(request) {
      if (!originAllowed(request, limits.allowedOrigins)) return { ok: false, status: 403, reason: 'Forbidden' };
      const address = addressOf(request, limits.trustForwardedFor);
      let entry = addresses.get(address);
      if (!entry) {
        if (addresses.size >= limits.maxTrackedAddresses) prune();
        if (addresses.size >= limits.maxTrackedAddresses) return { ok: false, status: 503, reason: 'Service Unavailable' };
        entry = { open: 0, tokens: limits.upgradeBurstPerIp, at: performance.now() };
        addresses.set(address, entry);
      }
      if (entry.open >= limits.maxConnectionsPerIp) return { ok: false, status: 429, reason: 'Too Many Requests' };
      refill(entry, performance.now());
      if (entry.tokens < 1) return { ok: false, status: 429, reason: 'Too Many Requests' };
      entry.tokens -= 1;
      return { ok: true, address };
    },
    /** @param {string} address */
    opened(address) {
      const entry = addresses.get(address);
      if (entry) entry.open += 1;
    },
    /** @param {string} address */
    closed(address) {
      const entry = addresses.get(address);
      if (entry) entry.open = Math.max(0, entry.open - 1);
    },
    prune,
    trackedAddresses: () => addresses.size,
    clear: () => addresses.clear(),
  };
}

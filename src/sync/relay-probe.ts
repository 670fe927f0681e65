/**
 * Whether the app's default relay (`signal` next to the page) exists. The Kehu server and `npm run
 * relay` answer a plain GET of the relay path with this header (server/signal.js); a static host
 * (GitHub Pages, any web server) answers with a 404 or its index.html, and a WebSocket there can
 * never connect: y-webrtc would retry it every few seconds, each failure an error in the console.
 */
export const RELAY_MARKER_HEADER = 'Kehu-Relay';

/** Long enough for a slow phone network; past it the relay is kept (it may exist) as when offline. */
const PROBE_TIMEOUT_MS = 15_000;

/** The http(s) address of a ws(s) relay URL: what a fetch can ask. */
export function relayHttpUrl(relayUrl: string): string {
  const url = new URL(relayUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.href;
}

/** What the probe saw: a response's status, type and marker header, or no answer at all. */
export type RelayProbeAnswer = { kind: 'response'; status: number; type: string; marker: string | null } | { kind: 'no-answer' };

/**
 * The relay to use as the app's own: `relayUrl` unless the host answered without the marker.
 * No answer (offline, a timeout) keeps it: the relay may be there, and y-webrtc retries. A
 * redirect is no relay (a WebSocket does not follow one).
 */
export function relayFromProbe(relayUrl: string, answer: RelayProbeAnswer): string | null {
  if (answer.kind === 'no-answer') return relayUrl;
  return answer.marker === '1' ? relayUrl : null;
}

/**
 * Asks the host once (same origin, not cached, redirects not followed) whether `relayUrl` is a Kehu
 * relay: resolves with it, or null when the host has none. Never rejects.
 */
export async function probeDefaultRelay(relayUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = PROBE_TIMEOUT_MS): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(relayHttpUrl(relayUrl), {
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'manual',
      signal: controller.signal,
    });
    // The body (a static host's index.html) is not needed.
    void response.body?.cancel().catch(() => {});
    return relayFromProbe(relayUrl, { kind: 'response', status: response.status, type: response.type, marker: response.headers.get(RELAY_MARKER_HEADER) });
  } catch {
    return relayFromProbe(relayUrl, { kind: 'no-answer' });
  } finally {
    clearTimeout(timer);
  }
}

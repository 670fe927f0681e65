/**
 * Whether a relay address can be opened from a page served over `pageProtocol`: a WebSocket URL
 * that parses, and wss:// on an https page (browsers refuse ws:// there and throw at once).
 */
export function relayUrlProblem(url: string, pageProtocol: string): 'errors.relayInvalid' | 'errors.relayInsecure' | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'errors.relayInvalid';
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return 'errors.relayInvalid';
  if (!parsed.hostname || /\s/.test(url.trim())) return 'errors.relayInvalid';
  if (pageProtocol === 'https:' && parsed.protocol === 'ws:') return 'errors.relayInsecure';
  return null;
}

/**
 * The relay served with the app: `signal` next to the page (its folder, not the host's root, so an app
 * published at https://example.org/kehu/ uses wss://example.org/kehu/signal), wss on an https page.
 */
export function defaultRelayUrl(pageUrl: string): string {
  const url = new URL('signal', pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

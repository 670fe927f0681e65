import { describe, expect, it } from 'vitest';
import { probeDefaultRelay, relayHttpUrl } from '../../../src/sync/relay-probe';

const RELAY = 'wss://example.org/kehu/signal';

/** A fetch that answers every request with `response` (or throws `error`) and records what it was asked. */
function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer();
  }) as typeof fetch;
  return { impl, calls };
}

describe('relayHttpUrl', () => {
  it.each([
    ['wss://example.org/kehu/signal', 'https://example.org/kehu/signal'],
    ['ws://localhost:8420/signal', 'http://localhost:8420/signal'],
  ])('%s → %s', (relay, http) => expect(relayHttpUrl(relay)).toBe(http));
});

describe('probeDefaultRelay', () => {
  it('keeps the relay when the answer carries the marker (a Kehu server: 426 Upgrade Required)', async () => {
    const { impl, calls } = fakeFetch(() => new Response('relay', { status: 426, headers: { 'Kehu-Relay': '1' } }));
    expect(await probeDefaultRelay(RELAY, impl)).toBe(RELAY);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://example.org/kehu/signal');
    expect(calls[0]!.init).toMatchObject({ cache: 'no-store', redirect: 'manual', credentials: 'omit' });
  });

  it('drops it on a static host 404', async () => {
    const { impl } = fakeFetch(() => new Response('Not found', { status: 404 }));
    expect(await probeDefaultRelay(RELAY, impl)).toBeNull();
  });

  it('drops it when the host answers 200 with its index.html (an SPA fallback)', async () => {
    const { impl } = fakeFetch(() => new Response('<!doctype html><title>Kehu</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(await probeDefaultRelay(RELAY, impl)).toBeNull();
  });

  it('drops it on a redirect (a WebSocket does not follow one)', async () => {
    const { impl } = fakeFetch(() => new Response(null, { status: 301, headers: { Location: '/kehu/signal/' } }));
    expect(await probeDefaultRelay(RELAY, impl)).toBeNull();
    // What a browser gives for redirect: 'manual': an opaque redirect, status 0 and no readable headers.
    const opaque = fakeFetch(() => ({ status: 0, type: 'opaqueredirect', headers: new Headers(), body: null }) as unknown as Response);
    expect(await probeDefaultRelay(RELAY, opaque.impl)).toBeNull();
  });

  it('drops it when the marker is some other value', async () => {
    const { impl } = fakeFetch(() => new Response('', { status: 426, headers: { 'Kehu-Relay': '0' } }));
    expect(await probeDefaultRelay(RELAY, impl)).toBeNull();
  });

  it('keeps it on a network error (offline: the relay may be there, y-webrtc retries)', async () => {
    const { impl } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await probeDefaultRelay(RELAY, impl)).toBe(RELAY);
  });

  it('keeps it when no answer comes in time', async () => {
    const impl = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    expect(await probeDefaultRelay(RELAY, impl, 1)).toBe(RELAY);
  });
});

// A plain GET of the relay path says a relay is there (426 Upgrade Required and Kehu-Relay: 1), on
// `npm start` (server/index.js) and `npm run relay` (server/relay.js): the app probes its default relay
// this way (src/sync/relay-probe.ts) and a static host, without the header, is known to have none.
import { describe, expect, it } from 'vitest';
import { createRelayServer } from '../../../server/relay.js';
import { RELAY_MARKER } from '../../../server/signal.js';
import { RELAY_MARKER_HEADER } from '../../../src/sync/relay-probe';
import { listen, startApp } from './support/listening';

describe('the relay marker', () => {
  it('is the header the app looks for', () => {
    expect(RELAY_MARKER.name).toBe(RELAY_MARKER_HEADER);
  });

  it('npm start: GET /signal answers 426 with the marker; the app and other paths are unchanged', async () => {
    const { port } = await startApp();
    const probe = await fetch(`http://127.0.0.1:${port}/signal`, { cache: 'no-store' });
    expect(probe.status).toBe(426);
    expect(probe.headers.get('kehu-relay')).toBe('1');
    expect(probe.headers.get('upgrade')).toBe('websocket');
    expect(probe.headers.get('cache-control')).toBe('no-store');
    const head = await fetch(`http://127.0.0.1:${port}/signal?x=1`, { method: 'HEAD' });
    expect([head.status, head.headers.get('kehu-relay')]).toEqual([426, '1']);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect([page.status, page.headers.get('kehu-relay')]).toEqual([200, null]);
    // Any other path is the app's page (its SPA fallback), without the marker.
    const other = await fetch(`http://127.0.0.1:${port}/signalx`);
    expect([other.status, other.headers.get('kehu-relay')]).toEqual([200, null]);
    const post = await fetch(`http://127.0.0.1:${port}/signal`, { method: 'POST' });
    expect(post.headers.get('kehu-relay')).toBeNull();
  });

  it('npm start without its relay: /signal is the app page, without the marker (as on a static host)', async () => {
    const { port } = await startApp({ signalRelay: false });
    const probe = await fetch(`http://127.0.0.1:${port}/signal`);
    expect(probe.status).toBe(200);
    expect(await probe.text()).toContain('Kehu test');
    expect(probe.headers.get('kehu-relay')).toBeNull();
  });

  it('follows the relay path it was given', async () => {
    const { port } = await startApp({ signalRelay: { path: '/relay' } });
    expect((await fetch(`http://127.0.0.1:${port}/relay`)).headers.get('kehu-relay')).toBe('1');
    expect((await fetch(`http://127.0.0.1:${port}/signal`)).headers.get('kehu-relay')).toBeNull();
  });

  it('npm run relay: GET /signal answers 426 with the marker, / stays the page for people', async () => {
    const port = await listen(createRelayServer());
    const probe = await fetch(`http://127.0.0.1:${port}/signal`);
    expect([probe.status, probe.headers.get('kehu-relay')]).toEqual([426, '1']);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Kehu signalling relay');
    expect((await fetch(`http://127.0.0.1:${port}/index.html`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/signal/extra`)).status).toBe(404);
  });
});

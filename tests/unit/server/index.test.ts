// server/index.js: the app and the signalling relay share one HTTP server and port.
import { describe, expect, it } from 'vitest';
import { pingOver, startApp } from './support/listening';

describe('createServer', () => {
  it('serves the app and the signalling relay on one port by default', async () => {
    const { server, port } = await startApp({});
    expect(server.signalRelay).not.toBeNull();
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kehu test');
    expect(await pingOver(`ws://127.0.0.1:${port}/signal`)).toBe('{"type":"pong"}');
    expect(server.signalRelay?.stats().connections).toBe(1);
    await expect(pingOver(`ws://127.0.0.1:${port}/elsewhere`)).rejects.toThrow('HTTP 404');
  });

  it('passes relay options through', async () => {
    const { port } = await startApp({ signalRelay: { path: '/relay' } });
    expect(await pingOver(`ws://127.0.0.1:${port}/relay`)).toBe('{"type":"pong"}');
    await expect(pingOver(`ws://127.0.0.1:${port}/signal`)).rejects.toThrow('HTTP 404');
  });

  it('can leave the relay out', async () => {
    const { server, port } = await startApp({ signalRelay: false });
    expect(server.signalRelay).toBeNull();
    expect(server.listenerCount('upgrade')).toBe(0);
    await expect(pingOver(`ws://127.0.0.1:${port}/signal`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });
});

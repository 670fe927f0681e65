import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachSignalRelay, type SignalRelay } from '../../../../server/signal.js';
import { test as base } from '../../support/sync-peers';

/** A signalling relay of its own, as a teammate's laptop running Kehu would offer one. */
export interface ExtraRelay {
  /** Its address as a person types it under Settings → Connections, e.g. ws://127.0.0.1:41234/signal. */
  url: string;
  stats: SignalRelay['stats'];
}

/**
 * Starts another instance of the server's signalling relay (server/signal.js, the code server/index.js
 * mounts at /signal) on a free loopback port, for the duration of one test. It serves no app: the devices
 * load the app from the webServer and only use this one to find teammates.
 */
async function startRelay(): Promise<{ relay: ExtraRelay; stop(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end('Not found');
  });
  const signal = attachSignalRelay(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    relay: { url: `ws://127.0.0.1:${port}/signal`, stats: signal.stats },
    async stop() {
      await signal.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const test = base.extend<{ secondRelay: ExtraRelay; defaultRelay: string }>({
  /** The app's own relay, on the port that serves it: every device's only relay until changed. */
  defaultRelay: async ({ baseURL }, use) => {
    await use(`ws://${new URL(baseURL!).host}/signal`);
  },
  // Depends on `peers` so that it is stopped after the browsers are closed (teardown runs in reverse).
  secondRelay: async ({ peers: _peers }, use) => {
    const { relay, stop } = await startRelay();
    await use(relay);
    await stop();
  },
});

export { expect } from '../../support/sync-peers';

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Browser } from '@playwright/test';
import { launchInNamespace, type BrowserInNamespaceOptions } from './chromium';
import { canCreateNamespaces, createNamespace, sweepNamespaces, waitForLine, type Namespace } from './netns';
import { makeCertificate, type TestCertificate } from './tls';

/**
 * One simulated network host for a spec: a namespace with a 10.x address, a certificate for that
 * address, and the servers and browsers a spec starts on it. Everything is removed when the test ends,
 * passed or failed (fixture teardown), and a run killed midway is swept at the next one's start.
 *
 *   test('…', async ({ site }) => {
 *     const app = await site.serveApp({ https: true, base: '/kehu/' });   // https://10.77.x.1:8443/kehu/
 *     const relay = await site.startRelay({ origins: [new URL(app).origin] }); // wss://10.77.x.1:8444/signal
 *     const browser = await site.browser({ webrtc: true });             // Chromium inside the namespace
 *   });
 */
export interface Site {
  readonly ns: Namespace;
  /** The host's address, e.g. 10.77.3.1 (unique per worker, only inside the namespace). */
  readonly address: string;
  readonly cert: TestCertificate;
  /** A scratch folder for this test (removed afterwards). */
  readonly dir: string;
  /** Serves the built app (KEHU_DIST or dist-e2e) with a plain static server; returns its URL (ends with the base). */
  serveApp(options: { https: boolean; base?: string; port?: number }): Promise<string>;
  /** Starts the signalling relay alone over wss (`npm run relay`, server/relay.js); returns its address (wss://…/signal). */
  startRelay(options?: { port?: number; origins?: string[] }): Promise<string>;
  /** Launches Chromium inside the namespace, trusting this site's certificate. Closed at teardown. */
  browser(options?: Omit<BrowserInNamespaceOptions, 'spki'>): Promise<Browser>;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
/** Namespaces of these specs start with this (the `insecure` engineer's prefix "in", then "net"). */
export const NAMESPACE_PREFIX = 'innet';

let swept = false;

const address = (parallelIndex: number) => `10.77.${(parallelIndex % 250) + 1}.1`;

export const test = base.extend<{ site: Site }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads which fixtures it needs from this pattern: none
  site: async ({}, use, testInfo) => {
    test.skip(!(await canCreateNamespaces()), 'needs root and `ip netns` (scripts/test.sh runs Playwright as root in unshare -n)');
    if (!swept) {
      swept = true;
      await sweepNamespaces(NAMESPACE_PREFIX);
    }
    const dir = await mkdtemp(join(tmpdir(), 'kehu-net-'));
    // The worker's pid ends the name: unique on the machine, and how a later run knows this one has ended.
    const ns = await createNamespace(`${NAMESPACE_PREFIX}${testInfo.parallelIndex % 100}-${process.pid}`, address(testInfo.parallelIndex));
    const browsers: Browser[] = [];
    try {
      const host = ns.address;
      const cert = await makeCertificate(dir, host);
      const dist = process.env.KEHU_DIST ?? join(root, 'dist-e2e');
      const site: Site = {
        ns,
        address: host,
        cert,
        dir,
        async serveApp({ https, base: basePath = '/', port = https ? 8443 : 8080 }) {
          const args = [join(here, 'static-server.mjs'), '--dir', dist, '--host', host, '--port', String(port), '--base', basePath];
          if (https) args.push('--cert', cert.cert, '--key', cert.key);
          const child = ns.spawn(process.execPath, args, { cwd: root });
          const [, url] = await waitForLine(child, /^listening (\S+)/);
          return url!;
        },
        async startRelay({ port = 8444, origins = [] } = {}) {
          // `npm run relay`, as a team runs it on a small machine: the relay alone, over wss with this certificate.
          const env = { ...process.env, HOST: host, PORT: String(port), KEHU_TLS_CERT: cert.cert, KEHU_TLS_KEY: cert.key, KEHU_RELAY_ORIGINS: origins.join(',') };
          const child = ns.spawn(process.execPath, [join(root, 'server/relay.js')], { cwd: root, env });
          const [, url] = await waitForLine(child, /^Kehu signalling relay is running at (\S+)/);
          return url!;
        },
        async browser(options = {}) {
          const browser = await launchInNamespace(dir, ns.name, { ...options, spki: cert.spki });
          browsers.push(browser);
          return browser;
        },
      };
      await use(site);
    } finally {
      for (const browser of browsers) await browser.close().catch(() => {});
      await ns.delete();
      await rm(dir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

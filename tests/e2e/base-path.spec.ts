import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import sirv from 'sirv';

// The built app published under a path, as on https://example.org/kehu/ or GitHub Pages, by a plain static
// server (node http + sirv: not the Kehu server, which serves at the root). Everything must follow the base:
// the files, the manifest and its icons, the service worker's scope, the hash routes and the default relay
// (which such a server does not have: the app checks, and uses it only where a relay answers).
// localhost counts as a secure context, so the service worker registers over http here.
test.use({ serviceWorkers: 'allow' });

const BASE = '/kehu/';
const distDir = process.env.KEHU_DIST ?? join(process.cwd(), 'dist');

let server: Server;
let origin: string;
/** Requests that asked for something outside BASE: a file the build expected at the root. */
const outside: string[] = [];
/** Whether /kehu/signal answers as a Kehu relay does (426 and Kehu-Relay: 1; server/signal.js), as behind a proxy. */
let relayHere = false;
/** Plain GETs of the relay path: the app's check whether its default relay exists. */
const relayProbes: string[] = [];

test.beforeAll(async () => {
  const files = sirv(distDir, { dev: false, etag: true });
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === BASE.slice(0, -1)) {
      res.writeHead(301, { Location: BASE }).end();
    } else if (url === `${BASE}signal`) {
      relayProbes.push(url);
      if (relayHere) res.writeHead(426, { 'Kehu-Relay': '1', Upgrade: 'websocket' }).end();
      else res.writeHead(404).end('Not found');
    } else if (url.startsWith(BASE)) {
      req.url = url.slice(BASE.length - 1);
      files(req, res, () => {
        res.writeHead(404).end('Not found');
      });
    } else {
      outside.push(url);
      res.writeHead(404).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('the build works under /kehu/ on a plain static server: files, manifest, icons, service worker, routes, relay', async ({ page }) => {
  await page.goto(`${origin}${BASE}`);
  await expect(page.getByRole('heading', { name: 'Customers' }).first()).toBeVisible();

  // The manifest and everything it names resolve under the base.
  const manifestHref = await page.locator('link[rel="manifest"]').evaluate((link: HTMLLinkElement) => link.href);
  expect(manifestHref).toBe(`${origin}${BASE}manifest.webmanifest`);
  const manifestResponse = await page.request.get(manifestHref);
  expect(manifestResponse.status()).toBe(200);
  const manifest = (await manifestResponse.json()) as { start_url: string; scope: string; icons: { src: string }[] };
  expect(new URL(manifest.start_url, manifestHref).href).toBe(`${origin}${BASE}`);
  expect(new URL(manifest.scope, manifestHref).href).toBe(`${origin}${BASE}`);
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons) {
    const iconUrl = new URL(icon.src, manifestHref).href;
    expect(iconUrl.startsWith(`${origin}${BASE}`), iconUrl).toBe(true);
    const response = await page.request.get(iconUrl);
    expect(response.status(), iconUrl).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
  }
  for (const selector of ['link[rel="icon"]', 'link[rel="apple-touch-icon"]']) {
    const href = await page.locator(selector).evaluate((link: HTMLLinkElement) => link.href);
    expect(href.startsWith(`${origin}${BASE}`), href).toBe(true);
    expect((await page.request.get(href)).status(), href).toBe(200);
  }

  // The service worker is the base's, and controls only it.
  const registration = await page.evaluate(async () => {
    const ready = await navigator.serviceWorker.ready;
    return { scope: ready.scope, script: ready.active?.scriptURL };
  });
  expect(registration).toEqual({ scope: `${origin}${BASE}`, script: `${origin}${BASE}sw.js` });

  // Hash routes stay under the base, across a reload (now served by the service worker).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page).toHaveURL(`${origin}${BASE}#/settings`);
  await page.reload();
  await expect(page).toHaveURL(`${origin}${BASE}#/settings`);

  // The default relay is `signal` next to the page, not at the host's root. A plain static server has no relay
  // there (its 404 has no Kehu-Relay header): the app checked, does not use it, and says so.
  const appRelay = `ws://localhost:${new URL(origin).port}${BASE}signal`;
  const connections = page.getByRole('region', { name: 'Connections' });
  await expect(connections.getByRole('note').filter({ hasText: 'has no relay' })).toBeVisible();
  await expect(connections.getByText(appRelay, { exact: true })).toHaveCount(0);
  expect(relayProbes.length).toBeGreaterThan(0);
  // The same files behind a proxy that passes /kehu/signal to a relay: the app's own relay is used.
  relayHere = true;
  await page.reload();
  await expect(connections.getByText(appRelay, { exact: true })).toBeVisible();
  await expect(connections.getByRole('note').filter({ hasText: 'has no relay' })).toHaveCount(0);

  // Nothing was asked for outside the base (an absolute /assets/… or /sw.js would be).
  expect(outside).toEqual([]);
});

import { test, expect } from './support/site';

/**
 * The simulated host itself: a page served from the namespace's 10.x address is reached by a browser
 * inside that namespace only, over https with a certificate it trusts (a secure context), and over
 * http as a network address (not a secure context). The specs built on it rely on each of these.
 */
test('a browser inside the namespace reaches the 10.x host over https (trusted) and http', async ({ site }) => {
  const https = await site.serveApp({ https: true, base: '/kehu/' });
  const http = await site.serveApp({ https: false, base: '/kehu/' });
  expect(https).toBe(`https://${site.address}:8443/kehu/`);
  const browser = await site.browser();
  const page = await browser.newPage({ serviceWorkers: 'allow' });
  const response = await page.goto(https);
  expect(response?.status()).toBe(200);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  expect((await response?.securityDetails())?.subjectName).toBe(site.address);
  // Trusted, not bypassed: a service worker registers only from an origin whose certificate is valid.
  // (Registered here by the test: what the app registers depends on its base path, not on the host.)
  const scope = await page.evaluate((base) => navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).then((r) => r.scope), new URL(https).pathname);
  expect(scope).toBe(https);
  await page.goto(http);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  expect(await page.evaluate(() => location.host)).toBe(`${site.address}:8080`);
});

import { APP_BASE } from './support/app-base';
import { openPeer } from './support/devices';
import { test, expect } from './support/site';

/**
 * The app as a team hosts it: the built files on a plain static web server over https, from a network
 * address (10.x in a namespace, certificate made at test time and trusted by the browsers), under a
 * base path; the signalling relay alone over wss on another port (`npm run relay`). The team's relay is
 * set once in Settings → Connections; the invite carries it, and two devices sync both ways. The static host
 * has no relay next to the page: the app sees that (src/sync/relay-probe.ts), says so, and logs no error.
 */
test('two devices sync through an app on a static https host and a relay over wss', async ({ site }) => {
  test.setTimeout(240_000);
  const url = await site.serveApp({ https: true, base: APP_BASE });
  const relay = await site.startRelay({ origins: [new URL(url).origin] });
  expect(url).toBe(`https://${site.address}:8443${APP_BASE}`);
  expect(relay).toBe(`wss://${site.address}:8444/signal`);

  // Each device in its own Chromium process, both inside the namespace.
  const anna = await openPeer(await site.browser({ webrtc: true }), 'Anna', url);
  // The console from the first load on (reloaded once the listener is there): a static host has no relay at
  // <base>signal, and the app, which checks that once, must not keep opening a WebSocket to it.
  const consoleErrors: string[] = [];
  const watchConsole = (who: string, page: typeof anna.page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${who}: ${m.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${who}: ${error.message}`));
  };
  watchConsole('Anna', anna.page);
  await anna.page.reload();
  await expect(anna.page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  expect(await anna.page.evaluate(() => window.isSecureContext)).toBe(true);
  await expect(anna.page.locator('[data-insecure-page]')).toHaveCount(0);

  await anna.openConnections();
  // This host has no relay: Connections says so, and does not list the app's own as this device's relay.
  await expect(anna.connections.getByRole('note').filter({ hasText: 'has no relay' })).toBeVisible();
  await expect(anna.connections.getByText(`wss://${site.address}:8443${APP_BASE}signal`)).toHaveCount(0);
  await anna.connections.getByLabel('Address of a team relay').fill(relay);
  await anna.connections.getByRole('button', { name: 'Add team relay' }).click();
  await expect(anna.connections.getByText(relay, { exact: true })).toBeVisible();
  await anna.createCustomer({ name: 'Harbour Tea House', phone: '+86 139 1234 5678' });

  const link = await anna.inviteLink();
  expect(link.startsWith(`${url}#/join/`)).toBe(true);

  const li = await openPeer(await site.browser({ webrtc: true }), 'Li', url);
  watchConsole('Li', li.page);
  await li.join(link, 'Li Wei');
  await expect(li.customerLink('Harbour Tea House')).toBeVisible({ timeout: 90_000 });
  await li.expectStatus('Up to date');
  // Li typed no address: the team's relay came with the invite and is the workspace's setting on Li's device too.
  await li.openConnections();
  await expect(li.connections.getByText(relay, { exact: true })).toBeVisible();

  await li.createCustomer({ name: 'Jade Garden Florist' });
  await anna.openCustomers();
  await expect(anna.customerLink('Jade Garden Florist')).toBeVisible({ timeout: 90_000 });
  await anna.expectStatus('Up to date');
  // By now each device has run over a minute with the team's relay: y-webrtc retries a dead relay every few
  // seconds, so a page still using <base>signal would have logged "WebSocket connection ... failed" here.
  expect(consoleErrors).toEqual([]);
});

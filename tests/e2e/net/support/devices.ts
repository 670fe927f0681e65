import type { Browser } from '@playwright/test';
import { RelayGate, SyncPeer } from '../../support/sync-peers';

/**
 * A teammate's device on the simulated network: its own browser context (in a browser launched with
 * site.browser({ webrtc: true })), with the SyncPeer journeys of the sync specs. Unlike those, the relay
 * is reached by the browser itself, inside the namespace: nothing stands between them (Playwright's
 * WebSocket routing would connect from the test runner, which is outside the namespace).
 */
export async function openPeer(browser: Browser, label: string, url: string, locale = 'en-US'): Promise<SyncPeer> {
  const context = await browser.newContext({ baseURL: url, locale, timezoneId: 'UTC', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // Without a media permission Chromium hides host candidates behind mDNS names, which nothing resolves here.
  await context.grantPermissions(['microphone'], { origin: new URL(url).origin });
  await context.addInitScript(() => void navigator.mediaDevices?.getUserMedia({ audio: true }).catch(() => {}));
  const peer = new SyncPeer(label, context, await context.newPage(), new RelayGate(false));
  await peer.page.goto(url);
  return peer;
}

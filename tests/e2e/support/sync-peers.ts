import { test as base, expect, chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from '@playwright/test';
import { KehuApp } from './kehu-app';

/**
 * Teammates' devices for the sync specs (tests/e2e/sync): each peer is its own browser context, and
 * every peer after the first runs in its own Chromium process. Two pages of one context would sync
 * through BroadcastChannel instead of WebRTC, so they would prove nothing about peer-to-peer sync.
 *
 * Run these specs in a loopback-only network namespace (scripts/test.sh does): with the WebRTC flags of
 * the `sync` project, Chromium then has only 127.0.0.1 to offer as a candidate.
 */

/**
 * Without a media permission Chromium hides host candidates behind mDNS names (or gathers none on
 * loopback) and the peers never connect, silently. The fake device flags grant it without a prompt.
 */
function grantMicrophone() {
  void navigator.mediaDevices?.getUserMedia({ audio: true }).catch(() => {});
}

/**
 * Keeps the page's RTCPeerConnections so a test can end them as a lost network would: on loopback
 * neither context.setOffline nor anything else interrupts WebRTC. Test instrumentation only; the
 * app's own subclass (chunked data channels) extends this one.
 */
function trackPeerConnections() {
  const Native = window.RTCPeerConnection;
  const open = new Set<RTCPeerConnection>();
  class Tracked extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      open.add(this);
    }
  }
  window.RTCPeerConnection = Tracked;
  Object.defineProperty(window, '__kehuDropPeerConnections', {
    value: () => {
      const count = open.size;
      for (const pc of open) pc.close();
      open.clear();
      return count;
    },
  });
}

/**
 * Stands between a peer and the signalling relay (the WebSocket at /signal). Open: the socket is
 * passed through to the relay. Blocked: the page's socket opens but nothing reaches the relay, as if
 * the relay were unreachable; peers already connected by WebRTC stay connected until a reload.
 * (Closing a blocked socket instead would make the client reconnect in a tight loop.)
 */
export class RelayGate {
  #blocked: boolean;
  #sockets = new Set<{ page: WebSocketRoute; server: WebSocketRoute | null }>();
  /** Every relay address (ws://…/signal) a socket of this device was passed through to. */
  readonly reached = new Set<string>();

  constructor(blocked: boolean) {
    this.#blocked = blocked;
  }

  get blocked() {
    return this.#blocked;
  }

  async install(context: BrowserContext) {
    await context.routeWebSocket(/\/signal$/, (ws) => {
      if (!this.#blocked) this.reached.add(ws.url());
      this.#sockets.add({ page: ws, server: this.#blocked ? null : ws.connectToServer() });
    });
  }

  /** Cuts the relay connection; the page reconnects to a socket that reaches nothing. */
  async block() {
    this.#blocked = true;
    await this.drop();
  }

  /** Lets the relay through again: the page's next connection attempt (right away) reaches it. */
  async unblock() {
    this.#blocked = false;
    await this.drop();
  }

  /** Closes the page's relay connections; the page opens new ones (through this gate) by itself. */
  async drop() {
    const sockets = [...this.#sockets];
    this.#sockets.clear();
    for (const { page, server } of sockets) {
      await server?.close().catch(() => {});
      await page.close().catch(() => {});
    }
  }
}

export interface PeerOptions {
  /** Start with the relay unreachable (default: reachable). */
  relay?: 'open' | 'blocked';
  /** Allow the clipboard, so the invite's Copy button can be checked. */
  clipboard?: boolean;
}

/** One teammate's device: the KehuApp journeys plus inviting, joining, going offline and change files. */
export class SyncPeer extends KehuApp {
  readonly log: string[] = [];

  constructor(
    readonly label: string,
    readonly context: BrowserContext,
    page: Page,
    readonly relay: RelayGate,
  ) {
    super(page);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') this.log.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.log.push(`pageerror: ${e.message}`));
  }

  /** The sync status link in the top bar ("Up to date", "Looking for teammates", "Offline", "Syncing with N"). */
  get status() {
    return this.page.getByRole('banner').getByRole('link', { name: /^Team: / });
  }

  async expectStatus(text: string | RegExp) {
    await expect(this.status, `${this.label}'s sync status`).toContainText(text);
  }

  async openTeam() {
    await this.nav('Team').click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  }

  async openCustomers() {
    await this.nav('Customers').click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  }

  /** The customer count under the Customers heading, e.g. "2 customers"; `count` as the list writes it (a string for "1,000"). */
  customerCount(count: number | string) {
    return this.page.getByText(count === 1 ? '1 customer' : `${count} customers`, { exact: true });
  }

  /** Opens Team → Invite and returns the invite link shown there. */
  async inviteLink(): Promise<string> {
    await this.openTeam();
    await this.page.getByRole('button', { name: 'Invite' }).click();
    const field = this.page.getByLabel('Invite link');
    await expect(field).toHaveValue(/#\/join\//);
    return field.inputValue();
  }

  /** Opens an invite link on this device and joins as `name`. */
  async join(link: string, name: string) {
    await this.page.goto(link);
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('button', { name: 'Join' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  }

  async openCustomer(name: string) {
    await this.openCustomers();
    await this.customerLink(name).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  /** Opens the customer's edit form, changes the given fields and saves (durably). */
  async editCustomer(name: string, fields: { email?: string; notes?: string }) {
    await this.openCustomer(name);
    await this.page.getByRole('link', { name: 'Edit', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Edit customer' })).toBeVisible();
    if (fields.email !== undefined) await this.page.getByLabel('Email', { exact: true }).fill(fields.email);
    if (fields.notes !== undefined) await this.page.getByLabel('Notes', { exact: true }).fill(fields.notes);
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await this.savedDurably();
  }

  /** The "Details" section of the open customer page. */
  get details() {
    return this.page.getByRole('region', { name: 'Details' });
  }

  /**
   * Takes this device off the network: the relay becomes unreachable and the page reloads, which
   * ends its WebRTC connections. Data stays (IndexedDB); the app opens the same workspace again.
   */
  async goOffline() {
    await this.relay.block();
    await this.page.reload();
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
    await this.expectStatus('Looking for teammates');
  }

  /** Makes the relay reachable again; the app's signalling client reconnects by itself. */
  async goOnline() {
    await this.relay.unblock();
  }

  /**
   * The whole network goes away without a reload, as when a laptop leaves the Wi-Fi: the browser is
   * offline (navigator.onLine false, relay unreachable) and its WebRTC connections end.
   */
  async loseNetwork() {
    await this.context.setOffline(true);
    await this.relay.drop();
    await this.page.evaluate(() => (window as unknown as { __kehuDropPeerConnections(): number }).__kehuDropPeerConnections());
    await this.expectStatus('Offline');
  }

  /** The network returns: the browser fires "online" and the app is on its own to reconnect. */
  async regainNetwork() {
    await this.context.setOffline(false);
  }

  /** Settings → Connections, where the relays are listed, added and removed. */
  get connections() {
    return this.page.getByRole('region', { name: 'Connections' });
  }

  async openConnections() {
    await this.goTo('Settings');
    await expect(this.connections).toBeVisible();
  }

  async addRelay(url: string) {
    await this.openConnections();
    await this.connections.getByLabel('Relay address').fill(url);
    await this.connections.getByRole('button', { name: 'Add relay' }).click();
    await expect(this.connections.getByText(url, { exact: true })).toBeVisible();
    await expect(this.page.getByRole('status').filter({ hasText: 'Connection settings saved.' }).last()).toBeVisible();
  }

  async removeRelay(url: string) {
    await this.openConnections();
    await this.connections.getByRole('button', { name: `Remove relay ${url}` }).click();
    await expect(this.connections.getByText(url, { exact: true })).toHaveCount(0);
  }

  /** Team → "Export changes": returns the downloaded change file. */
  async exportChanges(): Promise<{ name: string; buffer: Buffer }> {
    await this.openTeam();
    const files = this.page.getByRole('region', { name: 'No network? Exchange a file' });
    const [download] = await Promise.all([this.page.waitForEvent('download'), files.getByRole('button', { name: 'Export changes' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), buffer: Buffer.concat(chunks) };
  }

  /** Team → "Import changes" with the given file. */
  async importChanges(file: { name: string; buffer: Buffer }) {
    await this.openTeam();
    await this.page.getByLabel('Import changes').setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.buffer });
  }
}

export interface Peers {
  /** A new device: its own context, in its own browser process (the worker's browser for the first one). */
  launch(label: string, options?: PeerOptions): Promise<SyncPeer>;
}

export const test = base.extend<{ peers: Peers }>({
  peers: async ({ browser, launchOptions, baseURL }, use, testInfo) => {
    const browsers: Browser[] = [];
    const contexts: BrowserContext[] = [];
    const launched: SyncPeer[] = [];
    await use({
      async launch(label, options = {}) {
        let host = browser;
        if (launched.length > 0) {
          host = await chromium.launch(launchOptions);
          browsers.push(host);
        }
        const context = await host.newContext({
          baseURL,
          locale: 'en-US',
          timezoneId: 'UTC',
          serviceWorkers: 'block',
          viewport: { width: 1280, height: 800 },
          acceptDownloads: true,
        });
        contexts.push(context);
        // Granting permissions denies every other one: the microphone must stay in the list.
        const permissions = ['microphone', ...(options.clipboard ? ['clipboard-read', 'clipboard-write'] : [])];
        await context.grantPermissions(permissions, { origin: new URL(baseURL!).origin });
        await context.addInitScript(grantMicrophone);
        await context.addInitScript(trackPeerConnections);
        const relay = new RelayGate(options.relay === 'blocked');
        await relay.install(context);
        const peer = new SyncPeer(label, context, await context.newPage(), relay);
        launched.push(peer);
        return peer;
      },
    });
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const peer of launched) {
        await testInfo.attach(`console of ${peer.label}`, { body: peer.log.join('\n') || '(nothing)', contentType: 'text/plain' });
      }
    }
    for (const context of contexts) await context.close().catch(() => {});
    for (const b of browsers) await b.close().catch(() => {});
  },
});

export { expect };

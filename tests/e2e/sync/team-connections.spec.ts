import type { Page } from '@playwright/test';
import { test, expect } from '../support/sync-peers';

/**
 * Issue 22: the team's STUN/TURN servers are workspace settings. One device adds a TURN server in
 * Settings → Connections; a teammate's device shows it once the change has synced; a device that
 * joins by a link made after that has it from the link alone, before any teammate is online.
 * The TURN server is a made-up one on loopback (nothing answers there): these devices still meet
 * directly, and the check is that the setting travels, not that TURN relays.
 */

const TURN = 'turn:127.0.0.1:9?transport=udp';
const USERNAME = '1893456000:kehu-team';
const CREDENTIAL = 'Zm9vYmFyLXR1cm4tc2VjcmV0LXRlc3Q';

/** Every frame a page sends to or receives from a signalling relay, as text. */
function recordRelayFrames(page: Page, frames: string[]) {
  page.on('websocket', (socket) => {
    if (!socket.url().endsWith('/signal')) return;
    const keep = (payload: string | Buffer) => frames.push(typeof payload === 'string' ? payload : payload.toString('latin1'));
    socket.on('framesent', (frame) => keep(frame.payload));
    socket.on('framereceived', (frame) => keep(frame.payload));
  });
}

test('a TURN server added on one device reaches a teammate through the workspace, and a new teammate through the link', async ({ peers }) => {
  test.setTimeout(180_000);
  const frames: string[] = [];
  const a = await peers.launch('A');
  recordRelayFrames(a.page, frames);
  await a.open();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', email: 'orders@harbor.example', company: true });
  const b = await peers.launch('B');
  recordRelayFrames(b.page, frames);
  await b.join(await a.inviteLink(), 'Li Na');
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();
  await b.expectStatus('Up to date');

  await a.openConnections();
  await a.connections.getByLabel('Server address').fill(TURN);
  await a.connections.getByRole('textbox', { name: 'Username', exact: true }).fill(USERNAME);
  await a.connections.getByRole('textbox', { name: 'Credential', exact: true }).fill(CREDENTIAL);
  await a.connections.getByRole('button', { name: 'Add server' }).click();
  await expect(a.connections.getByText(TURN, { exact: true })).toBeVisible();
  await expect(a.connections.getByText(/Time-limited credential: works until /)).toBeVisible();

  // B was not touched: the setting arrives with the workspace, and both devices, reconnected with it, still sync.
  await b.openConnections();
  await expect(b.connections.getByText(TURN, { exact: true })).toBeVisible();
  await expect(b.connections.getByText(USERNAME, { exact: true })).toBeVisible();
  await a.createCustomer({ name: 'Zhang Wei', phone: '13800138001' });
  await b.openCustomers();
  await expect(b.customerLink('Zhang Wei')).toBeVisible();
  for (const peer of [a, b]) await peer.expectStatus('Up to date');

  // A link made now carries the server. A and B go away: C has nobody to get the workspace from.
  const link = await a.inviteLink();
  expect(new URL(link).hash).toMatch(/[?&]c=[A-Za-z0-9_-]+/);
  await a.context.close();
  await b.context.close();
  const c = await peers.launch('C');
  recordRelayFrames(c.page, frames);
  await c.join(link, 'Wang Fang');
  await c.openConnections();
  await expect(c.connections.getByText(TURN, { exact: true })).toBeVisible();
  await expect(c.connections.getByText(USERNAME, { exact: true })).toBeVisible();
  await expect(c.connections.getByRole('note')).toHaveText('Until the workspace arrives from a teammate, this device uses the servers from the invite link or from a teammate’s device.');

  // The credential is in the link's fragment, the encrypted workspace and the signalling encrypted with the room key: never in clear in what a relay carries.
  expect(frames.length).toBeGreaterThan(0);
  for (const secret of [CREDENTIAL, USERNAME, TURN]) expect(frames.filter((f) => f.includes(secret))).toEqual([]);
});

test('a teammate’s invalid connection settings are refused entry by entry and listed under Data problems; the valid ones are used', async ({ peers }) => {
  test.setTimeout(150_000);
  const a = await peers.launch('A');
  await a.open();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', company: true });
  const b = await peers.launch('B');
  await b.join(await a.inviteLink(), 'Li Na');
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();

  // B's app is buggy or hostile: it writes the setting unchecked, of any shape.
  await b.page.evaluate(async () => {
    const hooks = (window as unknown as { __kehuTest: { setSetting(key: string, value: unknown): Promise<void> } }).__kehuTest;
    await hooks.setSetting('connections', {
      relays: ['javascript:alert(1)', 'wss://relay.example.org/signal'],
      iceServers: [{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org' }, 'garbage', { urls: { deep: [1, 2, 3] } }],
    });
  });

  await a.openConnections();
  await expect(a.connections.getByText('stun:stun.example.org:3478', { exact: true })).toBeVisible();
  await expect(a.connections.getByText('wss://relay.example.org/signal', { exact: true })).toBeVisible();
  await expect(a.connections.getByText('javascript:alert(1)')).toHaveCount(0);
  await expect(a.connections.getByText('turn:turn.example.org', { exact: true })).toHaveCount(0);

  await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Data problems/ }).click();
  const problem = a.page.getByRole('listitem').filter({ hasText: 'Workspace setting' }).filter({ hasText: 'connections' });
  await expect(problem).toContainText('A relay address starts with ws:// or wss://');
  await expect(problem).toContainText('A TURN server needs both a username and a credential.');
  await expect(problem).toContainText('Not a valid setting.');
  await expect(problem).toContainText('A STUN or TURN address looks like');
  // The workspace goes on working and syncing.
  await a.createCustomer({ name: 'Zhang Wei', phone: '13800138001' });
  await b.openCustomers();
  await expect(b.customerLink('Zhang Wei')).toBeVisible();
});

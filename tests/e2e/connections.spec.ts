import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test("this device's relays can be added and removed in Settings, with clear errors", async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.goTo('Settings');
  const connections = page.getByRole('region', { name: 'Connections' });

  await connections.getByLabel('Relay address').fill('ws://a b');
  await connections.getByRole('button', { name: 'Add relay' }).click();
  await expect(connections.getByRole('alert')).toHaveText('A relay address starts with ws:// or wss://.');
  await connections.getByLabel('Relay address').fill('ws://192.168.1.20:8420/signal');
  await connections.getByRole('button', { name: 'Add relay' }).click();
  await expect(connections.getByText('ws://192.168.1.20:8420/signal', { exact: true })).toBeVisible();

  await page.reload();
  await expect(connections.getByText('ws://192.168.1.20:8420/signal', { exact: true })).toBeVisible();
  await connections.getByRole('button', { name: 'Remove relay ws://192.168.1.20:8420/signal' }).click();
  await expect(connections.getByText('ws://192.168.1.20:8420/signal', { exact: true })).toHaveCount(0);
});

test('the team’s STUN/TURN servers: explained, validated, credentials masked, expiry shown, public STUN in one click', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.goTo('Settings');
  const connections = page.getByRole('region', { name: 'Connections' });
  // Plain words on when a team needs them, and what it costs in privacy; nothing third-party by default.
  await expect(connections).toContainText('different networks');
  await expect(connections).toContainText('mobile data');
  await expect(connections).toContainText('By default Kehu contacts no third-party server.');
  await expect(connections.getByText('None.', { exact: true })).toBeVisible();

  await connections.getByLabel('Server address').fill('https://stun.example.org');
  await connections.getByRole('button', { name: 'Add server' }).click();
  await expect(connections.getByRole('alert')).toHaveText('A STUN or TURN address looks like stun:host:3478, turn:host:3478 or turns:host:5349.');

  await connections.getByLabel('Server address').fill('turn:turn.example.org:3478');
  await connections.getByRole('button', { name: 'Add server' }).click();
  await expect(connections.getByRole('alert')).toHaveText('A TURN server needs both a username and a credential.');

  // A time-limited credential (TURN REST API) that has already expired: accepted, and the screen says so.
  await connections.getByRole('textbox', { name: 'Username', exact: true }).fill('1500000000:kehu');
  await connections.getByRole('textbox', { name: 'Credential', exact: true }).fill('s3cret-Credential');
  await connections.getByRole('button', { name: 'Add server' }).click();
  await expect(connections.getByText('turn:turn.example.org:3478', { exact: true })).toBeVisible();
  await expect(connections.getByText('1500000000:kehu', { exact: true })).toBeVisible();
  await expect(connections.getByText(/This credential expired on .*2017/)).toBeVisible();
  await expect(connections.getByRole('textbox', { name: 'Credential', exact: true })).toHaveValue('');
  await expect(connections.getByLabel('credential hidden')).toBeVisible();
  await expect(connections).not.toContainText('s3cret-Credential');

  await expect(connections).toContainText('in exchange Cloudflare sees the network addresses');
  await connections.getByRole('button', { name: 'Add a public STUN server' }).click();
  await expect(connections.getByText('stun:stun.cloudflare.com:3478', { exact: true })).toBeVisible();
  await expect(connections.getByRole('button', { name: 'Add a public STUN server' })).toHaveCount(0);

  await page.reload();
  await expect(connections.getByText('turn:turn.example.org:3478', { exact: true })).toBeVisible();
  await connections.getByRole('button', { name: 'Remove server stun:stun.cloudflare.com:3478' }).click();
  await expect(connections.getByText('stun:stun.cloudflare.com:3478', { exact: true })).toHaveCount(0);
  await expect(connections.getByRole('button', { name: 'Add a public STUN server' })).toBeVisible();

  await connections.getByLabel('Address of a team relay').fill('http://relay.example.org');
  await connections.getByRole('button', { name: 'Add team relay' }).click();
  await expect(connections.getByRole('alert')).toHaveText('A relay address starts with ws:// or wss://.');
  await connections.getByLabel('Address of a team relay').fill('wss://relay.example.org/signal');
  await connections.getByRole('button', { name: 'Add team relay' }).click();
  await expect(connections.getByText('wss://relay.example.org/signal', { exact: true })).toBeVisible();
});

test('the join page says what an invite link brings, and joins a link whose connection part is mangled, with a note', async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000);
  const app = new KehuApp(page);
  await app.open();
  await app.goTo('Settings');
  const connections = page.getByRole('region', { name: 'Connections' });
  await connections.getByRole('button', { name: 'Add a public STUN server' }).click();
  await expect(connections.getByText('stun:stun.cloudflare.com:3478', { exact: true })).toBeVisible();
  await app.nav('Team').click();
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByLabel('Invite link')).toHaveValue(/[?&]c=/);
  const link = await page.getByLabel('Invite link').inputValue();

  const other = await browser.newContext({ baseURL: baseURL! });
  try {
    const newcomer = await other.newPage();
    await newcomer.goto(link);
    await expect(newcomer.getByText('The link also brings the team’s connection settings (relays: 0, STUN/TURN servers: 1)', { exact: false })).toBeVisible();
    await expect(newcomer.getByRole('note')).toHaveCount(0);

    // A chat app cut the connection part short: the workspace key is intact, so the link still joins.
    await newcomer.goto(link.slice(0, -5));
    await newcomer.reload();
    await expect(newcomer.getByRole('note')).toHaveText(/could not be read and is left out/);
    await newcomer.getByLabel('Your name').fill('Li Na');
    await newcomer.getByRole('button', { name: 'Join' }).click();
    await expect(newcomer.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  } finally {
    await other.close();
  }
});

test.describe('zh-CN', () => {
  test.use({ locale: 'zh-CN' });
  test('在中文界面中，连接设置说明何时需要 STUN 和 TURN', async ({ page }) => {
    const app = new KehuApp(page);
    await app.open();
    await app.nav('设置').click();
    const connections = page.getByRole('region', { name: '连接' });
    await expect(connections).toContainText('不同网络');
    await expect(connections.getByRole('button', { name: '添加公共 STUN 服务器' })).toBeVisible();
    await expect(connections.getByRole('heading', { name: '团队 STUN/TURN 服务器' })).toBeVisible();
  });
});

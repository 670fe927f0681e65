import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test('relays and STUN/TURN servers can be added and removed in Settings, with clear errors', async ({ page }) => {
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

  await connections.getByLabel('Server address').fill('https://stun.example.org');
  await connections.getByRole('button', { name: 'Add server' }).click();
  await expect(connections.getByRole('alert')).toHaveText('A STUN or TURN address starts with stun:, turn: or turns:.');
  await connections.getByLabel('Server address').fill('stun:stun.example.org:3478');
  await connections.getByRole('button', { name: 'Add server' }).click();
  await expect(connections.getByText('stun:stun.example.org:3478', { exact: true })).toBeVisible();

  await page.reload();
  await expect(connections.getByText('ws://192.168.1.20:8420/signal', { exact: true })).toBeVisible();
  await connections.getByRole('button', { name: 'Remove server stun:stun.example.org:3478' }).click();
  await connections.getByRole('button', { name: 'Remove relay ws://192.168.1.20:8420/signal' }).click();
  await expect(connections.getByText('stun:stun.example.org:3478', { exact: true })).toHaveCount(0);
  await expect(connections.getByText('ws://192.168.1.20:8420/signal', { exact: true })).toHaveCount(0);
});

import { test, expect } from '../support/sync-peers';
import { KehuApp } from '../support/kehu-app';
import { founderWithInvite } from './support/team';
import { inviteCheck } from '../../../src/sync/invite';

const LINK = /#\/join\/([0-9a-f-]{36})\/([A-Za-z0-9_-]{43})\/([A-Za-z0-9_-]{6})/;

/** The link with the first character of its secret changed. */
function withSecretChanged(link: string, check: 'recomputed' | 'kept'): string {
  const match = LINK.exec(link);
  if (!match) throw new Error(`not an invite link: ${link}`);
  const [whole, id, secret, oldCheck] = match as unknown as [string, string, string, string];
  const changed = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
  return link.replace(whole, `#/join/${id}/${changed}/${check === 'kept' ? oldCheck : inviteCheck(id, changed)}`);
}

// A link made for the workspace's id with another secret (its check made to match, as only someone
// building such a link on purpose would): it passes every check of the link itself.
test('a link with the wrong secret gets nothing of the workspace', async ({ peers }) => {
  const { a, link } = await founderWithInvite(peers);

  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  const c = await peers.launch('C');
  await c.join(withSecretChanged(link, 'recomputed'), 'Mallory');
  await expect(c.customerCount(0)).toBeVisible();

  // Something new while all three are online: the right secret gets it...
  await a.createCustomer({ name: 'Secret Sally', email: 'sally@example.com' });
  await expect(b.customerLink('Secret Sally')).toBeVisible();
  await expect(b.customerCount(2)).toBeVisible();
  await b.expectStatus('Up to date');

  // ...the wrong one never finds a teammate and holds nothing.
  await c.expectStatus('Looking for teammates');
  await c.openCustomers();
  await expect(c.customerCount(0)).toBeVisible();
  await expect(c.customerLink('Secret Sally')).toHaveCount(0);
  await expect(c.customerLink('Harbor Logistics Ltd')).toHaveCount(0);

  await a.openTeam();
  const mates = a.page.getByRole('region', { name: 'Teammates' });
  await expect(mates.getByRole('listitem').filter({ hasText: 'Li Na' })).toContainText('Online now');
  await expect(mates.getByText('Mallory')).toHaveCount(0);
});

test('a truncated, mistyped or made-up link says what is wrong and adds no workspace', async ({ page, baseURL }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.nav('Team').click();
  await page.getByRole('button', { name: 'Invite' }).click();
  const link = await page.getByLabel('Invite link').inputValue();
  expect(link).toMatch(/#\/join\//);

  // Cut inside the secret, as a chat app that wraps long lines might.
  const truncated = link.replace(/\?.*$/, '').slice(0, -10);
  await page.goto(truncated);
  await expect(page.getByRole('alert')).toContainText('This invite link is incomplete');
  await expect(page.getByRole('button', { name: 'Join' })).toHaveCount(0);

  // One character of the secret changed, as when a link is typed by hand.
  await page.goto(withSecretChanged(link, 'kept'));
  await expect(page.getByRole('alert')).toContainText('This invite link has a mistake in it');
  await expect(page.getByRole('button', { name: 'Join' })).toHaveCount(0);

  // Cut inside the workspace id.
  await page.goto(link.slice(0, link.indexOf('#/join/') + '#/join/'.length + 20));
  await expect(page.getByRole('alert')).toContainText('This invite link is incomplete');

  for (const notALink of [
    `${baseURL}/#/join/please-call-me-back-about-the-order-tomorrow`,
    // A secret of the right length in standard base64 (with +) instead of base64url: not something Kehu makes.
    link.replace(/(#\/join\/[0-9a-f-]{36}\/)[A-Za-z0-9_-]{43}/, `$1${'ab+c'.repeat(10)}ab+`),
  ]) {
    await page.goto(notALink);
    await expect(page.getByRole('alert')).toContainText('This is not a Kehu invite link');
    await expect(page.getByRole('button', { name: 'Join' })).toHaveCount(0);
  }

  await page.goto('/#/settings');
  const workspaces = page.getByRole('region', { name: 'Workspaces on this device' });
  await expect(workspaces.getByRole('listitem')).toHaveCount(1);
  await expect(workspaces.getByRole('listitem')).toContainText('My workspace');
});

import { test, expect, type SyncPeer } from '../support/sync-peers';

/**
 * Issue 22, "Pairing with no relay at all". Every device's relay is unreachable (a RelayGate that
 * stays blocked: its socket opens and reaches nothing), so every connection here is made by the
 * codes or through the mesh:
 *
 *   A ──code── B ──code── C        then   A ────mesh-signalled──── C
 *
 * A and B pair by copy-pasted codes (B is a new device: the offer carries the workspace) and
 * the 200 sample reaches B. C pairs with B the same way; B passes A's and C's sealed offer and
 * answer between them, and A and C connect directly: with B closed, an edit on A still reaches C.
 */

const PAIRED = 'Connected. Changes now sync directly.';

/** Team → Pair without a server → an offer code for a new device. */
async function offerForNewDevice(peer: SyncPeer): Promise<string> {
  await peer.openTeam();
  await peer.page.getByRole('button', { name: 'Pair without a server' }).click();
  const panel = peer.page.getByRole('region', { name: 'Pair without a server' });
  await panel.getByLabel('A new device (it joins this workspace)').check();
  await panel.getByRole('button', { name: 'Make an offer code' }).click();
  const code = panel.getByLabel('Offer code', { exact: true });
  await expect(code).toHaveValue(/^[A-Za-z0-9_-]{200,}$/);
  await expect(panel.getByRole('img', { name: 'QR code of the offer' })).toBeVisible();
  const text = await code.inputValue();
  // Byte mode at level L holds 1,273 bytes in version 25: under it, a phone reads the code from a screen.
  expect(text.length, 'an offer short enough for a QR code at normal size').toBeLessThan(1_200);
  test.info().annotations.push({ type: 'offer code', description: `${text.length} characters` });
  return text;
}

/** A new device opens "Pair by code" from its empty start screen, joins by `offer` and returns its answer code. */
async function joinByOffer(peer: SyncPeer, offer: string, name: string): Promise<string> {
  await peer.open();
  await peer.page.getByRole('link', { name: 'Joining a team with no server? Pair by code' }).click();
  await expect(peer.page.getByRole('heading', { level: 1, name: 'Join a team without a server' })).toBeVisible();
  const input = peer.page.getByLabel('Offer code from the other device');
  // A code cut short in a chat: a clear message, and nothing is joined.
  await input.fill(offer.slice(0, offer.length - 40));
  await peer.page.getByRole('button', { name: 'Continue' }).click();
  await expect(peer.page.getByRole('alert')).toContainText('This code is incomplete');
  // As a chat app delivers it: wrapped over lines, with spaces.
  await input.fill(` ${offer.match(/.{1,48}/g)!.join('\n')} \n`);
  await peer.page.getByRole('button', { name: 'Continue' }).click();
  await peer.page.getByLabel('Your name').fill(name);
  await peer.page.getByRole('button', { name: 'Join and make an answer code' }).click();
  const answer = peer.page.getByLabel('Answer code', { exact: true });
  await expect(answer).toHaveValue(/^[A-Za-z0-9_-]{200,}$/, { timeout: 30_000 });
  await expect(peer.page.getByRole('img', { name: 'QR code of the answer' })).toBeVisible();
  return answer.inputValue();
}

async function takeAnswer(peer: SyncPeer, answer: string) {
  const panel = peer.page.getByRole('region', { name: 'Pair without a server' });
  await panel.getByLabel('Answer code from the other device').fill(answer);
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('status')).toHaveText(PAIRED, { timeout: 30_000 });
}

/** The Team page's count: `direct` of them connected directly (all of them when equal). */
async function expectReached(peer: SyncPeer, teammates: number, direct: number) {
  await peer.openTeam();
  let text = teammates === 1 ? 'Connected to 1 teammate' : `Connected to ${teammates} teammates`;
  if (direct < teammates) text += ` (${direct} directly, the others through ${direct === 1 ? 'that device' : 'those devices'})`;
  await expect(peer.page.getByText(text, { exact: true }), `${peer.label}: ${text}`).toBeVisible({ timeout: 60_000 });
}

test('with no relay, two devices pair by codes and sync 200 customers; a third pairs with one and reaches the other through the mesh', async ({ peers }) => {
  test.setTimeout(300_000);
  const a = await peers.launch('A', { relay: 'blocked' });
  await a.open();
  await a.page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(a.customerCount(200)).toBeVisible({ timeout: 60_000 });

  const b = await peers.launch('B', { relay: 'blocked' });
  const offerToB = await offerForNewDevice(a);
  const answerOfB = await joinByOffer(b, offerToB, 'Li Na');
  await takeAnswer(a, answerOfB);
  await expect(b.page.getByRole('status').filter({ hasText: PAIRED })).toBeVisible({ timeout: 30_000 });
  await b.page.getByRole('link', { name: 'Open the customers' }).click();
  await expect(b.customerCount(200)).toBeVisible({ timeout: 60_000 });
  await b.expectStatus('Up to date');
  expect([...b.relay.reached], 'no relay was reached').toEqual([]);

  const c = await peers.launch('C', { relay: 'blocked' });
  const offerToC = await offerForNewDevice(b);
  const answerOfC = await joinByOffer(c, offerToC, 'Wang Fang');
  await takeAnswer(b, answerOfC);
  await c.page.getByRole('link', { name: 'Open the customers' }).click();
  await expect(c.customerCount(200)).toBeVisible({ timeout: 60_000 });

  // A and C never exchanged a code: B carried their offer and answer, and they connected directly.
  await expectReached(c, 2, 2);
  await expectReached(a, 2, 2);

  // Without B, an edit on A reaches C only over that direct connection.
  await b.context.close();
  await a.openCustomers();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', phone: '13800138000' });
  await c.openCustomers();
  await expect(c.customerCount(201)).toBeVisible({ timeout: 30_000 });
  await c.page.getByRole('searchbox', { name: 'Search customers' }).fill('Harbor');
  await expect(c.customerLink('Harbor Logistics Ltd')).toBeVisible();
  // Conflict detection worked on the joining devices (it once threw on their first sync: conflicts-joining.test.ts).
  for (const peer of [b, c]) expect(peer.log.filter((line) => line.includes('watchConflicts')), `${peer.label}'s console`).toEqual([]);
});

// The start most sync specs share: device A founds a workspace with one customer, and B joins it by A's invite link.
import { expect, type Peers } from '../../support/sync-peers';

/** Device A with a workspace holding Harbor Logistics Ltd, and the invite link it shows. */
export async function founderWithInvite(peers: Peers) {
  const a = await peers.launch('A');
  await a.open();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', phone: '021 6123 4567', company: true });
  const link = await a.inviteLink();
  return { a, link };
}

/** A and B (Li Na) in one workspace: B has A's customer and A says it is up to date. */
export async function teamOfTwo(peers: Peers) {
  const { a, link } = await founderWithInvite(peers);
  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();
  await a.expectStatus('Up to date');
  return { a, b };
}

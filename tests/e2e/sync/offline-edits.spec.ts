import { test, expect, type Peers, type SyncPeer } from '../support/sync-peers';

/** A with one customer, B joined and holding it, both up to date. */
async function teamOfTwo(peers: Peers, customer: string) {
  const a = await peers.launch('A');
  await a.open();
  await a.createCustomer({ name: customer, email: 'wang.fang@example.com' });
  const link = await a.inviteLink();
  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  await expect(b.customerLink(customer)).toBeVisible();
  await a.expectStatus('Up to date');
  await b.expectStatus('Up to date');
  return { a, b };
}

/** B leaves the network; A notices it is alone before anyone edits. */
async function separate(a: SyncPeer, b: SyncPeer) {
  await b.goOffline();
  await a.expectStatus('Looking for teammates');
}

async function reunite(a: SyncPeer, b: SyncPeer) {
  await b.goOnline();
  await a.expectStatus('Up to date');
  await b.expectStatus('Up to date');
}

test('different fields edited on two disconnected devices are both kept', async ({ peers }) => {
  const customer = 'Wang Fang';
  const { a, b } = await teamOfTwo(peers, customer);

  await separate(a, b);
  await a.editCustomer(customer, { email: 'fang@harbor.example' });
  await b.editCustomer(customer, { notes: 'Call after 3 pm' });
  // Neither has the other's edit yet.
  await expect(b.details.getByRole('link', { name: 'wang.fang@example.com' })).toBeVisible();
  await expect(a.details.getByText('Call after 3 pm')).toHaveCount(0);

  await reunite(a, b);
  for (const peer of [a, b]) {
    await peer.openCustomer(customer);
    await expect(peer.details.getByRole('link', { name: 'fang@harbor.example' }), `${peer.label} has A's email`).toBeVisible();
    await expect(peer.details.getByText('Call after 3 pm'), `${peer.label} has B's notes`).toBeVisible();
    await expect(peer.page.getByRole('region', { name: 'Edited on two devices while offline' })).toHaveCount(0);
  }
});

test('the same field edited on two disconnected devices converges, and the overwritten value is shown', async ({ peers }) => {
  const customer = 'Chen Jie';
  const { a, b } = await teamOfTwo(peers, customer);

  await separate(a, b);
  const written = new Map<SyncPeer, string>([
    [a, 'Ship by sea, invoice in CNY'],
    [b, 'Ship by air, invoice in USD'],
  ]);
  await a.editCustomer(customer, { notes: written.get(a)! });
  await b.editCustomer(customer, { notes: written.get(b)! });

  await reunite(a, b);
  await a.openCustomer(customer);
  await b.openCustomer(customer);
  const notesOf = (peer: SyncPeer) => peer.details.getByText(/^Ship by/).textContent({ timeout: 1_000 }).catch(() => null);
  // Both sides end with the same one of the two values.
  await expect
    .poll(async () => {
      const [onA, onB] = [await notesOf(a), await notesOf(b)];
      return onA === onB && [...written.values()].includes(onA ?? '') ? onA : `A: ${onA} | B: ${onB}`;
    }, { timeout: 20_000 })
    .toMatch(/^Ship by/);
  const kept = (await notesOf(a))!;
  const loser = written.get(a) === kept ? b : a;
  const lost = written.get(loser)!;

  // The device whose value was overwritten says so, and still shows what it had written.
  const notice = loser.page.getByRole('region', { name: 'Edited on two devices while offline' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Notes');
  await expect(notice).toContainText(lost);
});

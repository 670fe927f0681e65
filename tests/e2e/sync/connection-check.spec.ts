import { test, expect } from '../support/sync-peers';
import { startCoturn, TURN_PASSWORD, TURN_USER } from './support/coturn';
import { teamOfTwo } from './support/team';

/**
 * Settings → Connections → Check connection, and the Team page's route per teammate, with two devices
 * on loopback through the app's own relay (no STUN/TURN: host candidates only). The case of a
 * teammate reached only through TURN, behind NAT, is proved in network namespaces by the NAT spec.
 */
test('the connection check finds the relay, host candidates and the teammate reached directly; the Team page says direct', async ({ peers }) => {
  const { a } = await teamOfTwo(peers);

  await a.openConnections();
  await a.connections.getByRole('button', { name: 'Check connection' }).click();
  const result = a.connections.getByRole('region', { name: 'Connection check' });
  // Generous: gathering candidates is bounded at 8 s, and the machine is shared.
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText('Secure connection (https): yes.');
  await expect(result.getByText(/^Relay ws:\/\/\S+\/signal: reachable, \d+ ms\.$/)).toBeVisible();
  await expect(result).toContainText(/Network paths found: [1-9]\d* on this device \(host\), 0 seen from outside/);
  await expect(result).toContainText('Li Na: reached directly.');
  await expect(result).toContainText('Everything needed to sync works.');

  await a.openTeam();
  const mate = a.page.getByRole('region', { name: 'Teammates' }).getByRole('listitem').filter({ hasText: 'Li Na' });
  await expect(mate).toContainText('Online now');
  await expect(mate).toContainText(/direct since \d/);
});

test('a relay that opens but does not answer is named, with what to change', async ({ peers }) => {
  // The relay gate lets the socket open and passes nothing on, as a web server that is not a relay would.
  const a = await peers.launch('A', { relay: 'blocked' });
  await a.open();
  await a.openConnections();
  await a.connections.getByRole('button', { name: 'Check connection' }).click();
  const result = a.connections.getByRole('region', { name: 'Connection check' });
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.getByText(/^Relay ws:\/\/\S+: not reachable \(it opened but did not answer as a relay\)\.$/)).toBeVisible();
  await expect(result).toContainText('Relay unreachable: check the address, and that the relay runs');
  await expect(result).toContainText('No teammate is online right now.');
});

test('with a TURN server the check counts relayed paths, and names a server that refuses the credential', async ({ peers }, testInfo) => {
  const port = 36_700 + testInfo.workerIndex * 300;
  const turn = await startCoturn(port);
  try {
    const a = await peers.launch('A');
    await a.open();
    await a.openConnections();
    const addServer = async (urls: string, credential: string) => {
      await a.connections.getByLabel('Server address').fill(urls);
      await a.connections.getByLabel('Username', { exact: true }).fill(TURN_USER);
      await a.connections.getByLabel('Credential', { exact: true }).fill(credential);
      await a.connections.getByRole('button', { name: 'Add server' }).click();
      await expect(a.connections.getByText(urls, { exact: true })).toBeVisible();
    };
    await addServer(`turn:127.0.0.1:${port}?transport=udp`, TURN_PASSWORD);
    // The same coturn over TCP, with a credential it refuses (401 to the allocation).
    await addServer(`turn:127.0.0.1:${port}?transport=tcp`, 'not-the-credential');

    await a.connections.getByRole('button', { name: 'Check connection' }).click();
    const result = a.connections.getByRole('region', { name: 'Connection check' });
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(result).toContainText(/[1-9]\d* through a TURN relay \(relayed\)/);
    await expect(result).toContainText(/Server turn:127\.0\.0\.1:\d+\?transport=tcp did not work: .*401/);
    await expect(result).toContainText('A STUN/TURN server did not work: check its address and port');
  } finally {
    await turn.stop();
  }
});

import { test, expect, type SyncPeer } from '../support/sync-peers';
import type { KehuTestHooks } from '../../../src/app/test-hooks';

/**
 * Issue 19: a teammate's device (here B, through the test hooks of a test build) writes into
 * the shared document what the app never would: a string among the customers, in the same
 * transaction as 10 valid customers, and a valid customer whose unknown field `extra` is nested
 * 3,000 levels deep, with 10 more. Every valid customer must stay listed, on both devices and
 * after a restart; the two refused entries are on the Data problems page with their reason.
 */

/** Writes with the peer's test hooks, in one transaction: `count` valid customers named `prefix N`, and the attack. */
async function write(peer: SyncPeer, prefix: string, count: number, attack: 'garbage' | 'deep'): Promise<void> {
  await peer.page.evaluate(
    async ({ prefix, count, attack }) => {
      const hooks = (window as unknown as { __kehuTest: KehuTestHooks }).__kehuTest;
      const valid = Array.from({ length: count }, (_, i) => ({ kind: 'person', name: `${prefix} ${i + 1}`, status: 'active' }));
      if (attack === 'garbage') {
        await hooks.putEntries('customers', valid, [[crypto.randomUUID(), 'garbage']]);
        return;
      }
      // Built here: 3,000 levels would not survive being passed in from the test.
      let deep: unknown = 'leaf';
      for (let i = 0; i < 3000; i++) deep = { next: deep };
      await hooks.putEntries('customers', [...valid, { kind: 'person', name: 'Deeply Nested', status: 'active', extra: deep }]);
    },
    { prefix, count, attack },
  );
}

/** The nav link carries the number of problems after its label ("Data problems 2"). */
function problemsLink(peer: SyncPeer, name: RegExp) {
  return peer.page.getByRole('navigation', { name: /Main|主菜单/ }).getByRole('link', { name });
}

async function expectEveryValidCustomer(peer: SyncPeer) {
  await expect(peer.customerCount(21), `${peer.label} lists every valid customer`).toBeVisible({ timeout: 20_000 });
  await expect(peer.customerLink('Deep Batch 1')).toBeVisible();
  await expect(peer.customerLink('Deeply Nested')).toHaveCount(0);
}

async function expectProblems(peer: SyncPeer) {
  await problemsLink(peer, /^Data problems/).click();
  await expect(peer.page.getByRole('heading', { level: 1, name: 'Data problems' })).toBeVisible();
  await expect(peer.page.getByText('This entry is not a record', { exact: false })).toHaveCount(1);
  await expect(peer.page.getByText('A field is nested too deeply to be read safely', { exact: false })).toHaveCount(1);
}

test('a peer writing a string among the customers, and a customer nested 3,000 levels deep, loses no valid customer', async ({ peers }) => {
  const a = await peers.launch('A');
  await a.open();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', company: true });
  const link = await a.inviteLink();

  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();

  await write(b, 'Garbage Batch', 10, 'garbage');
  await write(b, 'Deep Batch', 10, 'deep');

  for (const peer of [a, b]) {
    await peer.openCustomers();
    await expectEveryValidCustomer(peer);
    await expectProblems(peer);
  }

  // A restart rebuilds nothing wrongly and keeps every valid customer.
  for (const peer of [a, b]) {
    await peer.page.reload();
    await peer.openCustomers();
    await expectEveryValidCustomer(peer);
    await expectProblems(peer);
  }
  for (const peer of [a, b]) expect(peer.log.filter((line) => /projection|pageerror/i.test(line)), `${peer.label}'s console`).toEqual([]);

  // The reason is translated: the same page in Chinese.
  await a.goTo('Settings');
  await a.page.getByLabel('Language').selectOption('zh-CN');
  await problemsLink(a, /^数据问题/).click();
  await expect(a.page.getByRole('heading', { level: 1, name: '数据问题' })).toBeVisible();
  await expect(a.page.getByText('此条目不是一条记录', { exact: false })).toHaveCount(1);
  await expect(a.page.getByText('某个字段嵌套层级过深', { exact: false })).toHaveCount(1);
});

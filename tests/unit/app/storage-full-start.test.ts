import { describe, expect, it } from 'vitest';
import { KehuApp } from '../../../src/app/kehu-app';
import { Device } from '../../../src/app/device';
import { DeviceDb } from '../../../src/storage/device-db';
import { ReadOnlyError } from '../../../src/storage/errors';
import { readRecordById } from '../../../src/workspace/record-commands';
import { customerDraft } from '../support/fixtures';
import { StorageScope } from '../support/storage';
import { fullDiskPerTest } from '../support/full-disk';

const scope = new StorageScope();
const disk = fullDiskPerTest(scope);

async function appWithCustomer() {
  const db = new DeviceDb(scope.dbName('kehu-device-test'));
  scope.onCleanup(() => db.close());
  const app = await KehuApp.start({ defaultMemberPrefix: 'Member' }, new Device(db));
  scope.onCleanup(async () => {
    await app.session?.close();
  });
  const id = scope.trackWorkspace(app.initialWorkspaceId!);
  const session = await app.openWorkspace(id);
  await session.opened;
  const created = await session.customers.create(customerDraft({ name: '王建国' }));
  if (!created.ok) throw new Error('setup failed');
  await session.close();
  return { app, id, customerId: created.value };
}

describe('opening a workspace when the disk is full', () => {
  it('opens read-only from what is stored instead of failing, refuses changes and exports', async () => {
    const { app, id, customerId } = await appWithCustomer();
    // Every write of every database fails from now on, as on a full disk; reads still work.
    disk.fill(() => true);
    const session = await app.openWorkspace(id);
    await expect(session.opened).resolves.toBeUndefined();
    expect(readRecordById(session.workspace, 'customers', customerId)?.name).toBe('王建国');
    expect(session.readOnly).toBe(true);
    expect(session.saveStatus.current.state).not.toBe('saved');

    await expect(session.customers.create(customerDraft({ name: '李四' }))).rejects.toBeInstanceOf(ReadOnlyError);
    const { blob, kind } = await session.exportData();
    expect(kind).toBe('raw');
    expect(await blob.text()).toContain('"format":"kehu-raw-log"');

    disk.free();
    await session.retryWrites();
    expect(session.readOnly).toBe(false);
    expect((await session.customers.create(customerDraft({ name: '李四' }))).ok).toBe(true);
  });
});

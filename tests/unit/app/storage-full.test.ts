import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../src/workspace/workspace';
import { readRecordById } from '../../../src/workspace/record-commands';
import { ReadOnlyError } from '../../../src/storage/errors';
import { customerDraft } from '../support/fixtures';
import { openShopSession } from '../support/session';
import { StorageScope, docFromLog, firstValue } from '../support/storage';
import { fullDiskPerTest } from '../support/full-disk';

const scope = new StorageScope();
const disk = fullDiskPerTest(scope);

describe('the status line with a full disk', () => {
  it('does not say "saved" when the read tables could not be written, and goes read-only', async () => {
    const { session, store } = await openShopSession(scope);
    disk.fill((db, table) => db.startsWith('kehu-read-') && table === 'customers');
    // The command's update is in the log: the person's change is kept and reported as such...
    const created = await session.customers.create(customerDraft({ name: '王建国' }));
    expect(created.ok).toBe(true);
    await store.projection.idle();
    // ...but the lists lack it, and the status line says so instead of "All changes saved".
    expect(session.saveStatus.current).toEqual({ state: 'incomplete', problem: { store: 'tables', reason: 'quota' } });
    expect(session.readOnly).toBe(true);
    await expect(session.customers.create(customerDraft({ name: '李四' }))).rejects.toBeInstanceOf(ReadOnlyError);
    expect(await firstValue(session.queries.customers.count())).toBe(0);

    disk.free();
    await session.retryWrites();
    expect(session.saveStatus.current).toEqual({ state: 'saved' });
    expect(session.readOnly).toBe(false);
    expect(await firstValue(session.queries.customers.count())).toBe(1);
  });

  it('keeps an update the log could not write in memory, says "not saved", and writes it once space is freed', async () => {
    const { session, store, wsId } = await openShopSession(scope);
    disk.fill((db, table) => db.startsWith('kehu-log-') && table === 'updates');
    const failed = session.customers.create(customerDraft({ name: '王建国' }));
    await expect(failed).rejects.toMatchObject({ name: 'SaveFailedError', reason: 'quota' });
    expect(session.saveStatus.current).toEqual({ state: 'failed', reason: 'quota' });
    expect(session.readOnly).toBe(true);
    // Refused before anything changes: no second change waits unsaved behind the first.
    await expect(session.customers.create(customerDraft({ name: '李四' }))).rejects.toBeInstanceOf(ReadOnlyError);
    expect(store.log.pendingCount).toBeGreaterThan(0);

    disk.free();
    await session.retryWrites();
    expect(session.saveStatus.current).toEqual({ state: 'saved' });
    const names = [...(await docFromLog(scope.logDb(wsId))).getMap('customers').keys()].map((id) => readRecordById(new Workspace('x', store.doc, 'x'), 'customers', id)?.name);
    expect(names).toEqual(['王建国']);
  });

  it('tells a failed compaction apart from the log: the change is saved, the snapshot is not', async () => {
    const { session } = await openShopSession(scope);
    await session.customers.create(customerDraft());
    disk.fill((db, table) => db.startsWith('kehu-log-') && table === 'snapshotPieces');
    await expect(session.compactStorage()).rejects.toThrow();
    expect(session.saveStatus.current).toEqual({ state: 'incomplete', problem: { store: 'snapshots', reason: 'quota' } });
    expect(session.readOnly).toBe(false);
    disk.free();
    await session.compactStorage();
    expect(session.saveStatus.current).toEqual({ state: 'saved' });
  });
});

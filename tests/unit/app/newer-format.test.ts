import { afterEach, describe, expect, it } from 'vitest';
import { ReadOnlyError } from '../../../src/storage/errors';
import { NewerFormatError } from '../../../src/domain/record-versions';
import { collection, metaMap } from '../../../src/workspace/layout';
import { customerDraft, customerRecord } from '../support/fixtures';
import { openShopSession } from '../support/session';
import { StorageScope, firstValue } from '../support/storage';
import { putRawRecord } from '../support/ydoc';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

describe('a session on a workspace a newer Kehu wrote', () => {
  it('a newer layout: every command is refused with the reason, before anything changes; reading goes on', async () => {
    const { session, store } = await openShopSession(scope);
    expect((await session.customers.create(customerDraft({ name: '王建国' }))).ok).toBe(true);
    store.doc.transact(() => metaMap(store.doc).set('schemaVersion', 2), 'remote');
    expect(session.readOnly).toBe(true);
    const refused = session.customers.create(customerDraft({ name: '李四' }));
    await expect(refused).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(refused).rejects.toMatchObject({ reason: 'newer-format' });
    await expect(session.settings.update({ name: 'Renamed', defaultRegion: 'CN' })).rejects.toMatchObject({ reason: 'newer-format' });
    await store.projection.idle();
    expect(await firstValue(session.queries.customers.count())).toBe(1);
  });

  it('customers of a newer version: customer commands are refused, other kinds are not', async () => {
    const { session, store } = await openShopSession(scope);
    const id = '01960000-0000-7000-8000-0000000000c9';
    putRawRecord(store.doc, 'customers', id, customerRecord({ id, v: 3 }));
    expect(session.readOnly).toBe(false);
    await expect(session.customers.create(customerDraft({ name: '李四' }))).rejects.toBeInstanceOf(NewerFormatError);
    expect(collection(store.doc, 'customers').size).toBe(1);
    await session.members.setName('Li');
    expect(collection(store.doc, 'members').has('member-a')).toBe(true);
  });
});

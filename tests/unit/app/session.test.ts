import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceSession } from '../../../src/app/session';
import type { SaveState } from '../../../src/app/save-status';
import { initialiseWorkspace } from '../../../src/workspace/settings-commands';
import { collection } from '../../../src/workspace/layout';
import { readRecordById } from '../../../src/workspace/record-commands';
import { updateCustomer as updateCustomerCommand } from '../../../src/workspace/customer-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { customerToDraft, type CustomerDraft } from '../../../src/domain/customer';
import { ErrorCode } from '../../../src/domain/error-codes';
import { contactDraft, customerDraft, customerRecord } from '../support/fixtures';
import { StorageScope, docFromLog, firstValue } from '../support/storage';
import { putRawRecord, readCollection, recordUpdates } from '../support/ydoc';
import { SAMPLE_BATCH } from '../../../src/workspace/sample-commands';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

async function openSession(region: 'CN' | 'US' = 'CN') {
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  await store.ready;
  initialiseWorkspace(new Workspace(wsId, store.doc, 'member-a'), { name: 'Shop', defaultRegion: region });
  await store.log.flushed();
  const session = new WorkspaceSession(wsId, store, 'member-a');
  const logDb = scope.logDb(wsId);
  return { wsId, store, session, logDb };
}

async function customerRow(session: WorkspaceSession, id: string) {
  await session.store.projection.idle();
  return firstValue(session.queries.customers.get(id));
}

describe('WorkspaceSession.createCustomer', () => {
  it('returns field errors keyed by field for an invalid email, and writes nothing', async () => {
    const { session, store, logDb } = await openSession();
    const logged = await logDb.updates.count();
    const updates = recordUpdates(store.doc);
    const result = await session.customers.create(customerDraft({ emails: [{ label: 'work', address: 'wang@example' }] }));
    expect(result).toEqual({ ok: false, errors: { 'emails.0.address': ErrorCode.emailInvalid } });
    expect(updates.updates).toHaveLength(0);
    expect(collection(store.doc, 'customers').size).toBe(0);
    await store.log.flushed();
    await store.projection.idle();
    expect(await logDb.updates.count()).toBe(logged);
    expect(await firstValue(session.queries.customers.count())).toBe(0);
  });

  it.each<[string, Partial<CustomerDraft>, Record<string, string>]>([
    ['an empty name', { name: '  ' }, { name: ErrorCode.required }],
    ['a bad phone and a future birthday', { phones: [{ label: 'mobile', number: '123' }], birthday: '2999-01-01' }, { 'phones.0.number': ErrorCode.phoneInvalid, birthday: ErrorCode.dateInFuture }],
    ['a bad country', { address: { street: '', city: '', region: '', postalCode: '', country: 'ZZZ' } }, { 'address.country': ErrorCode.countryInvalid }],
  ])('reports %s with errors.* message keys', async (_, patch, errors) => {
    const { session, store } = await openSession();
    expect(await session.customers.create(customerDraft(patch))).toEqual({ ok: false, errors });
    expect(collection(store.doc, 'customers').size).toBe(0);
  });

  it('a valid customer is durable when the call returns and appears in the read table', async () => {
    const { session, logDb } = await openSession();
    const result = await session.customers.create(customerDraft({ name: ' 王  建国 ', emails: [{ label: 'work', address: 'WANG@Example.com' }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Already in the log, before anything else is awaited.
    const fromLog = await docFromLog(logDb);
    expect(readRecordById(new Workspace('x', fromLog, 'x'), 'customers', result.value)?.name).toBe('王 建国');
    expect(await customerRow(session, result.value)).toMatchObject({
      id: result.value,
      name: '王 建国',
      phones: [{ label: 'mobile', number: '+8613800138000' }],
      emails: [{ label: 'work', address: 'wang@example.com' }],
      createdBy: 'member-a',
      alive: 1,
    });
    expect(session.saveStatus.current).toEqual({ state: 'saved' });
  });

  it('reads national numbers with the workspace region', async () => {
    const { session } = await openSession('US');
    const result = await session.customers.create(customerDraft({ phones: [{ label: 'work', number: '(201) 555-0123' }] }));
    expect(result.ok && (await customerRow(session, result.value))?.phones).toEqual([{ label: 'work', number: '+12015550123' }]);
  });

  it('reports saving, then saved', async () => {
    const { session } = await openSession();
    const states: SaveState['state'][] = [];
    session.saveStatus.subscribe((s) => states.push(s.state));
    await session.customers.create(customerDraft());
    expect(states).toEqual(['saved', 'saving', 'saved']);
  });
});

describe('WorkspaceSession.updateCustomer', () => {
  it('writes only what the form changed, keeping a teammate\'s concurrent edits', async () => {
    const { session, store } = await openSession();
    const created = await session.customers.create(customerDraft({ tags: ['VIP'], status: 'lead' }));
    if (!created.ok) throw new Error('setup failed');
    const id = created.value;
    const original = customerToDraft((await customerRow(session, id))!);

    // A teammate changes the status and adds a tag while the form is open.
    updateCustomerCommand(new Workspace(session.id, store.doc, 'member-b'), id, { status: 'active', tags: ['VIP', 'wholesale'] });

    const edited = { ...original, name: '王小明', tags: ['VIP', '老客户'] };
    const result = await session.customers.update(id, edited, original);
    expect(result.ok && result.value.sort()).toEqual(['name', 'tags']);
    expect(await customerRow(session, id)).toMatchObject({ name: '王小明', status: 'active', tags: ['VIP', 'wholesale', '老客户'].sort(), updatedBy: 'member-a' });
  });

  it('keeps fields written by a newer version when the form saves', async () => {
    const { session, store } = await openSession();
    const id = '01960000-0000-7000-8000-00000000f00d';
    putRawRecord(store.doc, 'customers', id, customerRecord({ id, loyaltyPoints: 120 }), { wechatId: 'wx_ann' });
    const original = customerToDraft((await customerRow(session, id))!);
    const result = await session.customers.update(id, { ...original, notes: 'edited in this version' }, original);
    expect(result).toEqual({ ok: true, value: ['notes'] });
    expect(readRecordById(session.workspace, 'customers', id)).toMatchObject({ notes: 'edited in this version', loyaltyPoints: 120, wechatId: 'wx_ann' });
    expect(await customerRow(session, id)).toMatchObject({ loyaltyPoints: 120, wechatId: 'wx_ann' });
  });

  it('returns field errors and writes nothing for an invalid edit', async () => {
    const { session, store } = await openSession();
    const created = await session.customers.create(customerDraft());
    if (!created.ok) throw new Error('setup failed');
    const original = customerToDraft((await customerRow(session, created.value))!);
    const updates = recordUpdates(store.doc);
    expect(await session.customers.update(created.value, { ...original, name: '' }, original)).toEqual({ ok: false, errors: { name: ErrorCode.required } });
    expect(updates.updates).toHaveLength(0);
  });
});

describe('WorkspaceSession: delete, restore, purge', () => {
  it('soft delete moves the customer to the trash and restore brings it back', async () => {
    const { session } = await openSession();
    const created = await session.customers.create(customerDraft());
    if (!created.ok) throw new Error('setup failed');
    const id = created.value;

    await session.customers.remove(id);
    expect(await customerRow(session, id)).toMatchObject({ alive: 0, deletedAt: expect.any(String) });
    expect((await firstValue(session.queries.trash.all())).filter((g) => g.row.type === 'customers').map((g) => g.row.id)).toEqual([id]);
    expect(await firstValue(session.queries.customers.count())).toBe(0);

    await session.customers.restore(id);
    expect(await customerRow(session, id)).toMatchObject({ alive: 1, deletedAt: null });
    expect((await firstValue(session.queries.trash.all())).filter((g) => g.row.type === 'customers')).toEqual([]);
    expect(await firstValue(session.queries.customers.count())).toBe(1);
  });

  it('purge removes the customer and its contacts from the document, the log state and the read tables', async () => {
    const { session, store, logDb } = await openSession();
    const created = await session.customers.create(customerDraft({ kind: 'company', name: 'Acme Secret Ltd' }));
    if (!created.ok) throw new Error('setup failed');
    const id = created.value;
    const contact = await session.contacts.create(id, contactDraft());
    expect(contact.ok).toBe(true);
    await session.customers.remove(id);
    await session.customers.purge(id);
    await store.projection.idle();
    expect(collection(store.doc, 'customers').has(id)).toBe(false);
    expect(collection(store.doc, 'contacts').size).toBe(0);
    expect(await firstValue(session.queries.customers.get(id))).toBeUndefined();
    expect(await firstValue(session.queries.contacts.ofCustomer(id))).toEqual([]);
    expect((await firstValue(session.queries.trash.all())).filter((g) => g.row.type === 'customers')).toEqual([]);
    expect(readCollection(await docFromLog(logDb), 'customers')).toEqual({});
  });
});

describe('WorkspaceSession: contacts, settings, custom fields', () => {
  it('creates and edits a contact of a company', async () => {
    const { session } = await openSession();
    const company = await session.customers.create(customerDraft({ kind: 'company', name: 'Acme' }));
    if (!company.ok) throw new Error('setup failed');
    const created = await session.contacts.create(company.value, contactDraft({ phones: [{ label: 'mobile', number: '139 0013 9000' }] }));
    if (!created.ok) throw new Error('contact failed');
    await session.store.projection.idle();
    const [row] = await firstValue(session.queries.contacts.ofCustomer(company.value));
    expect(row).toMatchObject({ id: created.value, name: '李娜', phones: [{ label: 'mobile', number: '+8613900139000' }] });
    const original = contactDraft({ phones: [{ label: 'mobile', number: '139 0013 9000' }] });
    expect(await session.contacts.update(created.value, { ...original, jobTitle: '总经理' }, original)).toEqual({ ok: true, value: ['jobTitle'] });
  });

  it('rejects an invalid contact with field errors', async () => {
    const { session } = await openSession();
    expect(await session.contacts.create('c1', contactDraft({ name: '', emails: [{ label: 'work', address: 'x' }] }))).toEqual({
      ok: false,
      errors: { name: ErrorCode.required, 'emails.0.address': ErrorCode.emailInvalid },
    });
  });

  it('validates and saves settings', async () => {
    const { session } = await openSession();
    expect(await session.settings.update({ name: 'Shop', defaultRegion: 'XX' })).toEqual({ ok: false, errors: { defaultRegion: ErrorCode.regionInvalid } });
    expect(await session.settings.update({ name: ' New  name ', defaultRegion: 'GB' })).toEqual({ ok: true, value: { name: 'New name', defaultRegion: 'GB' } });
    expect(session.settings.current()).toEqual({ name: 'New name', defaultRegion: 'GB' });
  });

  it('validates custom values against the workspace\'s custom fields', async () => {
    const { session } = await openSession();
    expect(await session.customFields.create({ label: 'Tier', type: 'choice', options: [] })).toEqual({ ok: false, errors: { options: ErrorCode.required } });
    const field = await session.customFields.create({ label: 'Points', type: 'number', options: [] });
    if (!field.ok) throw new Error('setup failed');
    expect(await session.customers.create(customerDraft({ custom: { [field.value]: 'many' } }))).toEqual({ ok: false, errors: { [`custom.${field.value}`]: ErrorCode.numberInvalid } });
    const ok = await session.customers.create(customerDraft({ custom: { [field.value]: '1,500' } }));
    expect(ok.ok && (await customerRow(session, ok.value))?.custom).toEqual({ [field.value]: 1500 });
    // A deleted field no longer applies.
    await session.customFields.remove(field.value);
    expect((await session.customers.create(customerDraft({ custom: { [field.value]: 'many' } }))).ok).toBe(true);
  });

  it('sets the member name', async () => {
    const { session } = await openSession();
    await session.members.setName('Ann');
    await session.store.projection.idle();
    expect(await firstValue(session.queries.members())).toMatchObject([{ id: 'member-a', name: 'Ann' }]);
  });
});

describe('WorkspaceSession.loadSampleData', () => {
  it('loadSampleData(200) produces 200 valid customer rows and no problems', async () => {
    const { session, logDb } = await openSession();
    await session.loadSampleData(200);
    await session.store.projection.idle();
    expect(await firstValue(session.queries.customers.count())).toBe(200);
    expect(await firstValue(session.queries.problemCount())).toBe(0);
    const companies = (await firstValue(session.queries.customers.list('name', 'asc'))).filter((c) => c.kind === 'company');
    expect(companies.length).toBeGreaterThan(0);
    expect((await firstValue(session.queries.contacts.ofCustomer(companies[0]!.id))).length).toBeGreaterThan(0);
    // One transaction, so one row in the log.
    expect(await logDb.updates.count()).toBe(2);
  });

  it('says "saving" from the first batch until the last is durable, and reports the customers written', async () => {
    const { session } = await openSession();
    const n = SAMPLE_BATCH + 1;
    // The status as each batch is reported: it said "All changes saved" while batches were still being written.
    const progress: string[] = [];
    session.sampleLoad.subscribe((p) => progress.push(`${p ? `${p.written}/${p.total}` : 'none'} ${session.saveStatus.current.state}`));
    await session.loadSampleData(n);
    expect(progress).toEqual(['none saved', `0/${n} saved`, `${SAMPLE_BATCH}/${n} saving`, `${n}/${n} saving`, 'none saved']);
  });
});

describe('WorkspaceSession after reopening', () => {
  it('sees what it saved before', async () => {
    const { wsId, session } = await openSession();
    const created = await session.customers.create(customerDraft({ name: 'Persisted' }));
    if (!created.ok) throw new Error('setup failed');
    await session.close();
    const reopened = new WorkspaceSession(wsId, await scope.openStore(wsId), 'member-a');
    await reopened.store.ready;
    expect((await firstValue(reopened.queries.customers.get(created.value)))?.name).toBe('Persisted');
    expect(reopened.settings.current()).toEqual({ name: 'Shop', defaultRegion: 'CN' });
  });
});

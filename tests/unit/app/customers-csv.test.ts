import { afterEach, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { emptyOrderDraft, emptyOrderLineDraft } from '../../../src/domain/order';
import { contactDraft, customerDraft } from '../support/fixtures';
import { StorageScope } from '../support/storage';
import { openShopSession } from '../support/session';

// The words come from the UI's i18n, which sets <html lang> (absent in Node).
vi.stubGlobal('document', { documentElement: {} });
const { i18n } = await import('../../../src/i18n/i18n.svelte');
const { csvWords } = await import('../../../src/ui/customer-list/csv-words');

const scope = new StorageScope();
afterEach(() => scope.cleanup());

describe('WorkspaceSession.customersCsv', () => {
  it('exports the chosen customers with their live contacts and a column per custom field', async () => {
    const { session, store } = await openShopSession(scope);
    const field = await session.customFields.create({ label: '会员等级', type: 'choice', options: ['金卡', '银卡'] });
    if (!field.ok) throw new Error('field');
    const a = await session.customers.create(customerDraft({ name: '王建国', custom: { [field.value]: '金卡' } }));
    const b = await session.customers.create(customerDraft({ name: '李娜' }));
    const c = await session.customers.create(customerDraft({ name: '不导出' }));
    if (!a.ok || !b.ok || !c.ok) throw new Error('customers');
    const kept = await session.contacts.create(a.value, contactDraft({ name: '张伟', jobTitle: '采购经理' }));
    const gone = await session.contacts.create(a.value, contactDraft({ name: '已删除' }));
    await session.contacts.create(c.value, contactDraft({ name: '别人的联系人' }));
    if (!kept.ok || !gone.ok) throw new Error('contacts');
    await session.contacts.remove(gone.value);
    const order = (on: string, status: 'paid' | 'pending') => ({
      ...emptyOrderDraft(on, 'CNY', () => `line-${on}`),
      status,
      lines: [{ ...emptyOrderLineDraft(`line-${on}`), description: 'Tea', quantity: '1', unitPrice: '10' }],
    });
    // The last purchase is the newest paid order: a newer pending one is not a purchase yet.
    expect((await session.orders.create(a.value, order('2026-01-10', 'paid'))).ok).toBe(true);
    expect((await session.orders.create(a.value, order('2026-02-10', 'paid'))).ok).toBe(true);
    expect((await session.orders.create(a.value, order('2026-03-10', 'pending'))).ok).toBe(true);
    await store.projection.idle();

    i18n.locale = 'zh-CN';
    const text = await session.customersCsv([b.value, a.value], csvWords(), { raw: false });
    i18n.locale = 'en';
    const [headers, ...rows] = Papa.parse<string[]>(text.slice(1)).data;
    const cell = (row: number, header: string) => rows[row]![headers!.indexOf(header)];
    expect(rows.map((r) => r[0])).toEqual(['李娜', '王建国']);
    expect(headers!.at(-1)).toBe('会员等级');
    expect(cell(1, '会员等级')).toBe('金卡');
    expect(cell(0, '会员等级')).toBe('');
    expect(cell(1, '联系人')).toMatch(/^张伟（采购经理、/);
    expect(cell(1, '联系人')).not.toContain('已删除');
    expect(cell(0, '联系人')).toBe('');
    expect(text).not.toContain('别人的联系人');
    expect(cell(1, '最近购买')).toBe('2026-02-10');
    expect(cell(0, '最近购买')).toBe('');
  });
});

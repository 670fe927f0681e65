import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { customersToCsv, type CustomerCsvInput } from '../../../src/lists/customer-csv';
import type { Customer } from '../../../src/domain/customer';
import type { Contact } from '../../../src/domain/contact';
import { contactFields, customerFields, meta } from '../support/fixtures';

// The export takes its words from the UI's i18n (csv-words.ts); it sets <html lang>, absent in Node.
vi.stubGlobal('document', { documentElement: {} });
const { i18n } = await import('../../../src/i18n/i18n.svelte');
const { csvWords } = await import('../../../src/ui/customer-list/csv-words');

const company: Customer = {
  ...meta({ id: 'c1', createdAt: '2026-03-01T08:00:00.000Z', updatedAt: '2026-03-02T09:30:00.000Z' }),
  ...customerFields({
    kind: 'company',
    name: '北京金桥餐饮管理有限公司',
    phones: [
      { label: 'work', number: '+861088886666' },
      { label: 'mobile', number: '+8613800138000' },
    ],
    birthday: null,
    foundedOn: '2008-08-08',
    industry: '餐饮',
    size: '50-249',
    source: 'walk_in',
    status: 'lead',
    ownerId: 'm1',
    tags: ['VIP', '北京'],
    custom: { f1: 'Gold', f2: -12.5 },
  }),
};
const person: Customer = { ...meta({ id: 'c2' }), ...customerFields({ name: '=HYPERLINK("http://evil.example")', notes: '第一行\n"第二行", 有逗号' }) };
const contacts: Contact[] = [
  { ...meta({ id: 'k1' }), ...contactFields({ customerId: 'c1', name: '李娜', jobTitle: '采购经理', department: '', role: 'purchaser', emails: [{ label: 'work', address: 'li@example.cn' }] }) },
  { ...meta({ id: 'k2' }), ...contactFields({ customerId: 'c1', name: '张伟', jobTitle: '', department: '', role: 'other', phones: [] }) },
];
const customFields = [
  { id: 'f1', label: '会员等级' },
  { id: 'f2', label: '=Balance' },
];

function exported(locale: 'en' | 'zh-CN', overrides: Partial<CustomerCsvInput> = {}) {
  i18n.locale = locale;
  const text = customersToCsv({ customers: [company, person], contacts, customFields, memberName: (id) => (id === 'm1' ? '陈经理' : id), words: csvWords(), raw: false, ...overrides });
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: false });
  const [headers, ...rows] = parsed.data;
  const cell = (row: number, header: string) => rows[row]![headers!.indexOf(header)];
  return { text, headers: headers!, rows, cell, errors: parsed.errors };
}

beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterEach(() => {
  i18n.locale = 'en';
});

describe('customers as CSV', () => {
  it('starts with a UTF-8 byte order mark, ends lines with CRLF and parses back to the same rows', () => {
    const { text, rows, errors } = exported('zh-CN');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2);
    // Records end in CRLF; the only other line breaks are inside quoted cells (notes, contacts).
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '""');
    expect(outsideQuotes.split('\r\n')).toHaveLength(3);
    expect(outsideQuotes).not.toMatch(/(?<!\r)\n/);
    expect(text).toContain('"第一行\n""第二行"", 有逗号"');
  });

  it('writes kind, status, source, size, country and roles in Chinese under Chinese headers', () => {
    const { headers, cell } = exported('zh-CN');
    expect(headers.slice(0, 3)).toEqual(['姓名/名称', '类型', '状态']);
    expect(cell(0, '类型')).toBe('企业');
    expect(cell(0, '状态')).toBe('潜在客户');
    expect(cell(0, '来源')).toBe('到店');
    expect(cell(0, '企业规模')).toBe('50-249 人');
    expect(cell(0, '国家或地区')).toBe('中国');
    expect(cell(0, '负责人')).toBe('陈经理');
    expect(cell(0, '联系人')).toBe('李娜（采购经理、采购） +8613900139000, li@example.cn\n张伟');
  });

  it('writes the same in English', () => {
    const { headers, cell } = exported('en');
    expect(headers.slice(0, 3)).toEqual(['Name', 'Kind', 'Status']);
    expect(cell(0, 'Kind')).toBe('Company');
    expect(cell(0, 'Status')).toBe('Lead');
    expect(cell(0, 'Source')).toBe('Walk-in');
    expect(cell(0, 'Company size')).toBe('50-249 employees');
    expect(cell(0, 'Country')).toBe('China');
    expect(cell(0, 'Contacts')).toBe('李娜 (采购经理, Purchaser) +8613900139000, li@example.cn\n张伟');
    expect(cell(0, 'Created')).toBe('2026-03-01 08:00');
  });

  it('with raw codes writes codes and stored timestamps, for a program to read back', () => {
    const { headers, cell } = exported('zh-CN', { raw: true });
    expect(headers[1]).toBe('类型');
    expect(cell(0, '类型')).toBe('company');
    expect(cell(0, '状态')).toBe('lead');
    expect(cell(0, '来源')).toBe('walk_in');
    expect(cell(0, '企业规模')).toBe('50-249');
    expect(cell(0, '国家或地区')).toBe('CN');
    expect(cell(0, '联系人')).toBe('李娜 (采购经理, purchaser) +8613900139000, li@example.cn\n张伟');
    expect(cell(0, '创建时间')).toBe('2026-03-01T08:00:00.000Z');
    expect(cell(0, '电话')).toBe('+861088886666; +8613800138000');
  });

  it('has the company fields and a column per custom field, labelled as in the workspace', () => {
    const { headers, cell } = exported('zh-CN');
    expect(headers.slice(-2)).toEqual(['会员等级', "'=Balance"]);
    expect(cell(0, '会员等级')).toBe('Gold');
    expect(cell(0, "'=Balance")).toBe('-12.5');
    expect(cell(1, '会员等级')).toBe('');
    expect(cell(0, '成立日期')).toBe('2008-08-08');
    expect(cell(0, '行业')).toBe('餐饮');
    expect(cell(1, '生日')).toBe('1980-05-17');
    expect(cell(0, '标签')).toBe('VIP; 北京');
  });

  it('writes phone numbers as text without an apostrophe, and guards a formula', () => {
    const { text, cell } = exported('zh-CN');
    expect(cell(0, '电话')).toBe('\t+861088886666; +8613800138000');
    expect(text).not.toContain("'+86");
    expect(cell(1, '姓名/名称')).toBe('\'=HYPERLINK("http://evil.example")');
    expect(cell(1, '备注')).toBe('第一行\n"第二行", 有逗号');
  });
});

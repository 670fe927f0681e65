import { describe, expect, it } from 'vitest';
import {
  customerDraftSchema,
  customerSchema,
  customerToDraft,
  emptyCustomerDraft,
  isReachable,
  type CustomerDraft,
  type CustomerFields,
} from '../../../src/domain/customer';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { customerDraft, customerFields, customerRecord, draftContext, meta } from '../support/fixtures';

describe('customerSchema (records read from the document)', () => {
  it('accepts a minimal record and fills the defaults', () => {
    const parsed = customerSchema.parse({ ...meta(), kind: 'company', name: 'Acme' });
    expect(parsed).toEqual({
      ...meta(),
      kind: 'company',
      name: 'Acme',
      phones: [],
      emails: [],
      address: { street: '', city: '', region: '', postalCode: '', country: '' },
      source: null,
      status: 'lead',
      ownerId: null,
      tags: [],
      birthday: null,
      foundedOn: null,
      notes: '',
      industry: '',
      size: null,
      custom: {},
    });
  });

  it('accepts a full valid record unchanged', () => {
    const record = customerRecord({ custom: { f1: 'x', f2: 3, f3: null } });
    expect(customerSchema.parse(record)).toEqual(record);
  });

  it('keeps fields it does not know (written by a newer version)', () => {
    const parsed = customerSchema.parse(customerRecord({ loyaltyPoints: 120, wechatId: 'wx_1' }));
    expect(parsed).toMatchObject({ loyaltyPoints: 120, wechatId: 'wx_1' });
  });

  it('trims and collapses white space in the name', () => {
    expect(customerSchema.parse(customerRecord({ name: '  王   建国 ' })).name).toBe('王 建国');
  });

  it.each<[string, Record<string, unknown>]>([
    ['a source it does not know', { source: 'tv' }],
    ['a size it does not know', { size: 'huge' }],
  ])('turns %s into null instead of rejecting the record', (_, patch) => {
    const parsed = customerSchema.parse(customerRecord(patch));
    expect(parsed[Object.keys(patch)[0]!]).toBeNull();
  });

  it.each<[string, Record<string, unknown>]>([
    ['no kind', { kind: undefined }],
    ['an unknown kind', { kind: 'robot' }],
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a name over 200 characters', { name: 'x'.repeat(201) }],
    ['a phone that is not E.164', { phones: [{ label: 'mobile', number: '138 0013 8000' }] }],
    ['an upper-case email', { emails: [{ label: 'work', address: 'Wang@Example.com' }] }],
    ['more than 20 phones', { phones: Array.from({ length: 21 }, () => ({ label: 'mobile', number: '+8613800138000' })) }],
    ['an unknown status', { status: 'vip' }],
    ['an impossible birthday', { birthday: '2021-02-30' }],
    ['a birthday with a time', { birthday: '1980-05-17T00:00:00Z' }],
    ['an empty tag', { tags: ['ok', ' '] }],
    ['a tag over 40 characters', { tags: ['t'.repeat(41)] }],
    ['an object as custom value', { custom: { f1: { nested: true } } }],
    ['notes over 20,000 characters', { notes: 'n'.repeat(20_001) }],
    ['an invalid country', { address: { street: '', city: '', region: '', postalCode: '', country: 'China' } }],
    ['a createdAt that is not a timestamp', { createdAt: 'yesterday' }],
    ['no createdBy', { createdBy: undefined }],
    ['an empty id', { id: '' }],
    ['a deletedAt that is not a timestamp', { deletedAt: 'now' }],
  ])('rejects a record with %s', (_, patch) => {
    expect(customerSchema.safeParse(customerRecord(patch)).success).toBe(false);
  });
});

describe('customerDraftSchema (what the form submits)', () => {
  const parse = (draft: CustomerDraft, ctx = draftContext) => parseWith(customerDraftSchema(ctx), draft);

  it('normalises a person: trimmed name, E.164 phone (CN default), lower-case email, nulls for blanks', () => {
    const result = parse(
      customerDraft({
        name: '  王   建国  ',
        phones: [
          { label: 'mobile', number: '138-0013-8000' },
          { label: 'work', number: '   ' },
        ],
        emails: [{ label: 'personal', address: '  Wang.JianGuo@Example.COM ' }],
        address: { street: ' 人民路 1号 ', city: '杭州', region: '浙江省', postalCode: '310000', country: 'cn' },
        tags: ['VIP', 'vip', ' 老客户 '],
        birthday: ' 1980-05-17 ',
        notes: 'line one   \nline two  ',
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'person',
        name: '王 建国',
        phones: [{ label: 'mobile', number: '+8613800138000' }],
        emails: [{ label: 'personal', address: 'wang.jianguo@example.com' }],
        address: { street: '人民路 1号', city: '杭州', region: '浙江省', postalCode: '310000', country: 'CN' },
        source: null,
        status: 'active',
        ownerId: null,
        tags: ['VIP', '老客户'],
        birthday: '1980-05-17',
        foundedOn: null,
        notes: 'line one\nline two',
        industry: '',
        size: null,
        custom: {},
      },
    });
  });

  it('parses phones with the workspace region', () => {
    const result = parse(customerDraft({ phones: [{ label: 'work', number: '(201) 555-0123' }] }), { ...draftContext, region: 'US' });
    expect(result.ok && result.value.phones).toEqual([{ label: 'work', number: '+12015550123' }]);
  });

  it('drops the fields that do not apply to the kind', () => {
    const draft = customerDraft({ birthday: '1980-01-01', foundedOn: '2001-01-01', industry: 'Retail', size: '10-49' });
    const person = parse(draft);
    const company = parse({ ...draft, kind: 'company' });
    expect(person.ok && [person.value.birthday, person.value.foundedOn, person.value.industry, person.value.size]).toEqual(['1980-01-01', null, '', null]);
    expect(company.ok && [company.value.birthday, company.value.foundedOn, company.value.industry, company.value.size]).toEqual([null, '2001-01-01', 'Retail', '10-49']);
  });

  it('parses custom values by their definition and keeps empty ones as null', () => {
    const ctx = {
      ...draftContext,
      customFields: [
        { id: 'points', label: 'Points', type: 'number' as const, options: [] },
        { id: 'tier', label: 'Tier', type: 'choice' as const, options: ['gold', 'silver'] },
        { id: 'since', label: 'Since', type: 'date' as const, options: [] },
      ],
    };
    const result = parse(customerDraft({ custom: { points: '1,200', tier: 'gold', since: '', stale: 'ignored' } }), ctx);
    expect(result.ok && result.value.custom).toEqual({ points: 1200, tier: 'gold', since: null });
  });

  const numberField = { id: 'points', label: 'Points', type: 'number' as const, options: [] };
  it.each<[string, Partial<CustomerDraft>, string, string]>([
    ['empty name', { name: '' }, 'name', ErrorCode.required],
    ['blank name', { name: ' \t ' }, 'name', ErrorCode.required],
    ['long name', { name: '名'.repeat(201) }, 'name', ErrorCode.tooLong],
    ['invalid phone', { phones: [{ label: 'mobile', number: '12345' }] }, 'phones.0.number', ErrorCode.phoneInvalid],
    ['letters as phone', { phones: [{ label: 'mobile', number: 'call me' }] }, 'phones.0.number', ErrorCode.phoneInvalid],
    ['phone over 40 characters', { phones: [{ label: 'mobile', number: '1'.repeat(41) }] }, 'phones.0.number', ErrorCode.phoneInvalid],
    ['second phone invalid', { phones: [{ label: 'mobile', number: '13800138000' }, { label: 'home', number: 'call me' }] }, 'phones.1.number', ErrorCode.phoneInvalid],
    ['invalid email', { emails: [{ label: 'work', address: 'wang@' }] }, 'emails.0.address', ErrorCode.emailInvalid],
    ['impossible date', { birthday: '1990-02-30' }, 'birthday', ErrorCode.dateInvalid],
    ['date in another format', { birthday: '17/05/1980' }, 'birthday', ErrorCode.dateInvalid],
    ['birthday after today', { birthday: '2026-06-16' }, 'birthday', ErrorCode.dateInFuture],
    ['country not alpha-2', { address: { street: '', city: '', region: '', postalCode: '', country: 'CHN' } }, 'address.country', ErrorCode.countryInvalid],
    ['street too long', { address: { street: 's'.repeat(201), city: '', region: '', postalCode: '', country: '' } }, 'address.street', ErrorCode.tooLong],
    ['blank tag', { tags: ['  '] }, 'tags.0', ErrorCode.tagInvalid],
    ['unknown status', { status: 'vip' as never }, 'status', ErrorCode.choiceInvalid],
    ['unknown kind', { kind: 'robot' as never }, 'kind', ErrorCode.choiceInvalid],
    ['unknown source', { source: 'tv' as never }, 'source', ErrorCode.choiceInvalid],
    ['unknown size', { size: 'huge' as never }, 'size', ErrorCode.choiceInvalid],
    ['notes too long', { notes: 'n'.repeat(20_001) }, 'notes', ErrorCode.tooLong],
    ['21 phones', { phones: Array.from({ length: 21 }, () => ({ label: 'mobile' as const, number: '' })) }, 'phones', ErrorCode.tooLong],
  ])('rejects %s with a message key on the field', (_, patch, field, code) => {
    const result = parse(customerDraft(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(code);
  });

  it('reports an invalid custom value on custom.<fieldId>', () => {
    const result = parse(customerDraft({ custom: { points: 'lots' } }), { ...draftContext, customFields: [numberField] });
    expect(result).toEqual({ ok: false, errors: { 'custom.points': ErrorCode.numberInvalid } });
  });

  it('reports every invalid field at once, and only translated keys', () => {
    const result = parse(customerDraft({ name: '', phones: [{ label: 'mobile', number: '1' }], emails: [{ label: 'work', address: 'x' }], birthday: 'soon' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['birthday', 'emails.0.address', 'name', 'phones.0.number']);
    for (const key of Object.values(result.errors)) expect(key).toMatch(/^errors\./);
  });

  it.each(['person', 'company'] as const)('an empty %s draft fails only on the name', (kind) => {
    const result = parse(emptyCustomerDraft(kind));
    expect(result).toEqual({ ok: false, errors: { name: ErrorCode.required } });
  });

  it.each<[string, CustomerFields]>([
    ['a person', customerFields()],
    ['a company without phones or emails', customerFields({ kind: 'company', name: 'Acme Ltd', phones: [], emails: [], birthday: null, foundedOn: '2001-02-03', industry: 'Retail', size: '10-49', tags: [] })],
    ['a foreign number', customerFields({ phones: [{ label: 'work', number: '+12015550123' }] })],
  ])('a stored record round-trips through the form unchanged: %s', (_, fields) => {
    const result = parse(customerToDraft(fields));
    expect(result).toEqual({ ok: true, value: fields });
  });
});

describe('isReachable', () => {
  const none = { phones: [], emails: [] };
  const phone = { phones: [{ label: 'mobile' as const, number: '+8613800138000' }], emails: [] };
  const email = { phones: [], emails: [{ label: 'work' as const, address: 'a@b.co' }] };
  it.each([
    ['a phone: reachable', phone, [], true],
    ['an email: reachable', email, [], true],
    ['both: reachable', { ...phone, emails: email.emails }, [], true],
    ['neither: not reachable', none, [], false],
    ['neither, but a contact has a phone: reachable', none, [none, phone], true],
    ['neither, and contacts have neither: not reachable', none, [none, none], false],
  ])('with %s', (_, customer, contacts, expected) => {
    expect(isReachable(customer, contacts)).toBe(expected);
  });
});

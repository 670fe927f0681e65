import { describe, expect, it } from 'vitest';
import { contactDraftSchema, contactSchema, contactToDraft, emptyContactDraft, type ContactDraft } from '../../../src/domain/contact';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import type { PhoneRegion } from '../../../src/domain/phone-number';
import { contactDraft, contactFields, contactRecord, meta } from '../support/fixtures';

describe('contactSchema (records read from the document)', () => {
  it('accepts a minimal contact and fills the defaults', () => {
    expect(contactSchema.parse({ ...meta(), customerId: 'c1', name: 'Ann' })).toEqual({
      ...meta(),
      customerId: 'c1',
      name: 'Ann',
      jobTitle: '',
      department: '',
      role: 'other',
      phones: [],
      emails: [],
      notes: '',
    });
  });

  it('accepts a full contact unchanged and keeps unknown fields', () => {
    const record = contactRecord({ linkedIn: 'ann' });
    expect(contactSchema.parse(record)).toEqual(record);
  });

  it('reads an unknown role as "other"', () => {
    expect(contactSchema.parse(contactRecord({ role: 'ceo' })).role).toBe('other');
  });

  it('trims the name', () => {
    expect(contactSchema.parse(contactRecord({ name: ' 李  娜 ' })).name).toBe('李 娜');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no customerId', { customerId: undefined }],
    ['an empty customerId', { customerId: '' }],
    ['an empty name', { name: '  ' }],
    ['a job title over 100 characters', { jobTitle: 'j'.repeat(101) }],
    ['a phone that is not E.164', { phones: [{ label: 'mobile', number: '13900139000' }] }],
    ['an invalid email', { emails: [{ label: 'work', address: 'not-an-email' }] }],
    ['a missing updatedBy', { updatedBy: undefined }],
  ])('rejects a contact with %s', (_, patch) => {
    expect(contactSchema.safeParse(contactRecord(patch)).success).toBe(false);
  });
});

describe('contactDraftSchema', () => {
  const parse = (draft: ContactDraft, region: PhoneRegion = 'CN') => parseWith(contactDraftSchema(region), draft);

  it('normalises names, phones and emails and drops blank rows', () => {
    const result = parse(
      contactDraft({
        name: '  李   娜 ',
        jobTitle: ' 采购经理 ',
        phones: [
          { label: 'mobile', number: '139 0013 9000' },
          { label: 'work', number: '' },
        ],
        emails: [{ label: 'work', address: ' LI.NA@Example.CN ' }],
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: '李 娜',
        jobTitle: '采购经理',
        department: '',
        role: 'purchaser',
        phones: [{ label: 'mobile', number: '+8613900139000' }],
        emails: [{ label: 'work', address: 'li.na@example.cn' }],
        notes: '',
      },
    });
  });

  it('uses the given region for national numbers', () => {
    const result = parse(contactDraft({ phones: [{ label: 'mobile', number: '07400 123456' }] }), 'GB');
    expect(result.ok && result.value.phones[0]?.number).toBe('+447400123456');
  });

  it.each<[string, Partial<ContactDraft>, string, string]>([
    ['empty name', { name: '' }, 'name', ErrorCode.required],
    ['long department', { department: 'd'.repeat(101) }, 'department', ErrorCode.tooLong],
    ['unknown role', { role: 'boss' as never }, 'role', ErrorCode.choiceInvalid],
    ['invalid phone', { phones: [{ label: 'mobile', number: '999' }] }, 'phones.0.number', ErrorCode.phoneInvalid],
    ['invalid email', { emails: [{ label: 'work', address: 'li@@x.cn' }] }, 'emails.0.address', ErrorCode.emailInvalid],
  ])('rejects %s', (_, patch, field, code) => {
    const result = parse(contactDraft(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(code);
  });

  it('an empty draft fails only on the name', () => {
    expect(parse(emptyContactDraft())).toEqual({ ok: false, errors: { name: ErrorCode.required } });
  });

  it('a stored contact round-trips through the form unchanged', () => {
    const { customerId: _customerId, ...fields } = contactFields({ emails: [{ label: 'work', address: 'li@example.cn' }] });
    expect(parse(contactToDraft({ ...fields, customerId: 'c1' }))).toEqual({ ok: true, value: fields });
  });
});

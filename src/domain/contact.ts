import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes, cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { recordMetaShape, type RecordMeta } from './record-meta';
import {
  MAX_CONTACT_POINTS,
  dropBlank,
  emailDraftSchema,
  emailEntrySchema,
  phoneDraftSchema,
  phoneEntrySchema,
  type EmailDraft,
  type EmailEntry,
  type PhoneDraft,
  type PhoneEntry,
} from './contact-point';
import type { PhoneRegion } from './phone-number';

/** customer_admin (客户管理员) is the person at the customer who keeps their own data with us up to date. */
export const contactRoles = ['decision_maker', 'purchaser', 'finance', 'customer_admin', 'other'] as const;
export type ContactRole = (typeof contactRoles)[number];

const name = z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.name, ErrorCode.tooLong));
const shortText = z.string().transform(cleanText).pipe(z.string().max(TEXT_LIMITS.shortText, ErrorCode.tooLong));

export interface ContactFields {
  customerId: string;
  name: string;
  jobTitle: string;
  department: string;
  role: ContactRole;
  phones: PhoneEntry[];
  emails: EmailEntry[];
  notes: string;
}
export type Contact = ContactFields & RecordMeta;

export const contactSchema = z.looseObject({
  ...recordMetaShape,
  customerId: z.string().min(1).max(64),
  name,
  jobTitle: shortText.default(''),
  department: shortText.default(''),
  role: z.enum(contactRoles).catch('other').default('other'),
  phones: z.array(phoneEntrySchema).max(MAX_CONTACT_POINTS).default([]),
  emails: z.array(emailEntrySchema).max(MAX_CONTACT_POINTS).default([]),
  notes: z.string().max(TEXT_LIMITS.notes, ErrorCode.tooLong).default(''),
});

export interface ContactDraft {
  name: string;
  jobTitle: string;
  department: string;
  role: ContactRole;
  phones: PhoneDraft[];
  emails: EmailDraft[];
  notes: string;
}

export function contactDraftSchema(region: PhoneRegion) {
  return z.object({
    name,
    jobTitle: shortText,
    department: shortText,
    role: z.enum(contactRoles, { error: ErrorCode.choiceInvalid }),
    phones: z.array(phoneDraftSchema(region)).max(MAX_CONTACT_POINTS, ErrorCode.tooLong).transform(dropBlank),
    emails: z.array(emailDraftSchema).max(MAX_CONTACT_POINTS, ErrorCode.tooLong).transform(dropBlank),
    notes: z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.notes, ErrorCode.tooLong)),
  });
}
export type ContactDraftFields = Omit<ContactFields, 'customerId'>;

export function emptyContactDraft(): ContactDraft {
  return {
    name: '',
    jobTitle: '',
    department: '',
    role: 'other',
    phones: [{ label: 'mobile', number: '' }],
    emails: [{ label: 'work', address: '' }],
    notes: '',
  };
}

export function contactToDraft(c: ContactFields): ContactDraft {
  return {
    name: c.name,
    jobTitle: c.jobTitle,
    department: c.department,
    role: c.role,
    phones: c.phones.length ? c.phones.map((p) => ({ ...p })) : [{ label: 'mobile', number: '' }],
    emails: c.emails.length ? c.emails.map((e) => ({ ...e })) : [{ label: 'work', address: '' }],
    notes: c.notes,
  };
}

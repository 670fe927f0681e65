import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes, cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate } from './dates';
import { recordMetaShape, type RecordMeta } from './record-meta';
import {
  MAX_CONTACT_POINTS,
  dropBlank,
  emailDraftSchema,
  emailEntrySchema,
  phoneDraftSchema,
  phoneEntrySchema,
  type EmailDraft,
  type PhoneDraft,
} from './contact-point';
import { tagSchema, uniqueTags } from './tags';
import { customValueSchema, parseCustomValue, type CustomValue } from './custom-field';
import type { PhoneRegion } from './phone-number';
import { addressDraftSchema, addressSchema, emptyAddress, type Address } from './address';

export const customerKinds = ['person', 'company'] as const;
export const customerStatuses = ['lead', 'active', 'inactive', 'lost'] as const;
export const customerSources = ['referral', 'walk_in', 'website', 'wechat', 'phone', 'event', 'advertising', 'other'] as const;
export const companySizes = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;
export type CustomerKind = (typeof customerKinds)[number];
export type CustomerStatus = (typeof customerStatuses)[number];
export type CustomerSource = (typeof customerSources)[number];
export type CompanySize = (typeof companySizes)[number];

const name = z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.name, ErrorCode.tooLong));
const shortText = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max, ErrorCode.tooLong));
const calendarDate = z.string().refine(isCalendarDate, ErrorCode.dateInvalid);

/** The editable fields of a customer, as stored (normalised). */
export interface CustomerFields {
  kind: CustomerKind;
  name: string;
  phones: z.infer<typeof phoneEntrySchema>[];
  emails: z.infer<typeof emailEntrySchema>[];
  address: Address;
  source: CustomerSource | null;
  status: CustomerStatus;
  ownerId: string | null;
  tags: string[];
  birthday: string | null;
  foundedOn: string | null;
  notes: string;
  industry: string;
  size: CompanySize | null;
  custom: Record<string, CustomValue>;
}
export type Customer = CustomerFields & RecordMeta;

/**
 * Validates a record read from the workspace document (local or from a peer). Missing optional
 * fields get defaults so records written by older versions still load; unknown fields are kept.
 */
export const customerSchema = z.looseObject({
  ...recordMetaShape,
  kind: z.enum(customerKinds),
  name,
  phones: z.array(phoneEntrySchema).max(MAX_CONTACT_POINTS).default([]),
  emails: z.array(emailEntrySchema).max(MAX_CONTACT_POINTS).default([]),
  address: addressSchema.default(emptyAddress),
  source: z.enum(customerSources).nullable().catch(null).default(null),
  status: z.enum(customerStatuses).default('lead'),
  ownerId: z.string().max(64).nullable().default(null),
  tags: z.array(tagSchema).max(200).default([]),
  birthday: calendarDate.nullable().default(null),
  foundedOn: calendarDate.nullable().default(null),
  notes: z.string().max(TEXT_LIMITS.notes, ErrorCode.tooLong).default(''),
  industry: shortText(TEXT_LIMITS.shortText).default(''),
  size: z.enum(companySizes).nullable().catch(null).default(null),
  custom: z.record(z.string(), customValueSchema).default({}),
});

/** What the customer form holds: everything as typed, so nothing is lost while it is invalid. */
export interface CustomerDraft {
  kind: CustomerKind;
  name: string;
  phones: PhoneDraft[];
  emails: EmailDraft[];
  address: Address;
  source: CustomerSource | '';
  status: CustomerStatus;
  ownerId: string;
  tags: string[];
  birthday: string;
  foundedOn: string;
  notes: string;
  industry: string;
  size: CompanySize | '';
  custom: Record<string, string>;
}

export interface CustomerDraftContext {
  region: PhoneRegion;
  /** Today's calendar date (YYYY-MM-DD) in the user's time zone, passed in to keep this pure. */
  today: string;
  customFields: { id: string; label: string; type: 'text' | 'number' | 'date' | 'choice'; options: string[] }[];
  /** The custom values the record holds already (editing): a choice since removed stays valid for it. */
  held?: Record<string, string>;
}

const optionalDate = (today: string) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s === '' || isCalendarDate(s), ErrorCode.dateInvalid)
    .refine((s) => s === '' || s <= today, ErrorCode.dateInFuture)
    .transform((s) => s || null);

export function customerDraftSchema(ctx: CustomerDraftContext) {
  return z
    .object({
      kind: z.enum(customerKinds, { error: ErrorCode.choiceInvalid }),
      name,
      phones: z.array(phoneDraftSchema(ctx.region)).max(MAX_CONTACT_POINTS, ErrorCode.tooLong).transform(dropBlank),
      emails: z.array(emailDraftSchema).max(MAX_CONTACT_POINTS, ErrorCode.tooLong).transform(dropBlank),
      address: addressDraftSchema,
      source: z.union([z.enum(customerSources), z.literal('')], { error: ErrorCode.choiceInvalid }).transform((s) => s || null),
      status: z.enum(customerStatuses, { error: ErrorCode.choiceInvalid }),
      ownerId: z.string().transform((s) => s || null),
      tags: z.array(tagSchema).max(200, ErrorCode.tooLong).transform(uniqueTags),
      birthday: optionalDate(ctx.today),
      foundedOn: optionalDate(ctx.today),
      notes: z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.notes, ErrorCode.tooLong)),
      industry: shortText(TEXT_LIMITS.shortText),
      size: z.union([z.enum(companySizes), z.literal('')], { error: ErrorCode.choiceInvalid }).transform((s) => s || null),
      custom: z.record(z.string(), z.string()),
    })
    .transform((draft, zctx): CustomerFields => {
      const custom: Record<string, CustomValue> = {};
      for (const def of ctx.customFields) {
        const parsed = parseCustomValue(def, draft.custom[def.id] ?? '', ctx.held?.[def.id]?.trim() || null);
        if ('error' in parsed) zctx.addIssue({ code: 'custom', message: parsed.error, path: ['custom', def.id] });
        else custom[def.id] = parsed.value;
      }
      const isPerson = draft.kind === 'person';
      // Fields that do not apply to the kind are not stored, but stay in the draft if the kind is switched back.
      return {
        ...draft,
        birthday: isPerson ? draft.birthday : null,
        foundedOn: isPerson ? null : draft.foundedOn,
        industry: isPerson ? '' : draft.industry,
        size: isPerson ? null : draft.size,
        custom,
      };
    });
}

export function emptyCustomerDraft(kind: CustomerKind = 'person'): CustomerDraft {
  return {
    kind,
    name: '',
    phones: [{ label: 'mobile', number: '' }],
    emails: [{ label: kind === 'company' ? 'work' : 'personal', address: '' }],
    address: { ...emptyAddress },
    source: '',
    status: 'lead',
    ownerId: '',
    tags: [],
    birthday: '',
    foundedOn: '',
    notes: '',
    industry: '',
    size: '',
    custom: {},
  };
}

export function customerToDraft(c: CustomerFields): CustomerDraft {
  const custom: Record<string, string> = {};
  for (const [id, value] of Object.entries(c.custom)) custom[id] = value === null ? '' : String(value);
  return {
    kind: c.kind,
    name: c.name,
    phones: c.phones.length ? c.phones.map((p) => ({ ...p })) : [{ label: 'mobile', number: '' }],
    emails: c.emails.length ? c.emails.map((e) => ({ ...e })) : [{ label: 'work', address: '' }],
    address: { ...c.address },
    source: c.source ?? '',
    status: c.status,
    ownerId: c.ownerId ?? '',
    tags: [...c.tags],
    birthday: c.birthday ?? '',
    foundedOn: c.foundedOn ?? '',
    notes: c.notes,
    industry: c.industry,
    size: c.size ?? '',
    custom,
  };
}

/** A customer with no phone and no email cannot be reached: allowed, but flagged. */
export function isReachable(c: Pick<CustomerFields, 'phones' | 'emails'>, contacts: Pick<CustomerFields, 'phones' | 'emails'>[] = []): boolean {
  return [c, ...contacts].some((x) => x.phones.length > 0 || x.emails.length > 0);
}

import { z } from 'zod';
import { TEXT_LIMITS } from './text-limits';
import { ErrorCode } from './error-codes';
import { isE164, normalisePhone, type PhoneRegion } from './phone-number';
import { normaliseEmail } from './email';

export const phoneLabels = ['mobile', 'work', 'home', 'fax', 'other'] as const;
export const emailLabels = ['work', 'personal', 'other'] as const;
export type PhoneLabel = (typeof phoneLabels)[number];
export type EmailLabel = (typeof emailLabels)[number];

export const MAX_CONTACT_POINTS = 20;

/** As stored: already normalised. */
export const phoneEntrySchema = z.object({
  label: z.enum(phoneLabels).catch('other'),
  number: z.string().refine(isE164, ErrorCode.phoneNotE164),
});
export const emailEntrySchema = z.object({
  label: z.enum(emailLabels).catch('other'),
  address: z.string().refine((a) => normaliseEmail(a) === a, ErrorCode.emailInvalid),
});
export type PhoneEntry = z.infer<typeof phoneEntrySchema>;
export type EmailEntry = z.infer<typeof emailEntrySchema>;

/** As typed in a form: free text, normalised on the way in; a blank row is simply dropped. */
export interface PhoneDraft {
  label: PhoneLabel;
  number: string;
}
export interface EmailDraft {
  label: EmailLabel;
  address: string;
}

export function phoneDraftSchema(region: PhoneRegion) {
  return z
    .object({ label: z.enum(phoneLabels), number: z.string().max(TEXT_LIMITS.phone, ErrorCode.phoneInvalid) })
    .transform((draft, ctx): PhoneEntry | null => {
      if (!draft.number.trim()) return null;
      const number = normalisePhone(draft.number, region);
      if (!number) {
        ctx.addIssue({ code: 'custom', message: ErrorCode.phoneInvalid, path: ['number'] });
        return z.NEVER;
      }
      return { label: draft.label, number };
    });
}

export const emailDraftSchema = z
  .object({ label: z.enum(emailLabels), address: z.string().max(TEXT_LIMITS.email, ErrorCode.emailInvalid) })
  .transform((draft, ctx): EmailEntry | null => {
    if (!draft.address.trim()) return null;
    const address = normaliseEmail(draft.address);
    if (!address) {
      ctx.addIssue({ code: 'custom', message: ErrorCode.emailInvalid, path: ['address'] });
      return z.NEVER;
    }
    return { label: draft.label, address };
  });

export function dropBlank<T>(entries: (T | null)[]): T[] {
  return entries.filter((e): e is T => e !== null);
}

export function toPhoneDrafts(entries: PhoneEntry[]): PhoneDraft[] {
  return entries.map((e) => ({ ...e }));
}
export function toEmailDrafts(entries: EmailEntry[]): EmailDraft[] {
  return entries.map((e) => ({ ...e }));
}

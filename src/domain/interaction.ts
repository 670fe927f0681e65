import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes, cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate, todayCalendarDate } from './dates';
import { isClockTime, localClockOf } from './date-math';
import { isoTimestamp, recordMetaShape, type RecordMeta } from './record-meta';

/** 跟进记录: what happened when someone of the team was in touch with the customer. */
export const interactionTypes = ['call', 'visit', 'meeting', 'message', 'email', 'note'] as const;
export type InteractionType = (typeof interactionTypes)[number];

const summary = z.string().transform(cleanNotes).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.text, ErrorCode.tooLong));
const outcome = z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.text, ErrorCode.tooLong));
const nextStep = z.string().transform(cleanText).pipe(z.string().max(TEXT_LIMITS.nextStep, ErrorCode.tooLong));
const calendarDate = z.string().refine(isCalendarDate, ErrorCode.dateInvalid);

export interface InteractionFields {
  customerId: string;
  type: InteractionType;
  /** An instant (UTC): teammates in other time zones see it in their own local time. */
  occurredAt: string;
  /** Who of the team was in touch (not necessarily who typed it in). */
  memberId: string;
  contactId: string | null;
  summary: string;
  outcome: string;
  /** A next step with a due date becomes a task (taskFromNextStep). */
  nextStep: string;
  nextStepDue: string | null;
}
export type Interaction = InteractionFields & RecordMeta;

export const interactionSchema = z.looseObject({
  ...recordMetaShape,
  customerId: z.string().min(1).max(64),
  type: z.enum(interactionTypes).catch('note').default('note'),
  occurredAt: isoTimestamp,
  memberId: z.string().min(1).max(64),
  contactId: z.string().min(1).max(64).nullable().default(null),
  summary,
  outcome: outcome.default(''),
  nextStep: nextStep.default(''),
  nextStepDue: calendarDate.nullable().default(null),
});

/** Date and time as the form's inputs hold them, in the device's local time. */
export interface InteractionDraft {
  type: InteractionType;
  date: string;
  time: string;
  memberId: string;
  contactId: string;
  summary: string;
  outcome: string;
  nextStep: string;
  nextStepDue: string;
}
export type InteractionDraftFields = Omit<InteractionFields, 'customerId'>;

export interface InteractionDraftContext {
  now: Date;
  /** The customer's contacts: a contact of another customer cannot be picked. */
  contactIds: readonly string[];
}

function localInstant(date: string, time: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
}

export function interactionDraftSchema(ctx: InteractionDraftContext) {
  const contacts = new Set(ctx.contactIds);
  return z
    .object({
      type: z.enum(interactionTypes, { error: ErrorCode.choiceInvalid }),
      date: z
        .string()
        .transform((s) => s.trim())
        .refine(isCalendarDate, ErrorCode.dateInvalid),
      time: z
        .string()
        .transform((s) => s.trim() || '00:00')
        .refine(isClockTime, ErrorCode.timeInvalid),
      memberId: z.string().min(1, ErrorCode.required),
      contactId: z
        .string()
        .refine((id) => id === '' || contacts.has(id), ErrorCode.choiceInvalid)
        .transform((id) => id || null),
      summary,
      outcome,
      nextStep,
      nextStepDue: z
        .string()
        .transform((s) => s.trim())
        .refine((s) => s === '' || isCalendarDate(s), ErrorCode.dateInvalid)
        .transform((s) => s || null),
    })
    .superRefine((draft, zctx) => {
      if (typeof draft.date === 'string' && typeof draft.time === 'string' && isCalendarDate(draft.date) && isClockTime(draft.time)) {
        // A record of what happened, not a plan: plans are tasks.
        if (localInstant(draft.date, draft.time).getTime() > ctx.now.getTime()) zctx.addIssue({ code: 'custom', message: ErrorCode.dateInFuture, path: ['date'] });
      }
      if (draft.nextStepDue && !draft.nextStep) zctx.addIssue({ code: 'custom', message: ErrorCode.required, path: ['nextStep'] });
    })
    .transform(({ date, time, ...rest }): InteractionDraftFields => ({ ...rest, occurredAt: localInstant(date, time).toISOString() }));
}

export function emptyInteractionDraft(now: Date, memberId: string): InteractionDraft {
  return {
    type: 'call',
    date: todayCalendarDate(now),
    time: localClockOf(now),
    memberId,
    contactId: '',
    summary: '',
    outcome: '',
    nextStep: '',
    nextStepDue: '',
  };
}

export function interactionToDraft(i: InteractionDraftFields): InteractionDraft {
  const at = new Date(i.occurredAt);
  return {
    type: i.type,
    date: todayCalendarDate(at),
    time: localClockOf(at),
    memberId: i.memberId,
    contactId: i.contactId ?? '',
    summary: i.summary,
    outcome: i.outcome,
    nextStep: i.nextStep,
    nextStepDue: i.nextStepDue ?? '',
  };
}

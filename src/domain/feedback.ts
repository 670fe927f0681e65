import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate } from './dates';
import { recordMetaShape, type RecordMeta } from './record-meta';

export const feedbackChannels = ['in_person', 'phone', 'wechat', 'email', 'survey', 'online', 'other'] as const;
export type FeedbackChannel = (typeof feedbackChannels)[number];

export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;
export const NPS_MIN = 0;
export const NPS_MAX = 10;

const comment = z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.text, ErrorCode.tooLong));
const calendarDate = z.string().refine(isCalendarDate, ErrorCode.dateInvalid);
const score = (min: number, max: number) => z.number().int().min(min).max(max);

export interface FeedbackFields {
  customerId: string;
  orderId: string | null;
  receivedOn: string;
  /** 1 (very unhappy) to 5 (very happy). */
  satisfaction: number | null;
  /** "How likely are you to recommend us?" 0–10. */
  nps: number | null;
  comment: string;
  channel: FeedbackChannel;
}
export type Feedback = FeedbackFields & RecordMeta;

export const feedbackSchema = z.looseObject({
  ...recordMetaShape,
  customerId: z.string().min(1).max(64),
  orderId: z.string().min(1).max(64).nullable().default(null),
  receivedOn: calendarDate,
  satisfaction: score(SATISFACTION_MIN, SATISFACTION_MAX).nullable().default(null),
  nps: score(NPS_MIN, NPS_MAX).nullable().default(null),
  comment: comment.default(''),
  channel: z.enum(feedbackChannels).catch('other').default('other'),
});

/** Scores as the pickers hold them: '' for "not asked". */
export interface FeedbackDraft {
  orderId: string;
  receivedOn: string;
  satisfaction: string;
  nps: string;
  comment: string;
  channel: FeedbackChannel;
}
export type FeedbackDraftFields = Omit<FeedbackFields, 'customerId'>;

const scoreDraft = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s === '' || (/^\d{1,2}$/.test(s) && Number(s) >= min && Number(s) <= max), ErrorCode.scoreInvalid)
    .transform((s) => (s === '' ? null : Number(s)));

export function feedbackDraftSchema(ctx: { today: string }) {
  return z
    .object({
      orderId: z.string().transform((s) => s || null),
      receivedOn: z
        .string()
        .transform((s) => s.trim())
        .refine(isCalendarDate, ErrorCode.dateInvalid)
        .refine((s) => s <= ctx.today, ErrorCode.dateInFuture),
      satisfaction: scoreDraft(SATISFACTION_MIN, SATISFACTION_MAX),
      nps: scoreDraft(NPS_MIN, NPS_MAX),
      comment,
      channel: z.enum(feedbackChannels, { error: ErrorCode.choiceInvalid }),
    })
    .superRefine((draft, zctx) => {
      if (draft.satisfaction === null && draft.nps === null && draft.comment === '') zctx.addIssue({ code: 'custom', message: ErrorCode.feedbackEmpty, path: [] });
    });
}

export function emptyFeedbackDraft(today: string): FeedbackDraft {
  return { orderId: '', receivedOn: today, satisfaction: '', nps: '', comment: '', channel: 'in_person' };
}

export function feedbackToDraft(f: FeedbackDraftFields): FeedbackDraft {
  return {
    orderId: f.orderId ?? '',
    receivedOn: f.receivedOn,
    satisfaction: f.satisfaction === null ? '' : String(f.satisfaction),
    nps: f.nps === null ? '' : String(f.nps),
    comment: f.comment,
    channel: f.channel,
  };
}

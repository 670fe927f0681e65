import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes, cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate } from './dates';
import { addDays } from './date-math';
import { recordMetaShape, type RecordMeta } from './record-meta';
import { complaintSeverities, type ComplaintSeverity, type SlaDays } from './crm-settings';
import { agreedStatus, collectSteps, type AgreedStatus, type StatusMachine } from './status-steps';

export { complaintSeverities, type ComplaintSeverity };
export const complaintCategories = ['product', 'service', 'delivery', 'billing', 'staff', 'other'] as const;
export const complaintStatuses = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];
export type ComplaintStatus = (typeof complaintStatuses)[number];

/**
 * Resolved and closed complaints can be reopened; the earlier steps (and their resolution notes)
 * stay in the history because steps are never removed.
 */
export const complaintMachine: StatusMachine<ComplaintStatus> = {
  statuses: complaintStatuses,
  initial: 'open',
  next: { open: ['in_progress', 'resolved', 'closed'], in_progress: ['resolved', 'closed'], resolved: ['closed', 'open'], closed: ['open'] },
};

const title = z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.name, ErrorCode.tooLong));
const description = z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.notes, ErrorCode.tooLong));
const calendarDate = z.string().refine(isCalendarDate, ErrorCode.dateInvalid);

export interface ComplaintFields {
  customerId: string;
  orderId: string | null;
  severity: ComplaintSeverity;
  category: ComplaintCategory;
  title: string;
  description: string;
  assigneeId: string | null;
  /** Set from the SLA when the complaint is opened; stored, so changing the SLA later moves no deadline. */
  dueDate: string;
}
/** The status is derived from `step:<id>` keys; a resolving step's note is the resolution. */
export type Complaint = ComplaintFields & RecordMeta & { [step: `step:${string}`]: unknown };

export const complaintSchema = z.looseObject({
  ...recordMetaShape,
  customerId: z.string().min(1).max(64),
  orderId: z.string().min(1).max(64).nullable().default(null),
  severity: z.enum(complaintSeverities).catch('medium').default('medium'),
  category: z.enum(complaintCategories).catch('other').default('other'),
  title,
  description: description.default(''),
  assigneeId: z.string().min(1).max(64).nullable().default(null),
  dueDate: calendarDate,
});

/** The deadline of a complaint opened on `openedOn`: whole days, by severity. */
export function complaintDueDate(openedOn: string, severity: ComplaintSeverity, sla: SlaDays): string {
  return addDays(openedOn, sla[severity]);
}

export interface ComplaintState extends AgreedStatus<ComplaintStatus> {
  /** While resolved or closed: the note given when it was resolved (or closed). Empty once reopened. */
  resolution: string;
  reopened: number;
}

export function complaintState(complaint: object): ComplaintState {
  const agreed = agreedStatus(complaintMachine, collectSteps(complaint, complaintMachine));
  const last = agreed.path.at(-1);
  const beforeLast = agreed.path.at(-2);
  let resolution = '';
  if (last?.status === 'resolved' || last?.status === 'closed') resolution = last.note;
  // Closing a resolved complaint usually says nothing new: the resolution is the one before it.
  if (!resolution && last?.status === 'closed' && beforeLast?.status === 'resolved') resolution = beforeLast.note;
  return {
    ...agreed,
    resolution,
    reopened: agreed.path.filter((s) => s.status === 'open').length,
  };
}

export function isComplaintOpen(status: ComplaintStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

export interface ComplaintDraft {
  orderId: string;
  severity: ComplaintSeverity;
  category: ComplaintCategory;
  title: string;
  description: string;
  assigneeId: string;
  /** Blank: computed from the severity and the SLA settings. */
  dueDate: string;
}
export type ComplaintDraftFields = Omit<ComplaintFields, 'customerId'>;

export interface ComplaintDraftContext {
  today: string;
  sla: SlaDays;
}

export function complaintDraftSchema(ctx: ComplaintDraftContext) {
  return z
    .object({
      orderId: z.string().transform((s) => s || null),
      severity: z.enum(complaintSeverities, { error: ErrorCode.choiceInvalid }),
      category: z.enum(complaintCategories, { error: ErrorCode.choiceInvalid }),
      title,
      description,
      assigneeId: z.string().transform((s) => s || null),
      dueDate: z
        .string()
        .transform((s) => s.trim())
        .refine((s) => s === '' || isCalendarDate(s), ErrorCode.dateInvalid),
    })
    .transform((draft): ComplaintDraftFields => ({ ...draft, dueDate: draft.dueDate || complaintDueDate(ctx.today, draft.severity, ctx.sla) }));
}

export function emptyComplaintDraft(): ComplaintDraft {
  return { orderId: '', severity: 'medium', category: 'product', title: '', description: '', assigneeId: '', dueDate: '' };
}

export function complaintToDraft(c: ComplaintDraftFields): ComplaintDraft {
  return { ...c, orderId: c.orderId ?? '', assigneeId: c.assigneeId ?? '' };
}

/** What an edit of a complaint may change: its status only moves through steps. */
const complaintEditableFields = ['title', 'description', 'severity', 'category', 'assigneeId', 'dueDate'] as const;

/** The part of a complaint's fields an edit form may change. */
export function complaintEditable(fields: Pick<ComplaintDraftFields, (typeof complaintEditableFields)[number]>): object {
  return Object.fromEntries(complaintEditableFields.map((k) => [k, fields[k]]));
}

import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanNotes, cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate } from './dates';
import { isClockTime } from './date-math';
import { isoTimestamp, recordMetaShape, type RecordMeta } from './record-meta';
import type { InteractionFields } from './interaction';

const title = z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.name, ErrorCode.tooLong));
const notes = z.string().transform(cleanNotes).pipe(z.string().max(TEXT_LIMITS.text, ErrorCode.tooLong));
const calendarDate = z.string().refine(isCalendarDate, ErrorCode.dateInvalid);
const clockTime = z.string().refine(isClockTime, ErrorCode.timeInvalid);

/**
 * A task or a reminder someone set by hand. The due date and time are local wall-clock values
 * ("Friday 14:00" where the team works), like birthdays, not instants.
 */
export interface TaskFields {
  title: string;
  dueDate: string | null;
  /** Only with a due date; null: any time that day. */
  dueTime: string | null;
  assigneeId: string | null;
  customerId: string | null;
  /** Set when the task is an interaction's next step, so the step is not reminded twice. */
  interactionId: string | null;
  notes: string;
  done: boolean;
  doneAt: string | null;
  doneBy: string | null;
}
export type Task = TaskFields & RecordMeta;

export const taskSchema = z.looseObject({
  ...recordMetaShape,
  title,
  dueDate: calendarDate.nullable().default(null),
  dueTime: clockTime.nullable().catch(null).default(null),
  assigneeId: z.string().min(1).max(64).nullable().default(null),
  customerId: z.string().min(1).max(64).nullable().default(null),
  interactionId: z.string().min(1).max(64).nullable().default(null),
  notes: notes.default(''),
  done: z.boolean().default(false),
  doneAt: isoTimestamp.nullable().default(null),
  doneBy: z.string().min(1).max(64).nullable().default(null),
});

export interface TaskDraft {
  title: string;
  dueDate: string;
  dueTime: string;
  assigneeId: string;
  customerId: string;
  notes: string;
}
export type TaskDraftFields = Pick<TaskFields, 'title' | 'dueDate' | 'dueTime' | 'assigneeId' | 'customerId' | 'notes'>;

const optional = (check: (s: string) => boolean, code: string) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s === '' || check(s), code)
    .transform((s) => s || null);

export const taskDraftSchema = z
  .object({
    title,
    dueDate: optional(isCalendarDate, ErrorCode.dateInvalid),
    dueTime: optional(isClockTime, ErrorCode.timeInvalid),
    assigneeId: z.string().transform((s) => s || null),
    customerId: z.string().transform((s) => s || null),
    notes,
  })
  .superRefine((draft, zctx) => {
    if (draft.dueTime && !draft.dueDate) zctx.addIssue({ code: 'custom', message: ErrorCode.required, path: ['dueDate'] });
  });

export function emptyTaskDraft(customerId: string | null = null, assigneeId: string | null = null): TaskDraft {
  return { title: '', dueDate: '', dueTime: '', assigneeId: assigneeId ?? '', customerId: customerId ?? '', notes: '' };
}

export function taskToDraft(t: TaskDraftFields): TaskDraft {
  return { title: t.title, dueDate: t.dueDate ?? '', dueTime: t.dueTime ?? '', assigneeId: t.assigneeId ?? '', customerId: t.customerId ?? '', notes: t.notes };
}

/** The fields to set when a task is ticked off or opened again. */
export function taskDonePatch(done: boolean, stamp: { by: string; at: string }): Pick<TaskFields, 'done' | 'doneAt' | 'doneBy'> {
  return done ? { done, doneAt: stamp.at, doneBy: stamp.by } : { done, doneAt: null, doneBy: null };
}

/** An interaction's next step with a due date, as a task for the person who was in touch. */
export function taskFromNextStep(interaction: Pick<InteractionFields, 'customerId' | 'memberId' | 'nextStep' | 'nextStepDue'> & { id: string }): TaskFields | null {
  if (!interaction.nextStep || !interaction.nextStepDue) return null;
  return {
    title: interaction.nextStep,
    dueDate: interaction.nextStepDue,
    dueTime: null,
    assigneeId: interaction.memberId,
    customerId: interaction.customerId,
    interactionId: interaction.id,
    notes: '',
    done: false,
    doneAt: null,
    doneBy: null,
  };
}

import type { CustomerFields } from './customer';
import type { RecordMeta } from './record-meta';
import type { Task } from './task';
import type { Interaction } from './interaction';
import { isRefundPending, refundStatus, type Refund } from './refund';
import { complaintState, isComplaintOpen, type Complaint } from './complaint';
import type { CrmSettings } from './crm-settings';
import { addDays, localClockOf, localDateOf } from './date-math';
import { nextYearly } from './yearly-dates';
import { verificationDueOn } from './verification';

export const reminderKinds = ['birthday', 'anniversary', 'follow-up', 'refund-due', 'complaint-sla', 'verify-details'] as const;
export type ReminderKind = (typeof reminderKinds)[number];
export type ReminderDue = 'overdue' | 'today' | 'upcoming';

/**
 * A reminder is derived, never stored: it is recomputed from the records, so ticking off a task
 * or completing a refund makes it disappear on every device without anything to sync.
 */
export interface Reminder {
  /** Stable across runs and devices (also the calendar UID), e.g. "birthday:<customerId>:2027-01-02". */
  id: string;
  kind: ReminderKind;
  date: string;
  /** Local "HH:MM" for tasks with a time; null: all day. */
  time: string | null;
  due: ReminderDue;
  /** The customer's name, or the task's or complaint's title; the kind's wording comes from the messages. */
  title: string;
  customerId: string | null;
  /** The record to open: a customer, task, interaction, refund or complaint. */
  recordId: string;
  assigneeId: string | null;
  /** Age on a birthday, years as a customer on an anniversary. */
  years: number | null;
}

export type ReminderCustomer = Pick<CustomerFields, 'name' | 'kind' | 'birthday' | 'ownerId' | 'status'> & Pick<RecordMeta, 'id' | 'createdAt' | 'deletedAt'>;

export interface ReminderInput {
  today: string;
  now: Date;
  customers: readonly ReminderCustomer[];
  tasks: readonly Task[];
  interactions: readonly Interaction[];
  refunds: readonly Refund[];
  complaints: readonly Complaint[];
  settings: Pick<CrmSettings, 'reminderWindowDays' | 'verifyAfterMonths'>;
}

/**
 * Everything to be reminded of: overdue items (however old), today's, and the next
 * `reminderWindowDays` days. Birthdays and anniversaries are only ever upcoming or today; the
 * window runs across the end of the year (28 December sees 2 January).
 *
 * Anniversaries count from the day the customer was added (createdAt): foundedOn is when a
 * company was founded, not when it became a customer. Customers marked lost get no care or
 * verification reminders.
 */
export function generateReminders(input: ReminderInput): Reminder[] {
  const { today, now, settings } = input;
  const horizon = addDays(today, settings.reminderWindowDays);
  const clock = localClockOf(now);
  const due = (date: string, time: string | null = null): ReminderDue =>
    date < today || (date === today && time !== null && time < clock) ? 'overdue' : date === today ? 'today' : 'upcoming';
  const customers = new Map(input.customers.map((c) => [c.id, c]));
  const nameOf = (id: string | null) => (id ? (customers.get(id)?.name ?? '') : '');
  const out: Reminder[] = [];
  const push = (r: Omit<Reminder, 'id' | 'due'>) => out.push({ ...r, id: `${r.kind}:${r.recordId}:${r.date}`, due: due(r.date, r.time) });

  for (const c of input.customers) {
    if (c.deletedAt !== null || c.status === 'lost') continue;
    const base = { time: null, title: c.name, customerId: c.id, recordId: c.id, assigneeId: c.ownerId };
    if (c.kind === 'person' && c.birthday) {
      const next = nextYearly(c.birthday, today);
      if (next.date <= horizon && next.years > 0) push({ ...base, kind: 'birthday', date: next.date, years: next.years });
    }
    const anniversary = nextYearly(localDateOf(c.createdAt), today);
    if (anniversary.date <= horizon && anniversary.years > 0) push({ ...base, kind: 'anniversary', date: anniversary.date, years: anniversary.years });
    const verifyOn = verificationDueOn(c, settings.verifyAfterMonths);
    if (verifyOn <= today) push({ ...base, kind: 'verify-details', date: verifyOn, years: null });
  }

  const tasked = new Set(input.tasks.map((t) => t.interactionId).filter((id) => id !== null));
  for (const t of input.tasks) {
    if (t.deletedAt !== null || t.done || !t.dueDate || t.dueDate > horizon) continue;
    push({ kind: 'follow-up', date: t.dueDate, time: t.dueTime, title: t.title, customerId: t.customerId, recordId: t.id, assigneeId: t.assigneeId, years: null });
  }
  // Next steps whose task is missing (written by an older version, or the task was not made).
  for (const i of input.interactions) {
    if (i.deletedAt !== null || tasked.has(i.id) || !i.nextStep || !i.nextStepDue || i.nextStepDue > horizon) continue;
    push({ kind: 'follow-up', date: i.nextStepDue, time: null, title: i.nextStep, customerId: i.customerId, recordId: i.id, assigneeId: i.memberId, years: null });
  }

  // Refunds as complaints: past due, due today and due within the window, until completed or rejected.
  for (const r of input.refunds) {
    if (r.deletedAt !== null || r.dueDate === null || r.dueDate > horizon || !isRefundPending(refundStatus(r))) continue;
    push({ kind: 'refund-due', date: r.dueDate, time: null, title: nameOf(r.customerId), customerId: r.customerId, recordId: r.id, assigneeId: r.createdBy, years: null });
  }

  for (const c of input.complaints) {
    if (c.deletedAt !== null || c.dueDate > horizon || !isComplaintOpen(complaintState(c).status)) continue;
    push({ kind: 'complaint-sla', date: c.dueDate, time: null, title: c.title, customerId: c.customerId, recordId: c.id, assigneeId: c.assigneeId, years: null });
  }

  return out.sort(compareReminders);
}

function compareReminders(a: Reminder, b: Reminder): number {
  return (
    a.date.localeCompare(b.date) ||
    (a.time ?? '').localeCompare(b.time ?? '') ||
    reminderKinds.indexOf(a.kind) - reminderKinds.indexOf(b.kind) ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

/** The "Today" view: what is late, what is for today, what comes next; each list in date order. */
export function groupReminders(reminders: readonly Reminder[]): Record<ReminderDue, Reminder[]> {
  const groups: Record<ReminderDue, Reminder[]> = { overdue: [], today: [], upcoming: [] };
  for (const r of reminders) groups[r.due].push(r);
  return groups;
}

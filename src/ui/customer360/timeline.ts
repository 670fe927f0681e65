import type { CustomerRecords } from '../../storage/customer-queries';
import type { ComplaintRow, FeedbackRow, InteractionRow, OrderRow, RefundRow, TaskRow } from '../../storage/read-db';
import { localDateOf } from '../../domain/date-math';

export const timelineKinds = ['interaction', 'order', 'refund', 'feedback', 'complaint', 'task'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export type TimelineEntry = { at: number } & (
  | { kind: 'interaction'; record: InteractionRow }
  | { kind: 'order'; record: OrderRow }
  | { kind: 'refund'; record: RefundRow }
  | { kind: 'feedback'; record: FeedbackRow }
  | { kind: 'complaint'; record: ComplaintRow }
  | { kind: 'task'; record: TaskRow }
);

/**
 * When a record dated by day (an order, feedback) sits on the timeline: the moment it was entered
 * if that was on the same day, otherwise midday of its date, so "today's" order typed in after a
 * call sorts above that call, and an order entered late sits on its own day.
 */
function dayInstant(day: string, createdAt: string): number {
  return localDateOf(createdAt) === day ? Date.parse(createdAt) : new Date(`${day}T12:00:00`).getTime();
}

/** Every record of a customer as one list, newest first (ids are time-sortable, so ties are stable). */
export function buildTimeline(records: CustomerRecords): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...records.interactions.map((record) => ({ kind: 'interaction' as const, record, at: Date.parse(record.occurredAt) })),
    ...records.orders.map((record) => ({ kind: 'order' as const, record, at: dayInstant(record.orderedOn, record.createdAt) })),
    ...records.refunds.map((record) => ({ kind: 'refund' as const, record, at: Date.parse(record.createdAt) })),
    ...records.feedback.map((record) => ({ kind: 'feedback' as const, record, at: dayInstant(record.receivedOn, record.createdAt) })),
    ...records.complaints.map((record) => ({ kind: 'complaint' as const, record, at: Date.parse(record.createdAt) })),
    ...records.tasks.map((record) => ({ kind: 'task' as const, record, at: Date.parse(record.createdAt) })),
  ];
  return entries.sort((a, b) => b.at - a.at || (a.record.id < b.record.id ? 1 : a.record.id > b.record.id ? -1 : 0));
}

import { z } from 'zod';
import { isoTimestamp, META_KEYS } from './record-meta';
import { STEP_PREFIX, stepKey } from './status-steps';
import { refundMachine } from './refund';
import { complaintMachine } from './complaint';
import { newId } from './ids';

/**
 * The record history: one entry per changed field, appended to the workspace's activity log
 * (a Y.Array) in the same transaction as the change, so it replicates with it and is never
 * rewritten. Values are copied in, so erasing a customer for good must erase its entries too.
 */
export const activityKinds = ['create', 'update', 'delete', 'restore'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export interface ActivityEntry {
  id: string;
  at: string;
  by: string;
  collection: string;
  recordId: string;
  /** The customer the record belongs to, so a customer's history shows its orders' changes too. */
  customerId: string | null;
  kind: ActivityKind;
  /** "name", "address.city", "custom.<fieldId>", "tags" (one entry per tag), "status"; null for create/delete/restore. */
  field: string | null;
  old: z.core.util.JSONType;
  new: z.core.util.JSONType;
}

export const activityEntrySchema = z.looseObject({
  id: z.string().min(1).max(80),
  at: isoTimestamp,
  by: z.string().min(1).max(64),
  collection: z.string().min(1).max(40),
  recordId: z.string().min(1).max(64),
  customerId: z.string().min(1).max(64).nullable().default(null),
  kind: z.enum(activityKinds),
  field: z.string().min(1).max(200).nullable().default(null),
  old: z.json().default(null),
  new: z.json().default(null),
});

type Json = Record<string, unknown>;
type Change = Pick<ActivityEntry, 'field' | 'old' | 'new'>;

const skipped = new Set<string>(META_KEYS);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function asJson(value: unknown): z.core.util.JSONType {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as z.core.util.JSONType);
}

function unionKeys(a: Json, b: Json): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

/** The status a record of each collection with status steps starts in. */
const initialStatuses: Record<string, string> = { refunds: refundMachine.initial, complaints: complaintMachine.initial };

/**
 * The status a step was made from: the status of the step it names as `after`, or the initial
 * status when it names none. A step never carries it, so it is read from the record.
 */
function statusBefore(step: unknown, record: Json, initial: string | null): z.core.util.JSONType {
  if (!isObject(step)) return null;
  if (step.after === null || step.after === undefined) return initial;
  if (typeof step.after !== 'string') return null;
  const previous = record[stepKey(step.after)];
  return isObject(previous) ? asJson(previous.status) : null;
}

/**
 * Field changes as people read them: a tag added or removed is one entry each; an address or
 * the custom values are compared part by part ("address.city: 杭州 → 上海"); a new status step
 * reads as a status change from the status it was made from ("Requested → Approved";
 * `initialStatus` is the record type's first status). Other lists (phones, order lines) are
 * shown whole, before and after.
 */
export function fieldChanges(before: Json, after: Json, initialStatus: string | null = null): Change[] {
  const changes: Change[] = [];
  for (const key of unionKeys(after, before)) {
    if (skipped.has(key)) continue;
    const old = before[key] ?? null;
    const next = after[key] ?? null;
    if (same(old, next)) continue;
    if (key === 'tags' && (Array.isArray(old) || old === null) && (Array.isArray(next) || next === null)) {
      const was = (old ?? []) as unknown[];
      const now = (next ?? []) as unknown[];
      for (const tag of was) if (!now.includes(tag)) changes.push({ field: 'tags', old: asJson(tag), new: null });
      for (const tag of now) if (!was.includes(tag)) changes.push({ field: 'tags', old: null, new: asJson(tag) });
    } else if (key.startsWith(STEP_PREFIX)) {
      const status = (v: unknown) => (isObject(v) ? asJson(v.status) : null);
      // A new step: its old value is no status at all, but the status it moved the record from.
      const from = old === null ? statusBefore(next, after, initialStatus) : status(old);
      changes.push({ field: 'status', old: from, new: status(next) });
    } else if ((isObject(old) || old === null) && (isObject(next) || next === null)) {
      const was = old ?? {};
      const now = next ?? {};
      for (const part of unionKeys(was, now)) {
        if (!same(was[part] ?? null, now[part] ?? null)) changes.push({ field: `${key}.${part}`, old: asJson(was[part] ?? null), new: asJson(now[part] ?? null) });
      }
    } else {
      changes.push({ field: key, old: asJson(old), new: asJson(next) });
    }
  }
  return changes;
}

/**
 * The entries to append for one change of one record. `before` null: it was created; `after`
 * null: it was removed for good. Moving to Trash and back are `delete` and `restore` entries.
 */
export function activityEntriesFor(
  collection: string,
  recordId: string,
  before: Json | null,
  after: Json | null,
  stamp: { by: string; at: string; newId?: () => string },
): ActivityEntry[] {
  const makeId = stamp.newId ?? newId;
  const owner = collection === 'customers' ? recordId : (after ?? before)?.customerId;
  const customerId = typeof owner === 'string' && owner ? owner : null;
  const entry = (kind: ActivityKind, change: Change = { field: null, old: null, new: null }): ActivityEntry => ({
    id: makeId(),
    at: stamp.at,
    by: stamp.by,
    collection,
    recordId,
    customerId,
    kind,
    ...change,
  });
  if (before === null) return after === null ? [] : [entry('create')];
  if (after === null) return [entry('delete')];
  const entries: ActivityEntry[] = [];
  const wasDeleted = (before.deletedAt ?? null) !== null;
  const isDeleted = (after.deletedAt ?? null) !== null;
  if (!wasDeleted && isDeleted) entries.push(entry('delete'));
  if (wasDeleted && !isDeleted) entries.push(entry('restore'));
  for (const change of fieldChanges(before, after, initialStatuses[collection] ?? null)) entries.push(entry('update', change));
  return entries;
}

export interface ActivityFilter {
  customerId?: string;
  recordId?: string;
  by?: string;
  collection?: string;
}

/** Newest first; the order is the same on every device (time, then id). */
export function filterActivity(entries: readonly ActivityEntry[], filter: ActivityFilter = {}): ActivityEntry[] {
  return entries
    .filter(
      (e) =>
        (filter.customerId === undefined || e.customerId === filter.customerId) &&
        (filter.recordId === undefined || e.recordId === filter.recordId) &&
        (filter.by === undefined || e.by === filter.by) &&
        (filter.collection === undefined || e.collection === filter.collection),
    )
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { isoTimestamp } from './record-meta';

/**
 * Statuses that several people change (refunds, complaints) are not one field: one field keeps
 * only the last write, and a concurrent approval on another device would vanish. Each change is
 * a step stored under its own key of the record, `step:<stepId>` -> { status, by, at, after },
 * so every step survives a merge, and the current status is derived from the set of steps.
 *
 * `after` is the id of the step that set the status its author saw (null: the initial status).
 * It makes the derivation causal instead of trusting device clocks: a step only applies once the
 * status it was made from is current.
 */
export interface StatusMachine<S extends string> {
  statuses: readonly [S, ...S[]];
  initial: S;
  next: Record<S, readonly S[]>;
}

export interface StatusStep<S extends string = string> {
  id: string;
  status: S;
  by: string;
  at: string;
  after: string | null;
  note: string;
}

export const STEP_PREFIX = 'step:';

export function stepKey(stepId: string): string {
  return STEP_PREFIX + stepId;
}

export function stepValueSchema<S extends string>(machine: StatusMachine<S>) {
  return z.looseObject({
    status: z.enum(machine.statuses),
    by: z.string().min(1).max(64),
    at: isoTimestamp,
    after: z.string().min(1).max(64).nullable().default(null),
    note: z.string().max(5000).default(''),
  });
}

// Built once per machine: reminders and key figures read the steps of every refund and complaint.
const schemas = new WeakMap<object, ReturnType<typeof stepValueSchema<string>>>();

/** The well-formed steps of a record as read from the document; malformed ones cannot count. */
export function collectSteps<S extends string>(record: object, machine: StatusMachine<S>): StatusStep<S>[] {
  let schema = schemas.get(machine);
  if (!schema) schemas.set(machine, (schema = stepValueSchema<string>(machine)));
  const steps: StatusStep<S>[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (!key.startsWith(STEP_PREFIX)) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      const { status, by, at, after, note } = parsed.data;
      steps.push({ id: key.slice(STEP_PREFIX.length), status: status as S, by, at, after, note });
    }
  }
  return steps.sort(byTime);
}

function byTime(a: StatusStep, b: StatusStep): number {
  return Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface AgreedStatus<S extends string> {
  status: S;
  /** The step that set the current status: a new step names it as `after`. */
  headId: string | null;
  /** The winning step of each transition, in the order they applied. */
  path: StatusStep<S>[];
  /** Every step, oldest first; `applied` is false for steps that lost a race or were not allowed. */
  history: (StatusStep<S> & { applied: boolean })[];
}

/**
 * The one status every replica agrees on, from the unordered set of steps. Starting from the
 * initial status, the candidates are the allowed steps made from the current status; the
 * earliest (time, then id) wins, and candidates that reached the same status agree with it, so
 * their follow-up steps count too. A step that lost (a concurrent approval and rejection) or is
 * not an allowed transition stays in the history but never moves the status, not even when the
 * status it was made from comes round again after a reopen.
 */
export function agreedStatus<S extends string>(machine: StatusMachine<S>, steps: readonly StatusStep<S>[]): AgreedStatus<S> {
  const sorted = [...steps].sort(byTime);
  const applied = new Set<string>();
  let status = machine.initial;
  let headId: string | null = null;
  let current = new Set<string | null>([null]);
  const path: StatusStep<S>[] = [];
  for (;;) {
    const candidates = sorted.filter((s) => !applied.has(s.id) && current.has(s.after) && machine.next[status].includes(s.status));
    const winner = candidates[0];
    if (!winner) break;
    const agreeing = candidates.filter((s) => s.status === winner.status);
    for (const s of agreeing) applied.add(s.id);
    current = new Set(agreeing.map((s) => s.id));
    status = winner.status;
    headId = winner.id;
    path.push(winner);
  }
  return { status, headId, path, history: sorted.map((s) => ({ ...s, applied: applied.has(s.id) })) };
}

export type StepProposal<S extends string> = { ok: true; step: StatusStep<S> } | { ok: false; error: ErrorCode };

/** A new step from the status as this device sees it; refused if the machine does not allow it. */
export function proposeStep<S extends string>(
  machine: StatusMachine<S>,
  agreed: Pick<AgreedStatus<S>, 'status' | 'headId'>,
  to: S,
  stamp: { id: string; by: string; at: string; note?: string },
): StepProposal<S> {
  if (!machine.next[agreed.status].includes(to)) return { ok: false, error: ErrorCode.statusTransitionInvalid };
  return { ok: true, step: { id: stamp.id, status: to, by: stamp.by, at: stamp.at, after: agreed.headId, note: stamp.note ?? '' } };
}

/** The value to store under `stepKey(step.id)`. */
export function stepValue<S extends string>(step: StatusStep<S>): Omit<StatusStep<S>, 'id'> {
  const { id: _id, ...value } = step;
  return value;
}

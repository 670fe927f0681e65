import type { Order, OrderLine } from '../../../src/domain/order';
import type { Refund, RefundStatus } from '../../../src/domain/refund';
import type { Complaint } from '../../../src/domain/complaint';
import type { Feedback } from '../../../src/domain/feedback';
import type { Task } from '../../../src/domain/task';
import type { Interaction } from '../../../src/domain/interaction';
import { stepKey, stepValue, type StatusStep } from '../../../src/domain/status-steps';
import { meta } from '../support/fixtures';

/** Noon of a local calendar date as an instant: its local date is that date in every time zone. */
export function localNoon(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!, 12).toISOString();
}

export const CUSTOMER_ID = '01960000-0000-7000-8000-0000000000c1';

export function line(overrides: Partial<OrderLine> = {}): OrderLine {
  return { id: 'l1', productId: null, description: '绿茶 250g', quantity: 2, unitPrice: 4550, ...overrides };
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    ...meta({ id: 'o1' }),
    customerId: CUSTOMER_ID,
    orderedOn: '2026-03-01',
    lines: [line()],
    discount: 0,
    currency: 'CNY',
    channel: 'store',
    paymentMethod: 'wechat_pay',
    status: 'paid',
    notes: '',
    ...overrides,
  };
}

let stepClock = 0;
/** A status step; `at` defaults to a fresh, increasing timestamp. */
export function step<S extends string>(id: string, status: S, after: string | null, at?: string, by = 'member-a', note = ''): StatusStep<S> {
  stepClock += 1;
  return { id, status, after, by, note, at: at ?? new Date(Date.UTC(2026, 2, 1, 10, 0, stepClock)).toISOString() };
}

/** A record with its steps under `step:<id>` keys, as readRecord returns it from the document. */
export function withSteps<T extends object>(record: T, steps: StatusStep[]): T {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const s of steps) out[stepKey(s.id)] = stepValue(s);
  return out as T;
}

export function refund(overrides: Partial<Refund> = {}, steps: StatusStep[] = []): Refund {
  return withSteps(
    {
      ...meta({ id: 'r1' }),
      customerId: CUSTOMER_ID,
      orderId: 'o1',
      lineIds: [],
      type: 'refund',
      reason: 'defect',
      reasonText: '',
      amount: 1000,
      currency: 'CNY',
      method: 'original',
      dueDate: '2026-03-08',
      ...overrides,
    } as Refund,
    steps,
  );
}

export function complaint(overrides: Partial<Complaint> = {}, steps: StatusStep[] = []): Complaint {
  return withSteps(
    {
      ...meta({ id: 'k1' }),
      customerId: CUSTOMER_ID,
      orderId: null,
      severity: 'high',
      category: 'product',
      title: '茶叶受潮',
      description: '',
      assigneeId: 'member-b',
      dueDate: '2026-03-03',
      ...overrides,
    } as Complaint,
    steps,
  );
}

export function feedback(overrides: Partial<Feedback> = {}): Feedback {
  return {
    ...meta({ id: 'f1' }),
    customerId: CUSTOMER_ID,
    orderId: null,
    receivedOn: '2026-03-02',
    satisfaction: 4,
    nps: 9,
    comment: '',
    channel: 'wechat',
    ...overrides,
  };
}

export function task(overrides: Partial<Task> = {}): Task {
  return {
    ...meta({ id: 't1' }),
    title: '回访',
    dueDate: '2026-06-15',
    dueTime: null,
    assigneeId: 'member-a',
    customerId: CUSTOMER_ID,
    interactionId: null,
    notes: '',
    done: false,
    doneAt: null,
    doneBy: null,
    ...overrides,
  };
}

export function interaction(overrides: Partial<Interaction> = {}): Interaction {
  return {
    ...meta({ id: 'i1' }),
    customerId: CUSTOMER_ID,
    type: 'call',
    occurredAt: '2026-03-01T06:30:00.000Z',
    memberId: 'member-a',
    contactId: null,
    summary: '询问新茶到货时间',
    outcome: '',
    nextStep: '',
    nextStepDue: null,
    ...overrides,
  };
}

/** A refund that reached `status` through the allowed steps. */
export function refundIn(status: RefundStatus, overrides: Partial<Refund> = {}): Refund {
  const id = overrides.id ?? 'r1';
  const steps: StatusStep[] = [];
  if (status === 'approved' || status === 'completed') steps.push(step(`${id}-a`, 'approved', null));
  if (status === 'completed') steps.push(step(`${id}-c`, 'completed', `${id}-a`));
  if (status === 'rejected') steps.push(step(`${id}-x`, 'rejected', null));
  return refund({ ...overrides, id }, steps);
}

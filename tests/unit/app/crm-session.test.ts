import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceSession } from '../../../src/app/session';
import { initialiseWorkspace } from '../../../src/workspace/settings-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { emptyInteractionDraft } from '../../../src/domain/interaction';
import { emptyOrderDraft, emptyOrderLineDraft, orderToDraft } from '../../../src/domain/order';
import { emptyRefundDraft } from '../../../src/domain/refund';
import { emptyTaskDraft } from '../../../src/domain/task';
import { todayCalendarDate } from '../../../src/domain/dates';
import { addDays } from '../../../src/domain/date-math';
import { ErrorCode } from '../../../src/domain/error-codes';
import { customerDraft } from '../support/fixtures';
import { StorageScope, firstValue } from '../support/storage';
import { pinDate } from '../support/pinned-date';

const scope = new StorageScope();
afterEach(() => scope.cleanup());
// Dates the test computes ("today") and the ones the session checks must be the same day.
pinDate();

async function openSession(memberId = 'member-a') {
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  await store.ready;
  initialiseWorkspace(new Workspace(wsId, store.doc, memberId), { name: 'Shop', defaultRegion: 'CN' });
  await store.log.flushed();
  return new WorkspaceSession(wsId, store, memberId);
}

async function customer(session: WorkspaceSession, name = '王建国') {
  const result = await session.customers.create(customerDraft({ name }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const today = () => todayCalendarDate();
let lineId = 0;
function orderDraft(lines: [string, string, string][]) {
  return {
    ...emptyOrderDraft(today(), 'CNY', () => `l${++lineId}`),
    // Paid: only a paid order can be refunded.
    status: 'paid' as const,
    lines: lines.map(([description, quantity, unitPrice]) => ({ ...emptyOrderLineDraft(`l${++lineId}`), description, quantity, unitPrice })),
  };
}

describe('customer 360 commands', () => {
  it('a follow-up with a next step creates its task, which is open in the task list', async () => {
    const session = await openSession();
    const id = await customer(session);
    const result = await session.interactions.log(id, {
      ...emptyInteractionDraft(new Date(), 'member-a'),
      summary: '电话沟通报价',
      nextStep: 'Send the quote',
      nextStepDue: today(),
    });
    expect(result.ok).toBe(true);
    await session.store.projection.idle();
    const tasks = await firstValue(session.queries.tasks.open(50));
    expect(tasks).toMatchObject([{ title: 'Send the quote', customerId: id, dueDate: today(), open: 1 }]);
    const records = await firstValue(session.queries.customers.records(id));
    expect(records.interactions).toHaveLength(1);
    expect(records.tasks).toHaveLength(1);
  });

  it('an order total is computed from its lines in minor units', async () => {
    const session = await openSession();
    const id = await customer(session);
    const result = await session.orders.create(id, { ...orderDraft([['Tea', '2', '12.50'], ['Cups', '3', '0.10']]), discount: '1' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    await session.store.projection.idle();
    expect((await firstValue(session.queries.orders.get(result.value)))?.total).toBe(2 * 1250 + 3 * 10 - 100);
  });

  it('refuses a refund of an order that is not paid yet, and takes it once the order is paid', async () => {
    const session = await openSession();
    const id = await customer(session);
    const order = await session.orders.create(id, { ...orderDraft([['Tea', '1', '100']]), status: 'pending' });
    if (!order.ok) throw new Error('order');
    const draft = { ...emptyRefundDraft(today(), 7), reason: 'defect' as const, amount: '10' };
    expect(await session.refunds.request(order.value, draft)).toEqual({ ok: false, errors: { '': ErrorCode.orderNotRefundable } });
    await session.store.projection.idle();
    const row = await firstValue(session.queries.orders.get(order.value));
    expect((await session.orders.update(order.value, { ...orderToDraft(row!), status: 'paid' })).ok).toBe(true);
    expect((await session.refunds.request(order.value, draft)).ok).toBe(true);
  });

  it('refuses a refund above what is still refundable, then approves and completes one with both steps stamped', async () => {
    const session = await openSession();
    const id = await customer(session);
    const order = await session.orders.create(id, orderDraft([['Tea', '1', '100']]));
    if (!order.ok) throw new Error('order');
    const tooMuch = await session.refunds.request(order.value, { ...emptyRefundDraft(today(), 7), reason: 'defect', amount: '100.01' });
    expect(tooMuch).toEqual({ ok: false, errors: { amount: ErrorCode.refundTooLarge } });

    const refund = await session.refunds.request(order.value, { ...emptyRefundDraft(today(), 7), reason: 'defect', amount: '60' });
    if (!refund.ok) throw new Error(JSON.stringify(refund.errors));
    expect((await session.refunds.step(refund.value, 'completed')).ok).toBe(false);
    expect((await session.refunds.step(refund.value, 'approved')).ok).toBe(true);
    expect((await session.refunds.step(refund.value, 'completed')).ok).toBe(true);
    await session.store.projection.idle();
    const row = await firstValue(session.queries.refunds.get(refund.value));
    expect(row).toMatchObject({ status: 'completed', pending: 0, amount: 6000 });
    const second = await session.refunds.request(order.value, { ...emptyRefundDraft(today(), 7), reason: 'defect', amount: '40.01' });
    expect(second.ok).toBe(false);

    const history = await firstValue(session.queries.activity.list({ customerId: id }, 50));
    const statusChanges = history.filter((e) => e.collection === 'refunds' && e.field === 'status').map((e) => [e.old, e.new, e.by]);
    expect(statusChanges).toEqual(
      expect.arrayContaining([
        ['requested', 'approved', 'member-a'],
        ['approved', 'completed', 'member-a'],
      ]),
    );
  });

  it('concurrent status changes of one refund on two devices agree, and both stay in its history', async () => {
    const a = await openSession('member-a');
    const id = await customer(a);
    const order = await a.orders.create(id, orderDraft([['Tea', '1', '100']]));
    if (!order.ok) throw new Error('order');
    const refund = await a.refunds.request(order.value, { ...emptyRefundDraft(today(), 7), reason: 'defect', amount: '10' });
    if (!refund.ok) throw new Error('refund');
    const b = await openSession('member-b');
    Y.applyUpdate(b.workspace.doc, Y.encodeStateAsUpdate(a.workspace.doc));
    // Offline from each other: one approves, the other rejects.
    await a.refunds.step(refund.value, 'approved');
    await b.refunds.step(refund.value, 'rejected');
    Y.applyUpdate(a.workspace.doc, Y.encodeStateAsUpdate(b.workspace.doc, Y.encodeStateVector(a.workspace.doc)));
    Y.applyUpdate(b.workspace.doc, Y.encodeStateAsUpdate(a.workspace.doc, Y.encodeStateVector(b.workspace.doc)));
    await a.store.projection.idle();
    await b.store.projection.idle();
    const rowA = await firstValue(a.queries.refunds.get(refund.value));
    const rowB = await firstValue(b.queries.refunds.get(refund.value));
    expect(rowA?.status).toBe(rowB?.status);
    const steps = Object.keys(rowA ?? {}).filter((k) => k.startsWith('step:'));
    expect(steps).toHaveLength(2);
  });

  it('writes the change history of a customer: who, when, old and new value', async () => {
    const session = await openSession();
    const id = await customer(session, 'Ann');
    await session.customers.update(id, customerDraft({ name: 'Ann Lee', tags: ['VIP', 'b2b'] }), customerDraft({ name: 'Ann', tags: ['VIP'] }));
    await session.customers.remove(id);
    await session.store.projection.idle();
    const history = await firstValue(session.queries.activity.list({ customerId: id }, 50));
    expect(history.map((e) => [e.kind, e.field, e.old, e.new])).toEqual(
      expect.arrayContaining([
        ['create', null, null, null],
        ['update', 'name', 'Ann', 'Ann Lee'],
        ['update', 'tags', null, 'b2b'],
        ['delete', null, null, null],
      ]),
    );
    expect(history.every((e) => e.by === 'member-a')).toBe(true);
  });

  it('reminds of a birthday today and of an overdue task', async () => {
    const session = await openSession();
    const now = new Date();
    const birthday = `1990-${today().slice(5)}`;
    const id = (await session.customers.create(customerDraft({ name: 'Birthday Bea', birthday: today().slice(5) === '02-29' ? '1992-02-29' : birthday }))) as { ok: true; value: string };
    await session.tasks.save({ ...emptyTaskDraft(id.value), title: 'Call back', dueDate: '2020-01-01' });
    await session.store.projection.idle();
    const reminders = await firstValue(session.queries.reminders.due(today(), now, { reminderWindowDays: 7, verifyAfterMonths: 6 }));
    expect(reminders.map((r) => [r.kind, r.title, r.due])).toEqual(
      expect.arrayContaining([
        ['birthday', 'Birthday Bea', 'today'],
        ['follow-up', 'Call back', 'overdue'],
      ]),
    );
  });

  it('reminds of pending refunds due yesterday, today and within the window, read by their due date', async () => {
    const session = await openSession();
    const id = await customer(session, 'Refund Rui');
    const order = await session.orders.create(id, orderDraft([['Tea', '1', '100']]));
    if (!order.ok) throw new Error('order');
    const due = async (days: number) => {
      const r = await session.refunds.request(order.value, { ...emptyRefundDraft(today(), 7), reason: 'defect', amount: '1', dueDate: addDays(today(), days) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
    };
    for (const days of [-1, 0, 2, 8]) await due(days);
    await session.store.projection.idle();
    const reminders = await firstValue(session.queries.reminders.due(today(), new Date(), { reminderWindowDays: 7, verifyAfterMonths: 6 }));
    expect(reminders.filter((r) => r.kind === 'refund-due').map((r) => [r.date, r.due, r.title])).toEqual([
      [addDays(today(), -1), 'overdue', 'Refund Rui'],
      [today(), 'today', 'Refund Rui'],
      [addDays(today(), 2), 'upcoming', 'Refund Rui'],
    ]);
  });

  it('editing an interaction writes only the fields that changed, each in the history with old → new', async () => {
    const session = await openSession();
    const id = await customer(session);
    const draft = { ...emptyInteractionDraft(new Date(), 'member-a'), summary: 'First call' };
    const logged = await session.interactions.log(id, draft);
    if (!logged.ok) throw new Error(JSON.stringify(logged.errors));
    expect(await session.interactions.update(logged.value, { ...draft, type: 'visit', summary: 'First visit, quote sent' })).toEqual({ ok: true, value: logged.value });
    // Saving the same draft again changes nothing, so nothing more is logged.
    await session.interactions.update(logged.value, { ...draft, type: 'visit', summary: 'First visit, quote sent' });
    // The same schema as when logging: a blank summary is refused and nothing is written.
    const refused = await session.interactions.update(logged.value, { ...draft, summary: '' });
    expect(refused.ok).toBe(false);
    await session.store.projection.idle();
    const history = (await firstValue(session.queries.activity.list({ customerId: id }, 50))).filter((e) => e.recordId === logged.value);
    const updates = history.filter((e) => e.kind === 'update').map((e) => [e.field, e.old, e.new]);
    expect(updates).toHaveLength(2);
    expect(updates).toEqual(
      expect.arrayContaining([
        ['type', 'call', 'visit'],
        ['summary', 'First call', 'First visit, quote sent'],
      ]),
    );
    const records = await firstValue(session.queries.customers.records(id));
    expect(records.interactions).toMatchObject([{ type: 'visit', summary: 'First visit, quote sent' }]);
  });

  it('editing an order line writes the lines and nothing else; the total follows', async () => {
    const session = await openSession();
    const id = await customer(session);
    const draft = orderDraft([['Tea', '2', '10.00'], ['Cups', '1', '5']]);
    const order = await session.orders.create(id, draft);
    if (!order.ok) throw new Error(JSON.stringify(order.errors));
    const [tea, cups] = draft.lines;
    if (!tea || !cups) throw new Error('lines');
    const edited = await session.orders.update(order.value, { ...draft, lines: [{ ...tea, quantity: '3' }, cups] });
    expect(edited).toEqual({ ok: true, value: order.value });
    await session.store.projection.idle();
    expect((await firstValue(session.queries.orders.get(order.value)))?.total).toBe(3 * 1000 + 500);
    const history = (await firstValue(session.queries.activity.list({ customerId: id }, 50))).filter((e) => e.recordId === order.value);
    const updates = history.filter((e) => e.kind === 'update');
    expect(updates.map((e) => e.field)).toEqual(['lines']);
    const quantities = (v: unknown) => (v as { quantity: number }[]).map((l) => l.quantity);
    expect([quantities(updates[0]?.old), quantities(updates[0]?.new)]).toEqual([
      [2, 1],
      [3, 1],
    ]);
  });

  it('an order cannot be lowered below what was refunded on it, unless that refund was rejected', async () => {
    const session = await openSession();
    const id = await customer(session);
    const draft = orderDraft([['Tea', '1', '100']]);
    const order = await session.orders.create(id, draft);
    if (!order.ok) throw new Error('order');
    const refund = await session.refunds.request(order.value, { ...emptyRefundDraft(today(), 7), reason: 'defect', amount: '60' });
    if (!refund.ok) throw new Error(JSON.stringify(refund.errors));
    const line = draft.lines[0];
    if (!line) throw new Error('line');

    expect(await session.orders.update(order.value, { ...draft, lines: [{ ...line, unitPrice: '50' }] })).toEqual({
      ok: false,
      errors: { lines: ErrorCode.orderBelowRefunds },
    });
    // The items still cover the refund: the discount is what brings it too low.
    expect(await session.orders.update(order.value, { ...draft, discount: '50' })).toEqual({ ok: false, errors: { discount: ErrorCode.orderBelowRefunds } });
    expect((await session.orders.update(order.value, { ...draft, lines: [{ ...line, unitPrice: '60' }] })).ok).toBe(true);
    await session.store.projection.idle();
    expect((await firstValue(session.queries.orders.get(order.value)))?.total).toBe(6000);

    expect((await session.refunds.step(refund.value, 'rejected')).ok).toBe(true);
    expect((await session.orders.update(order.value, { ...draft, lines: [{ ...line, unitPrice: '50' }] })).ok).toBe(true);
  });

  it('a deleted timeline record is gone from the customer and back, unchanged, after restore', async () => {
    const session = await openSession();
    const id = await customer(session);
    const logged = await session.interactions.log(id, { ...emptyInteractionDraft(new Date(), 'member-a'), summary: 'Met at the fair' });
    if (!logged.ok) throw new Error(JSON.stringify(logged.errors));
    await session.interactions.remove(logged.value);
    await session.store.projection.idle();
    expect((await firstValue(session.queries.customers.records(id))).interactions).toEqual([]);
    await session.interactions.restore(logged.value);
    await session.store.projection.idle();
    expect((await firstValue(session.queries.customers.records(id))).interactions).toMatchObject([{ id: logged.value, summary: 'Met at the fair', deletedAt: null }]);
    const history = (await firstValue(session.queries.activity.list({ customerId: id }, 50))).filter((e) => e.recordId === logged.value);
    expect(history.map((e) => e.kind).sort()).toEqual(['create', 'delete', 'restore']);
  });
});

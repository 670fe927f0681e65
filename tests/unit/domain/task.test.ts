import { describe, expect, it } from 'vitest';
import { emptyTaskDraft, taskDonePatch, taskDraftSchema, taskFromNextStep, taskSchema, taskToDraft, type TaskDraft } from '../../../src/domain/task';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';
import { interaction, task } from './crm-fixtures';

describe('taskSchema (records read from the document)', () => {
  it('accepts a minimal task and fills the defaults', () => {
    expect(taskSchema.parse({ ...meta(), title: 'Call back' })).toEqual({
      ...meta(),
      title: 'Call back',
      dueDate: null,
      dueTime: null,
      assigneeId: null,
      customerId: null,
      interactionId: null,
      notes: '',
      done: false,
      doneAt: null,
      doneBy: null,
    });
  });

  it('accepts a full task unchanged and keeps unknown fields', () => {
    const record = { ...task({ dueTime: '14:30', done: true, doneAt: '2026-06-15T07:00:00.000Z', doneBy: 'member-b' }), priority: 'high' };
    expect(taskSchema.parse(record)).toEqual(record);
  });

  it('reads a malformed time as "any time that day"', () => {
    expect(taskSchema.parse({ ...task(), dueTime: '25:00' }).dueTime).toBeNull();
  });

  it.each<[string, Record<string, unknown>]>([
    ['no title', { title: '' }],
    ['an impossible due date', { dueDate: '2026-02-29' }],
    ['done as text', { done: 'yes' }],
    ['a doneAt that is not a timestamp', { doneAt: 'today' }],
  ])('rejects a task with %s', (_, patch) => {
    expect(taskSchema.safeParse({ ...task(), ...patch }).success).toBe(false);
  });
});

describe('taskDraftSchema', () => {
  const draft = (overrides: Partial<TaskDraft> = {}): TaskDraft => ({ ...emptyTaskDraft('c1', 'member-a'), title: '送样品', ...overrides });

  it('normalises the draft', () => {
    expect(parseWith(taskDraftSchema, draft({ title: ' 送 样品 ', dueDate: '2026-06-20', dueTime: ' 09:30 ' }))).toEqual({
      ok: true,
      value: { title: '送 样品', dueDate: '2026-06-20', dueTime: '09:30', assigneeId: 'member-a', customerId: 'c1', notes: '' },
    });
  });

  it('a task may have no due date and no customer', () => {
    expect(parseWith(taskDraftSchema, emptyTaskDraft())).toEqual({ ok: false, errors: { title: ErrorCode.required } });
    expect(parseWith(taskDraftSchema, { ...emptyTaskDraft(), title: 'Order paper' })).toMatchObject({ ok: true, value: { dueDate: null, customerId: null, assigneeId: null } });
  });

  it.each<[string, Partial<TaskDraft>, string, string]>([
    ['no title', { title: ' ' }, 'title', ErrorCode.required],
    ['an impossible date', { dueDate: '2026-02-30' }, 'dueDate', ErrorCode.dateInvalid],
    ['a time without a date', { dueTime: '10:00' }, 'dueDate', ErrorCode.required],
    ['an impossible time', { dueDate: '2026-06-20', dueTime: '24:30' }, 'dueTime', ErrorCode.timeInvalid],
    ['a time with seconds', { dueDate: '2026-06-20', dueTime: '10:00:00' }, 'dueTime', ErrorCode.timeInvalid],
  ])('rejects %s', (_, patch, field, code) => {
    expect(parseWith(taskDraftSchema, draft(patch))).toEqual({ ok: false, errors: { [field]: code } });
  });

  it('a stored task round-trips through the form unchanged', () => {
    const t = task({ dueTime: '16:00', notes: 'bring the catalogue' });
    const fields = { title: t.title, dueDate: t.dueDate, dueTime: t.dueTime, assigneeId: t.assigneeId, customerId: t.customerId, notes: t.notes };
    expect(parseWith(taskDraftSchema, taskToDraft(fields))).toEqual({ ok: true, value: fields });
  });
});

describe('taskDonePatch', () => {
  it.each([
    [true, { done: true, doneAt: '2026-06-15T07:00:00.000Z', doneBy: 'member-b' }],
    [false, { done: false, doneAt: null, doneBy: null }],
  ])('done = %s', (done, expected) => {
    expect(taskDonePatch(done, { by: 'member-b', at: '2026-06-15T07:00:00.000Z' })).toEqual(expected);
  });
});

describe('taskFromNextStep', () => {
  it('makes a task for the member who was in touch, linked to the interaction', () => {
    expect(taskFromNextStep(interaction({ id: 'i7', memberId: 'member-b', nextStep: '寄新茶样品', nextStepDue: '2026-03-10' }))).toEqual({
      title: '寄新茶样品',
      dueDate: '2026-03-10',
      dueTime: null,
      assigneeId: 'member-b',
      customerId: interaction().customerId,
      interactionId: 'i7',
      notes: '',
      done: false,
      doneAt: null,
      doneBy: null,
    });
  });

  it.each([
    ['no next step', { nextStep: '', nextStepDue: null }],
    ['a next step without a due date', { nextStep: 'Call again', nextStepDue: null }],
  ])('makes no task for %s', (_, patch) => {
    expect(taskFromNextStep(interaction(patch))).toBeNull();
  });
});

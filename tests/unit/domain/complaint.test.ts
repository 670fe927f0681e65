import { describe, expect, it } from 'vitest';
import {
  complaintDraftSchema,
  complaintDueDate,
  complaintSchema,
  complaintState,
  complaintToDraft,
  emptyComplaintDraft,
  isComplaintOpen,
  type ComplaintDraft,
  type ComplaintSeverity,
} from '../../../src/domain/complaint';
import { DEFAULT_SLA_DAYS } from '../../../src/domain/crm-settings';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';
import { complaint, step } from './crm-fixtures';

describe('complaintSchema (records read from the document)', () => {
  it('accepts a minimal complaint and fills the defaults', () => {
    expect(complaintSchema.parse({ ...meta(), customerId: 'c1', title: 'Late', dueDate: '2026-03-06' })).toEqual({
      ...meta(),
      customerId: 'c1',
      orderId: null,
      severity: 'medium',
      category: 'other',
      title: 'Late',
      description: '',
      assigneeId: null,
      dueDate: '2026-03-06',
    });
  });

  it('keeps status steps and unknown fields', () => {
    const record = { ...complaint({}, [step('s1', 'in_progress', null)]), escalatedTo: 'boss' };
    expect(complaintSchema.parse(record)).toEqual(record);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no title', { title: ' ' }],
    ['no due date', { dueDate: undefined }],
    ['an impossible due date', { dueDate: '2026-02-30' }],
    ['no customer', { customerId: '' }],
  ])('rejects a complaint with %s', (_, patch) => {
    expect(complaintSchema.safeParse({ ...complaint(), ...patch }).success).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string, unknown]>([
    ['an unknown severity', { severity: 'apocalyptic' }, 'severity', 'medium'],
    ['an unknown category', { category: 'weather' }, 'category', 'other'],
  ])('reads %s as a safe value', (_, patch, field, expected) => {
    expect(complaintSchema.parse({ ...complaint(), ...patch })[field]).toBe(expected);
  });
});

describe('complaint SLA', () => {
  it.each<[ComplaintSeverity, string]>([
    ['critical', '2026-06-16'],
    ['high', '2026-06-17'],
    ['medium', '2026-06-20'],
    ['low', '2026-06-25'],
  ])('a %s complaint opened on 15 June is due on %s by default', (severity, due) => {
    expect(complaintDueDate('2026-06-15', severity, DEFAULT_SLA_DAYS)).toBe(due);
  });

  it('follows the workspace setting, across the end of the year', () => {
    expect(complaintDueDate('2026-12-30', 'critical', { ...DEFAULT_SLA_DAYS, critical: 3 })).toBe('2027-01-02');
  });
});

describe('complaintState', () => {
  it('is open with no steps', () => {
    expect(complaintState(complaint())).toMatchObject({ status: 'open', resolution: '', reopened: 0, headId: null });
  });

  it('keeps the whole history when reopened, and shows the latest resolution', () => {
    const c = complaint({}, [
      step('s1', 'in_progress', null),
      step('s2', 'resolved', 's1', undefined, 'member-b', 'Replaced the tea'),
      step('s3', 'open', 's2', undefined, 'member-a', 'Still damp'),
      step('s4', 'resolved', 's3', undefined, 'member-b', 'Refunded'),
      step('s5', 'closed', 's4'),
    ]);
    const state = complaintState(c);
    expect(state.status).toBe('closed');
    expect(state.resolution).toBe('Refunded');
    expect(state.reopened).toBe(1);
    expect(state.history.map((s) => [s.status, s.applied])).toEqual([
      ['in_progress', true],
      ['resolved', true],
      ['open', true],
      ['resolved', true],
      ['closed', true],
    ]);
  });

  it('has no resolution while reopened', () => {
    const state = complaintState(complaint({}, [step('s1', 'resolved', null, undefined, 'member-b', 'Done'), step('s2', 'open', 's1')]));
    expect(state).toMatchObject({ status: 'open', resolution: '', reopened: 1 });
  });

  it('a note given when closing directly is the resolution', () => {
    expect(complaintState(complaint({}, [step('s1', 'closed', null, undefined, 'member-b', 'Duplicate of another complaint')])).resolution).toBe('Duplicate of another complaint');
  });

  it.each([
    ['open', true],
    ['in_progress', true],
    ['resolved', false],
    ['closed', false],
  ] as const)('isComplaintOpen(%s) = %s', (status, expected) => {
    expect(isComplaintOpen(status)).toBe(expected);
  });
});

describe('complaintDraftSchema', () => {
  const ctx = { today: '2026-06-15', sla: DEFAULT_SLA_DAYS };
  const draft = (overrides: Partial<ComplaintDraft> = {}): ComplaintDraft => ({ ...emptyComplaintDraft(), title: '茶叶受潮', ...overrides });
  const parse = (d: ComplaintDraft) => parseWith(complaintDraftSchema(ctx), d);

  it('sets the due date from the severity when none is given', () => {
    expect(parse(draft({ severity: 'critical', assigneeId: 'member-b', description: ' 整箱受潮 \n' }))).toEqual({
      ok: true,
      value: { orderId: null, severity: 'critical', category: 'product', title: '茶叶受潮', description: '整箱受潮', assigneeId: 'member-b', dueDate: '2026-06-16' },
    });
  });

  it('keeps a due date typed by hand', () => {
    const result = parse(draft({ dueDate: '2026-07-01', orderId: 'o1' }));
    expect(result.ok && [result.value.dueDate, result.value.orderId]).toEqual(['2026-07-01', 'o1']);
  });

  it.each<[string, Partial<ComplaintDraft>, string, string]>([
    ['no title', { title: '' }, 'title', ErrorCode.required],
    ['a title over 200 characters', { title: 't'.repeat(201) }, 'title', ErrorCode.tooLong],
    ['an impossible due date', { dueDate: '2026-06-31' }, 'dueDate', ErrorCode.dateInvalid],
    ['an unknown severity', { severity: 'huge' as never }, 'severity', ErrorCode.choiceInvalid],
    ['an unknown category', { category: 'weather' as never }, 'category', ErrorCode.choiceInvalid],
  ])('rejects %s', (_, patch, field, code) => {
    expect(parse(draft(patch))).toEqual({ ok: false, errors: { [field]: code } });
  });

  it('a stored complaint round-trips through the form unchanged', () => {
    const { customerId: _c, id: _i, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, deletedAt: _d, ...fields } = complaint({ orderId: 'o1' });
    expect(parse(complaintToDraft(fields))).toEqual({ ok: true, value: fields });
  });
});

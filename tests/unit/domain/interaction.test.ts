import { describe, expect, it } from 'vitest';
import {
  emptyInteractionDraft,
  interactionDraftSchema,
  interactionSchema,
  interactionToDraft,
  type InteractionDraft,
  type InteractionDraftContext,
} from '../../../src/domain/interaction';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';
import { interaction } from './crm-fixtures';

describe('interactionSchema (records read from the document)', () => {
  it('accepts a minimal record and fills the defaults', () => {
    expect(interactionSchema.parse({ ...meta(), customerId: 'c1', occurredAt: '2026-03-01T06:30:00.000Z', memberId: 'member-a', summary: 'Called' })).toEqual({
      ...meta(),
      customerId: 'c1',
      type: 'note',
      occurredAt: '2026-03-01T06:30:00.000Z',
      memberId: 'member-a',
      contactId: null,
      summary: 'Called',
      outcome: '',
      nextStep: '',
      nextStepDue: null,
    });
  });

  it('accepts a full record unchanged and keeps unknown fields', () => {
    const record = { ...interaction({ contactId: 'd1', outcome: '下周下单', nextStep: '寄样品', nextStepDue: '2026-03-08' }), durationMinutes: 12 };
    expect(interactionSchema.parse(record)).toEqual(record);
  });

  it('reads an unknown type as a note', () => {
    expect(interactionSchema.parse({ ...interaction(), type: 'telegram' }).type).toBe('note');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no summary', { summary: '' }],
    ['a date without time', { occurredAt: '2026-03-01' }],
    ['no member', { memberId: undefined }],
    ['an impossible next step date', { nextStepDue: '2026-02-30' }],
    ['a next step over 200 characters', { nextStep: 'n'.repeat(201) }],
  ])('rejects a record with %s', (_, patch) => {
    expect(interactionSchema.safeParse({ ...interaction(), ...patch }).success).toBe(false);
  });
});

describe('interactionDraftSchema', () => {
  const now = new Date(2026, 5, 15, 16, 45);
  const ctx: InteractionDraftContext = { now, contactIds: ['d1', 'd2'] };
  const draft = (overrides: Partial<InteractionDraft> = {}): InteractionDraft => ({ ...emptyInteractionDraft(now, 'member-a'), summary: '询问新茶到货时间', ...overrides });
  const parse = (d: InteractionDraft) => parseWith(interactionDraftSchema(ctx), d);

  it('starts at the current local date and time', () => {
    expect(emptyInteractionDraft(now, 'member-a')).toMatchObject({ date: '2026-06-15', time: '16:45', memberId: 'member-a', type: 'call' });
  });

  it('turns the local date and time into an instant', () => {
    expect(parse(draft({ date: '2026-06-14', time: '09:05', contactId: 'd2', nextStep: ' 寄样品 ', nextStepDue: '2026-06-20' }))).toEqual({
      ok: true,
      value: {
        type: 'call',
        occurredAt: new Date(2026, 5, 14, 9, 5).toISOString(),
        memberId: 'member-a',
        contactId: 'd2',
        summary: '询问新茶到货时间',
        outcome: '',
        nextStep: '寄样品',
        nextStepDue: '2026-06-20',
      },
    });
  });

  it('a blank time is the start of the day', () => {
    const result = parse(draft({ date: '2026-06-14', time: '' }));
    expect(result.ok && result.value.occurredAt).toBe(new Date(2026, 5, 14).toISOString());
  });

  it.each<[string, Partial<InteractionDraft>, string, string]>([
    ['no summary', { summary: '  ' }, 'summary', ErrorCode.required],
    ['an impossible date', { date: '2026-06-31' }, 'date', ErrorCode.dateInvalid],
    ['an impossible time', { time: '25:00' }, 'time', ErrorCode.timeInvalid],
    ['a time later today', { time: '16:46' }, 'date', ErrorCode.dateInFuture],
    ['tomorrow', { date: '2026-06-16', time: '08:00' }, 'date', ErrorCode.dateInFuture],
    ['a contact of another customer', { contactId: 'd9' }, 'contactId', ErrorCode.choiceInvalid],
    ['no member', { memberId: '' }, 'memberId', ErrorCode.required],
    ['a due date without a next step', { nextStepDue: '2026-06-20' }, 'nextStep', ErrorCode.required],
    ['an impossible next step date', { nextStep: 'Call', nextStepDue: '2026-02-30' }, 'nextStepDue', ErrorCode.dateInvalid],
    ['an unknown type', { type: 'fax' as never }, 'type', ErrorCode.choiceInvalid],
  ])('rejects %s', (_, patch, field, code) => {
    expect(parse(draft(patch))).toEqual({ ok: false, errors: { [field]: code } });
  });

  it('a record of right now is accepted', () => {
    expect(parse(draft()).ok).toBe(true);
  });

  it('a stored interaction round-trips through the form unchanged', () => {
    const i = interaction({ occurredAt: new Date(2026, 2, 1, 14, 30).toISOString(), contactId: 'd1', nextStep: 'Visit', nextStepDue: '2026-03-05' });
    const { customerId: _c, id: _i, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, deletedAt: _d, ...fields } = i;
    expect(parse(interactionToDraft(fields))).toEqual({ ok: true, value: fields });
  });
});

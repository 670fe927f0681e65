import { describe, expect, it } from 'vitest';
import { emptyFeedbackDraft, feedbackDraftSchema, feedbackSchema, feedbackToDraft, type FeedbackDraft } from '../../../src/domain/feedback';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';
import { feedback } from './crm-fixtures';

describe('feedbackSchema (records read from the document)', () => {
  it('accepts a minimal record and fills the defaults', () => {
    expect(feedbackSchema.parse({ ...meta(), customerId: 'c1', receivedOn: '2026-03-02' })).toEqual({
      ...meta(),
      customerId: 'c1',
      orderId: null,
      receivedOn: '2026-03-02',
      satisfaction: null,
      nps: null,
      comment: '',
      channel: 'other',
    });
  });

  it('accepts a full record unchanged and keeps unknown fields', () => {
    const record = { ...feedback(), surveyId: 's-9' };
    expect(feedbackSchema.parse(record)).toEqual(record);
  });

  it.each<[string, Record<string, unknown>]>([
    ['satisfaction 0', { satisfaction: 0 }],
    ['satisfaction 6', { satisfaction: 6 }],
    ['satisfaction 3.5', { satisfaction: 3.5 }],
    ['NPS -1', { nps: -1 }],
    ['NPS 11', { nps: 11 }],
    ['NPS as text', { nps: '9' }],
    ['no date', { receivedOn: undefined }],
  ])('rejects a record with %s', (_, patch) => {
    expect(feedbackSchema.safeParse({ ...feedback(), ...patch }).success).toBe(false);
  });

  it.each([
    [1, 0],
    [5, 10],
  ])('accepts the ends of the scales: satisfaction %i, NPS %i', (satisfaction, nps) => {
    expect(feedbackSchema.safeParse({ ...feedback(), satisfaction, nps }).success).toBe(true);
  });
});

describe('feedbackDraftSchema', () => {
  const parse = (d: FeedbackDraft) => parseWith(feedbackDraftSchema({ today: '2026-06-15' }), d);
  const draft = (overrides: Partial<FeedbackDraft> = {}): FeedbackDraft => ({ ...emptyFeedbackDraft('2026-06-15'), satisfaction: '4', ...overrides });

  it('turns picked scores into numbers and blanks into null', () => {
    expect(parse(draft({ nps: '10', comment: ' 很好 ' }))).toEqual({
      ok: true,
      value: { orderId: null, receivedOn: '2026-06-15', satisfaction: 4, nps: 10, comment: '很好', channel: 'in_person' },
    });
    expect(parse(draft({ satisfaction: '', nps: '0' }))).toMatchObject({ ok: true, value: { satisfaction: null, nps: 0 } });
  });

  it('a comment alone is feedback too', () => {
    expect(parse(draft({ satisfaction: '', comment: '包装可以改进' }))).toMatchObject({ ok: true, value: { satisfaction: null, nps: null } });
  });

  it.each<[string, Partial<FeedbackDraft>, string, string]>([
    ['satisfaction 0', { satisfaction: '0' }, 'satisfaction', ErrorCode.scoreInvalid],
    ['satisfaction 6', { satisfaction: '6' }, 'satisfaction', ErrorCode.scoreInvalid],
    ['satisfaction 4.5', { satisfaction: '4.5' }, 'satisfaction', ErrorCode.scoreInvalid],
    ['NPS 11', { nps: '11' }, 'nps', ErrorCode.scoreInvalid],
    ['NPS as a word', { nps: 'high' }, 'nps', ErrorCode.scoreInvalid],
    ['a date in the future', { receivedOn: '2026-06-16' }, 'receivedOn', ErrorCode.dateInFuture],
    ['an unknown channel', { channel: 'fax' as never }, 'channel', ErrorCode.choiceInvalid],
  ])('rejects %s', (_, patch, field, code) => {
    expect(parse(draft(patch))).toEqual({ ok: false, errors: { [field]: code } });
  });

  it('refuses feedback with neither score nor comment', () => {
    expect(parse(emptyFeedbackDraft('2026-06-15'))).toEqual({ ok: false, errors: { '': ErrorCode.feedbackEmpty } });
  });

  it('a stored record round-trips through the form unchanged', () => {
    const { customerId: _c, id: _i, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, deletedAt: _d, ...fields } = feedback({ nps: 0, orderId: 'o1' });
    expect(parse(feedbackToDraft(fields))).toEqual({ ok: true, value: fields });
  });
});

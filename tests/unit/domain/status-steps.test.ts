import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agreedStatus, collectSteps, proposeStep, stepKey, type StatusStep } from '../../../src/domain/status-steps';
import { refundMachine, type RefundStatus } from '../../../src/domain/refund';
import { complaintMachine, type ComplaintStatus } from '../../../src/domain/complaint';
import { ErrorCode } from '../../../src/domain/error-codes';
import { step } from './crm-fixtures';

const at = (hhmm: string) => `2026-03-01T${hhmm}:00.000Z`;

const refundCases: [string, StatusStep<RefundStatus>[], RefundStatus, string[]][] = [
  ['no steps: requested', [], 'requested', []],
  ['approved', [step('a1', 'approved', null, at('10:00'))], 'approved', ['a1']],
  ['approved then completed', [step('a1', 'approved', null, at('10:00')), step('a2', 'completed', 'a1', at('10:05'))], 'completed', ['a1', 'a2']],
  [
    'approval and rejection at the same time: the earlier one counts',
    [step('a1', 'approved', null, at('10:00'), 'member-a'), step('b1', 'rejected', null, at('10:01'), 'member-b')],
    'approved',
    ['a1'],
  ],
  [
    'rejection and approval at the same time, rejection first',
    [step('a1', 'approved', null, at('10:02'), 'member-a'), step('b1', 'rejected', null, at('10:01'), 'member-b')],
    'rejected',
    ['b1'],
  ],
  [
    'same instant: the smaller step id wins',
    [step('b1', 'rejected', null, at('10:00'), 'member-b'), step('a1', 'approved', null, at('10:00'), 'member-a')],
    'approved',
    ['a1'],
  ],
  [
    'both approve at the same time, one completes after their own approval',
    [step('a1', 'approved', null, at('10:00')), step('b1', 'approved', null, at('10:01'), 'member-b'), step('b2', 'completed', 'b1', at('10:30'), 'member-b')],
    'completed',
    ['a1', 'b1', 'b2'],
  ],
  [
    'a step the machine does not allow is kept but does not count',
    [step('a1', 'completed', null, at('10:00'))],
    'requested',
    [],
  ],
  [
    'a device with a slow clock completes after seeing the approval',
    [step('a1', 'approved', null, at('10:00')), step('b1', 'completed', 'a1', at('09:00'), 'member-b')],
    'completed',
    ['a1', 'b1'],
  ],
  [
    'a step after a lost one does not count',
    [step('a1', 'approved', null, at('10:00')), step('b1', 'approved', null, at('09:59'), 'member-b'), step('c1', 'rejected', null, at('09:58'), 'member-c'), step('a2', 'completed', 'a1', at('10:10'))],
    'rejected',
    ['c1'],
  ],
  ['a step after an unknown step does not count', [step('a2', 'approved', 'missing', at('10:00'))], 'requested', []],
  [
    'an approval withdrawn before the money went back',
    [step('a1', 'approved', null, at('10:00')), step('a2', 'rejected', 'a1', at('11:00'))],
    'rejected',
    ['a1', 'a2'],
  ],
];

describe('agreedStatus of a refund', () => {
  it.each(refundCases)('%s', (_, steps, status, applied) => {
    const agreed = agreedStatus(refundMachine, steps);
    expect(agreed.status).toBe(status);
    expect(agreed.history.filter((s) => s.applied).map((s) => s.id).sort()).toEqual([...applied].sort());
    expect(agreed.history).toHaveLength(steps.length);
  });

  it.each(refundCases)('gives the same answer in every arrival order: %s', (_, steps) => {
    const expected = agreedStatus(refundMachine, steps);
    fc.assert(
      fc.property(fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length }), (shuffled) => {
        expect(agreedStatus(refundMachine, shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps both concurrent steps in the history, oldest first, with who and when', () => {
    const agreed = agreedStatus(refundMachine, [step('b1', 'rejected', null, at('10:01'), 'member-b'), step('a1', 'approved', null, at('10:00'), 'member-a')]);
    expect(agreed.history.map(({ id, status, by, at: when, applied }) => ({ id, status, by, at: when, applied }))).toEqual([
      { id: 'a1', status: 'approved', by: 'member-a', at: at('10:00'), applied: true },
      { id: 'b1', status: 'rejected', by: 'member-b', at: at('10:01'), applied: false },
    ]);
    expect(agreed.headId).toBe('a1');
    expect(agreed.path.map((s) => s.id)).toEqual(['a1']);
  });
});

describe('agreedStatus of a complaint (reopening keeps the history)', () => {
  const cases: [string, StatusStep<ComplaintStatus>[], ComplaintStatus][] = [
    ['nothing yet: open', [], 'open'],
    [
      'resolved, reopened, resolved again',
      [step('s1', 'in_progress', null, at('09:00')), step('s2', 'resolved', 's1', at('10:00')), step('s3', 'open', 's2', at('11:00')), step('s4', 'resolved', 's3', at('12:00'))],
      'resolved',
    ],
    [
      'a close made before a concurrent reopen does not come back when it is resolved again',
      [
        step('s1', 'resolved', null, at('09:00')),
        step('a1', 'open', 's1', at('10:00'), 'member-a'),
        step('b1', 'closed', 's1', at('10:05'), 'member-b'),
        step('a2', 'in_progress', 'a1', at('10:10'), 'member-a'),
        step('a3', 'resolved', 'a2', at('10:20'), 'member-a'),
      ],
      'resolved',
    ],
    ['closed, then reopened', [step('s1', 'closed', null, at('09:00')), step('s2', 'open', 's1', at('10:00'))], 'open'],
    ['in progress cannot go back to open', [step('s1', 'in_progress', null, at('09:00')), step('s2', 'open', 's1', at('10:00'))], 'in_progress'],
  ];

  it.each(cases)('%s', (_, steps, status) => {
    expect(agreedStatus(complaintMachine, steps).status).toBe(status);
  });

  it.each(cases)('gives the same answer in every arrival order: %s', (_, steps) => {
    const expected = agreedStatus(complaintMachine, steps);
    fc.assert(
      fc.property(fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length }), (shuffled) => {
        expect(agreedStatus(complaintMachine, shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});

describe('collectSteps', () => {
  it('reads the step:<id> keys of a record and ignores malformed ones', () => {
    const record = {
      id: 'r1',
      amount: 100,
      [stepKey('a1')]: { status: 'approved', by: 'member-a', at: at('10:00'), after: null },
      [stepKey('bad-status')]: { status: 'refunded', by: 'member-a', at: at('10:01'), after: null },
      [stepKey('no-time')]: { status: 'approved', by: 'member-a', after: null },
      [stepKey('not-an-object')]: 'approved',
      [stepKey('a2')]: { status: 'completed', by: 'member-b', at: at('10:02'), after: 'a1', note: 'paid back in cash', extra: 1 },
    };
    expect(collectSteps(record, refundMachine)).toEqual([
      { id: 'a1', status: 'approved', by: 'member-a', at: at('10:00'), after: null, note: '' },
      { id: 'a2', status: 'completed', by: 'member-b', at: at('10:02'), after: 'a1', note: 'paid back in cash' },
    ]);
  });
});

describe('proposeStep', () => {
  it('names the current head as the step it follows', () => {
    const agreed = agreedStatus(refundMachine, [step('a1', 'approved', null, at('10:00'))]);
    expect(proposeStep(refundMachine, agreed, 'completed', { id: 'a2', by: 'member-b', at: at('11:00'), note: 'done' })).toEqual({
      ok: true,
      step: { id: 'a2', status: 'completed', by: 'member-b', at: at('11:00'), after: 'a1', note: 'done' },
    });
  });

  it.each<[RefundStatus, RefundStatus]>([
    ['requested', 'completed'],
    ['requested', 'requested'],
    ['completed', 'rejected'],
    ['rejected', 'approved'],
  ])('refuses %s -> %s', (from, to) => {
    expect(proposeStep(refundMachine, { status: from, headId: null }, to, { id: 'x', by: 'member-a', at: at('10:00') })).toEqual({
      ok: false,
      error: ErrorCode.statusTransitionInvalid,
    });
  });
});

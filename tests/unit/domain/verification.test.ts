import { describe, expect, it } from 'vitest';
import { markVerifiedPatch, needsVerification, readVerification, verificationDueOn } from '../../../src/domain/verification';
import { customerSchema } from '../../../src/domain/customer';
import { customerRecord } from '../support/fixtures';
import { localNoon } from './crm-fixtures';

describe('verification of customer details', () => {
  it('"Mark verified" stamps who and when', () => {
    expect(markVerifiedPatch({ by: 'member-b', at: '2026-06-15T08:00:00.000Z' })).toEqual({ verifiedAt: '2026-06-15T08:00:00.000Z', verifiedBy: 'member-b' });
  });

  it('the stamp survives the customer schema (unknown fields are kept)', () => {
    const parsed = customerSchema.parse(customerRecord({ ...markVerifiedPatch({ by: 'member-b', at: '2026-06-15T08:00:00.000Z' }) }));
    expect(readVerification(parsed)).toEqual({ verifiedAt: '2026-06-15T08:00:00.000Z', verifiedBy: 'member-b' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['never verified', {}],
    ['a malformed stamp', { verifiedAt: 'last week', verifiedBy: 42 }],
  ])('reads %s as not verified', (_, patch) => {
    expect(readVerification({ createdAt: localNoon('2026-01-01'), ...patch })).toEqual({ verifiedAt: null, verifiedBy: null });
  });

  it.each<[string, Record<string, unknown>, number, string, boolean]>([
    ['never verified: from the day it was added', { createdAt: localNoon('2025-12-15') }, 6, '2026-06-15', true],
    ['never verified, one day short', { createdAt: localNoon('2025-12-16') }, 6, '2026-06-16', false],
    ['verified: from the last check', { createdAt: localNoon('2020-01-01'), verifiedAt: localNoon('2026-02-10') }, 6, '2026-08-10', false],
    ['verified long ago', { createdAt: localNoon('2020-01-01'), verifiedAt: localNoon('2024-02-10') }, 6, '2024-08-10', true],
    ['a longer period', { createdAt: localNoon('2025-12-15') }, 12, '2026-12-15', false],
  ])('%s', (_, customer, months, dueOn, needed) => {
    const c = customer as { createdAt: string };
    expect(verificationDueOn(c, months)).toBe(dueOn);
    expect(needsVerification(c, '2026-06-15', months)).toBe(needed);
  });
});

import { describe, expect, it } from 'vitest';
import { ProblemLimit } from '../../../src/sync/problem-limit';

describe('ProblemLimit', () => {
  it('reports each kind once per window, and again once the window has passed', () => {
    let now = 1_000;
    const reported: string[] = [];
    const limit = new ProblemLimit((reason) => reported.push(reason), 60_000, () => now);
    expect(limit.add('unknown-message')).toBe(true);
    expect(limit.add('unknown-message')).toBe(false);
    expect(limit.add('undecryptable-signal')).toBe(true);
    now += 59_999;
    expect(limit.add('unknown-message')).toBe(false);
    now += 1;
    expect(limit.add('unknown-message')).toBe(true);
    expect(reported).toEqual(['unknown-message', 'undecryptable-signal', 'unknown-message']);
  });
});

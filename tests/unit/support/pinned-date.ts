import { afterEach, beforeEach, vi } from 'vitest';

/**
 * A leap day, a second before local midnight: the moment most likely to split "today" between a
 * test and the code it calls. Fixed, so the suite gives the same answer on whatever day it runs.
 */
export const AWKWARD_MOMENT = new Date(2028, 1, 29, 23, 59, 59);

/**
 * Freezes Date at `at` for every test of the file. Only Date: timers, IndexedDB and the event loop
 * run as usual, so nothing else in the test has to change.
 */
export function pinDate(at: Date = AWKWARD_MOMENT): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

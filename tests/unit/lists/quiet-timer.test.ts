import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from '../../../src/lists/quiet-timer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('whenQuiet', () => {
  it('runs once calls stop for the quiet time', () => {
    const run = vi.fn();
    const timer = whenQuiet(run, 250, 5000);
    for (let i = 0; i < 10; i++) {
      timer.later();
      vi.advanceTimersByTime(100);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs by the deadline when calls never stop, and each time after it until done()', () => {
    const run = vi.fn();
    const timer = whenQuiet(run, 250, 1000);
    const every100ms = (times: number) => {
      for (let i = 0; i < times; i++) {
        timer.later();
        vi.advanceTimersByTime(100);
      }
    };
    every100ms(10);
    expect(run).not.toHaveBeenCalled();
    every100ms(3);
    expect(run).toHaveBeenCalledTimes(3);
    timer.done();
    every100ms(9);
    expect(run).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('soon() runs at once, replacing the wait; cancel() drops it', () => {
    const run = vi.fn();
    const timer = whenQuiet(run, 250, 1000);
    timer.later();
    timer.soon();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
    timer.later();
    timer.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerOnItsWay, LargeAnswerWatch } from '../../../src/sync/large-answer';

describe('LargeAnswerWatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function watch() {
    const log: string[] = [];
    const w: LargeAnswerWatch = new LargeAnswerWatch(
      () => {
        log.push('hold');
        return () => log.push('release');
      },
      () => log.push(`status ${w.receivingBytes}`),
      5_000,
      1_000,
    );
    return { w, log };
  }

  it('holds once an awaited answer passes the size, and releases when it ends', () => {
    const { w, log } = watch();
    w.piece(600, true);
    expect(log).toEqual([]);
    w.piece(600, true);
    w.piece(600, true);
    expect(log).toEqual(['hold', 'status 1200']);
    w.piece(600, true);
    expect(w.receivingBytes).toBe(2400);
    w.end();
    w.end();
    expect(log).toEqual(['hold', 'status 1200', 'release', 'status null']);
    expect(w.receivingBytes).toBeNull();
  });

  it('never holds for live edits, however many', () => {
    const { w, log } = watch();
    for (let i = 0; i < 10; i++) w.piece(600, false);
    expect(log).toEqual([]);
  });

  it('counts each answer from zero', () => {
    const { w, log } = watch();
    w.piece(600, true);
    w.end();
    w.piece(600, true);
    expect(log).toEqual([]);
  });

  it('releases when the answer falls silent, and after a live edit outside an answer', () => {
    const { w, log } = watch();
    w.piece(2_000, true);
    vi.advanceTimersByTime(4_999);
    w.piece(10, true);
    vi.advanceTimersByTime(4_999);
    expect(log).toEqual(['hold', 'status 2000']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['hold', 'status 2000', 'release', 'status null']);
    log.length = 0;
    w.piece(2_000, true);
    w.piece(10, false);
    expect(log).toEqual(['hold', 'status 2000', 'release', 'status null']);
  });
});

describe('answerOnItsWay', () => {
  it('holds back a new request while the answer to the last one is still arriving, not after silence', () => {
    expect(answerOnItsWay(undefined, 10_000)).toBe(false);
    expect(answerOnItsWay({ lastHeardAt: 9_000, askedAt: null }, 10_000)).toBe(false);
    expect(answerOnItsWay({ lastHeardAt: 9_000, askedAt: 1_000 }, 10_000)).toBe(true);
    expect(answerOnItsWay({ lastHeardAt: 4_000, askedAt: 1_000 }, 10_000)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from '../../../src/ui/customer-list/row-window';

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan', () => {
    expect(rowWindow(0, 480, 48, 100_000, 8)).toEqual({ from: 0, to: 18 });
    expect(rowWindow(4800, 480, 48, 100_000, 8)).toEqual({ from: 92, to: 118 });
  });

  it('counts a partly visible row as in view', () => {
    expect(rowWindow(24, 480, 48, 1000, 0)).toEqual({ from: 0, to: 11 });
  });

  it('stops at the end of a short or scrolled-past list', () => {
    expect(rowWindow(0, 480, 48, 3, 8)).toEqual({ from: 0, to: 3 });
    // The list shrank under a scrolled view (a narrower search): still its last rows, never none.
    expect(rowWindow(48_000, 480, 48, 20, 8)).toEqual({ from: 19, to: 20 });
  });

  it('is empty for an empty list and ignores nonsense sizes', () => {
    expect(rowWindow(0, 480, 48, 0, 8)).toEqual({ from: 0, to: 0 });
    expect(rowWindow(-100, -5, 48, 10, 0)).toEqual({ from: 0, to: 1 });
    expect(rowWindow(0, 480, 0, 10, 8)).toEqual({ from: 0, to: 0 });
  });
});

describe('scrollToShow', () => {
  it('leaves the scroll alone when the row is in view', () => {
    expect(scrollToShow(3, 0, 480, 48)).toBe(0);
  });

  it('brings a row above the view to the top, and one below to the bottom', () => {
    expect(scrollToShow(2, 480, 480, 48)).toBe(96);
    expect(scrollToShow(20, 0, 480, 48)).toBe(21 * 48 - 480);
  });
});

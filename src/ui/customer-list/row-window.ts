/**
 * Which rows of a fixed-height list to render: those in view plus `overscan` either side.
 * Computed from the scroll position alone, so a result of 100k rows costs no more than one of
 * ten (a per-row measurement cache, as general virtualisers keep, is rebuilt for every
 * keystroke's new count).
 */
export interface RowWindow {
  /** First row to render. */
  from: number;
  /** One past the last row to render. */
  to: number;
}

export function rowWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan: number): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { from: 0, to: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewport)) / rowHeight);
  const from = Math.min(count - 1, Math.max(0, first - overscan));
  return { from, to: Math.max(from + 1, Math.min(count, last + overscan)) };
}

/**
 * The scroll position that shows row `index` with as little movement as possible: unchanged
 * when it is already fully in view, otherwise the row at the nearer edge.
 */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return scrollTop;
}

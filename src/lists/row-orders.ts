/**
 * Sorted orders of row numbers, as CustomerList keeps one per column: `rows` holds the rows by
 * number, and every order ends on a unique key, so each row has exactly one place.
 */
export type Compare<R> = (a: R, b: R) => number;

/** Where `row` goes in `order`, searching from `lo`. */
export function insertionPoint<R>(order: number[], row: R, compare: Compare<R>, rows: readonly (R | undefined)[], lo = 0): number {
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(rows[order[mid]!]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Takes row `n` (as it was when sorted in, `row`) out of `order`. */
export function removeFrom<R>(order: number[], n: number, row: R, compare: Compare<R>, rows: readonly (R | undefined)[]): void {
  let at = insertionPoint(order, row, compare, rows);
  // Defensive: a row found out of place is removed by number rather than removing a neighbour.
  if (order[at] !== n) at = order.indexOf(n);
  if (at >= 0) order.splice(at, 1);
}

/**
 * A new order: `order` without the numbers marked 1 in `leaving` (null: none leave), with
 * `added` merged in at their places. Each added row finds its place by binary search, and what
 * lies between is copied once, instead of shifting the order's tail for each row.
 */
export function mergedOrder<R>(order: number[], added: number[], leaving: Uint8Array | null, compare: Compare<R>, rows: readonly (R | undefined)[]): number[] {
  const kept = leaving ? order.filter((n) => leaving[n] === 0) : order;
  const sorted = [...added].sort((a, b) => compare(rows[a]!, rows[b]!));
  const merged: number[] = [];
  let from = 0;
  for (const n of sorted) {
    const at = insertionPoint(kept, rows[n]!, compare, rows, from);
    for (let i = from; i < at; i++) merged.push(kept[i]!);
    merged.push(n);
    from = at;
  }
  for (let i = from; i < kept.length; i++) merged.push(kept[i]!);
  return merged;
}

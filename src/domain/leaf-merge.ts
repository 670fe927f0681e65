/**
 * Three-way merge of a form's save, leaf by leaf. A form opens on `base` (the record as it was
 * then); meanwhile the record may have become `theirs` (another tab, a teammate); the person
 * saves `mine`. Nested values (an address, the phones, an order's lines) merge per leaf field, so
 * that changing the street never puts back the city as it was when the form opened.
 *
 * Per node: unchanged by me -> theirs; unchanged by them (or changed alike) -> mine; both
 * changed: plain objects merge key by key, arrays of equal length index by index; anything
 * else is a leaf both changed, and mine is kept (the person saves what they see) with a note
 * saying what it replaced. Every leaf they changed is noted too, so the form can say what
 * changed while it was open.
 */

export interface LeafNote {
  /** Keys from the merged value down to the leaf (array indexes as strings); [] for the value itself. */
  path: string[];
  /** Which side's value the merge kept for this leaf. */
  kept: 'theirs' | 'mine';
  keptValue: unknown;
  /** The value the merge did not keep: the base value when only they changed it. */
  otherValue: unknown;
}

export interface LeafMerge {
  value: unknown;
  /** True when mine differs from base somewhere: the value must be written. */
  changedByMe: boolean;
  notes: LeafNote[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameJson(a[key] ?? null, b[key] ?? null)) return false;
    return true;
  }
  // A missing field reads as null everywhere in the record layout.
  return (a ?? null) === (b ?? null);
}

/** The leaves where `to` differs from `from`, noted as their change kept over `from`. */
function theirChanges(from: unknown, to: unknown, path: string[], notes: LeafNote[]): void {
  if (sameJson(from, to)) return;
  if (isObject(from) && isObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) theirChanges(from[key] ?? null, to[key] ?? null, [...path, key], notes);
  } else if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    to.forEach((v, i) => theirChanges(from[i], v, [...path, String(i)], notes));
  } else {
    notes.push({ path, kept: 'theirs', keptValue: to, otherValue: from });
  }
}

function merge(base: unknown, theirs: unknown, mine: unknown, path: string[], notes: LeafNote[]): unknown {
  if (sameJson(mine, base)) {
    theirChanges(base, theirs, path, notes);
    return theirs;
  }
  if (sameJson(theirs, base) || sameJson(theirs, mine)) return mine;
  if (isObject(base) && isObject(theirs) && isObject(mine)) {
    const out: Json = {};
    for (const key of new Set([...Object.keys(base), ...Object.keys(theirs), ...Object.keys(mine)])) {
      out[key] = merge(base[key] ?? null, theirs[key] ?? null, mine[key] ?? null, [...path, key], notes);
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(theirs) && Array.isArray(mine) && base.length === theirs.length && base.length === mine.length) {
    return mine.map((v, i) => merge(base[i], theirs[i], v, [...path, String(i)], notes));
  }
  notes.push({ path, kept: 'mine', keptValue: mine, otherValue: theirs });
  return mine;
}

export function mergeLeaves(base: unknown, theirs: unknown, mine: unknown): LeafMerge {
  const notes: LeafNote[] = [];
  const value = merge(base, theirs, mine, [], notes);
  return { value, changedByMe: !sameJson(base, mine), notes };
}

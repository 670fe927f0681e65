/**
 * Bounds on a value that arrived from a peer, a file or storage, checked before anything copies,
 * spreads, stringifies, validates or posts it: those all walk the value recursively, and a field
 * nested 3,000 levels deep crashed the projection worker (issue 19). The check itself walks with
 * an explicit stack, never by recursion, and stops at the first bound it passes.
 *
 * The limits are generous for real records: the deepest record the app writes is about 5 levels
 * (an order's lines, a refund's status steps), the longest text field 5,000 characters, and a
 * big order a few thousand values. Anything past them was not written by Kehu.
 */
export interface ValueBounds {
  /** Levels of objects and arrays; the value itself is level 0. */
  maxDepth: number;
  /** Objects, arrays, keys and leaf values together. */
  maxNodes: number;
  /** Characters in one string or one object key. */
  maxStringLength: number;
  /** An estimate of the value's size as JSON, in UTF-16 code units (strings, keys, punctuation). */
  maxSize: number;
}

export const RECORD_BOUNDS: ValueBounds = {
  maxDepth: 32,
  maxNodes: 50_000,
  maxStringLength: 100_000,
  maxSize: 2_000_000,
};

export type BoundsProblem = 'too-deep' | 'too-many-values' | 'text-too-long' | 'too-large' | 'not-json';

export type BoundsVerdict =
  | { ok: true; nodes: number; size: number }
  /** `field`: the top-level key under which the bound was passed ('' for the value itself). */
  | { ok: false; problem: BoundsProblem; field: string };

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Whether `value` stays within `bounds`, as JSON data (plain objects, arrays, strings, numbers, booleans, null). */
export function checkBounds(value: unknown, bounds: ValueBounds = RECORD_BOUNDS): BoundsVerdict {
  let nodes = 0;
  let size = 0;
  const stack: { value: unknown; depth: number; field: string }[] = [{ value, depth: 0, field: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const fail = (problem: BoundsProblem): BoundsVerdict => ({ ok: false, problem, field: item.field });
    if (++nodes > bounds.maxNodes) return fail('too-many-values');
    const v = item.value;
    if (typeof v === 'string') {
      if (v.length > bounds.maxStringLength) return fail('text-too-long');
      size += v.length + 2;
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) {
      size += 5;
    } else if (typeof v === 'object') {
      if (item.depth >= bounds.maxDepth) return fail('too-deep');
      const depth = item.depth + 1;
      if (Array.isArray(v)) {
        if (nodes + v.length > bounds.maxNodes) return fail('too-many-values');
        size += 2 + v.length;
        for (const child of v) stack.push({ value: child, depth, field: item.field });
      } else {
        if (!isPlainObject(v)) return fail('not-json');
        size += 2;
        for (const key in v) {
          if (++nodes > bounds.maxNodes) return fail('too-many-values');
          if (key.length > bounds.maxStringLength) return fail('text-too-long');
          size += key.length + 4;
          stack.push({ value: (v as Record<string, unknown>)[key], depth, field: item.depth === 0 ? key : item.field });
        }
      }
    } else {
      return fail('not-json');
    }
    if (size > bounds.maxSize) return fail('too-large');
  }
  return { ok: true, nodes, size };
}

const PREVIEW_DEPTH = 6;

/**
 * A short, readable JSON-like text of any value, for the "data problems" list: it never goes
 * deeper than a few levels nor past `maxChars`, so it is safe on a value that failed the bounds.
 * `describe` names values that are not JSON (a CRDT type, binary data).
 */
export function previewValue(value: unknown, maxChars = 2000, describe: (value: object) => string | undefined = () => undefined): string {
  let out = '';
  const write = (text: string) => {
    out += text;
    return out.length < maxChars;
  };
  // Recursion is bounded by PREVIEW_DEPTH, and every loop stops once the text is long enough.
  const walk = (v: unknown, depth: number): boolean => {
    if (typeof v === 'string') return write(JSON.stringify(v.length > maxChars ? `${v.slice(0, maxChars)}…` : v));
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) return write(String(v));
    if (v === undefined) return write('undefined');
    if (typeof v !== 'object') return write(`[${typeof v}]`);
    const named = describe(v);
    if (named !== undefined) return write(`[${named}]`);
    if (Array.isArray(v)) {
      if (depth >= PREVIEW_DEPTH) return write(`[… ${v.length}]`);
      if (!write('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i > 0 && !write(',')) || !walk(v[i], depth + 1)) return false;
      return write(']');
    }
    if (!isPlainObject(v)) return write(`[${(v as { constructor?: { name?: string } }).constructor?.name ?? 'object'}]`);
    if (depth >= PREVIEW_DEPTH) return write('{…}');
    if (!write('{')) return false;
    let first = true;
    for (const key in v) {
      if ((!first && !write(',')) || !write(`${JSON.stringify(key.length > 200 ? `${key.slice(0, 200)}…` : key)}:`)) return false;
      first = false;
      if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return write('}');
  };
  walk(value, 0);
  return out.length > maxChars ? `${out.slice(0, maxChars)}…` : out;
}

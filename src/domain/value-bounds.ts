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
  // Objects and arrays wait on a stack (three parallel arrays: no allocation per value); leaves
  // are counted where they are found, so most values never go on it.
  const pending: object[] = [];
  const depths: number[] = [];
  const fields: string[] = [];
  /** Counts a leaf; returns its problem, or null. Objects and arrays are pushed instead. */
  const visit = (v: unknown, depth: number, field: string): BoundsProblem | null => {
    if (++nodes > bounds.maxNodes) return 'too-many-values';
    if (typeof v === 'string') {
      if (v.length > bounds.maxStringLength) return 'text-too-long';
      size += v.length + 2;
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) {
      size += 5;
    } else if (typeof v === 'object') {
      if (depth >= bounds.maxDepth) return 'too-deep';
      if (!Array.isArray(v) && !isPlainObject(v)) return 'not-json';
      pending.push(v);
      depths.push(depth);
      fields.push(field);
    } else {
      return 'not-json';
    }
    return size > bounds.maxSize ? 'too-large' : null;
  };
  const first = visit(value, 0, '');
  if (first) return { ok: false, problem: first, field: '' };
  while (pending.length > 0) {
    const v = pending.pop()!;
    const depth = depths.pop()! + 1;
    const field = fields.pop()!;
    if (Array.isArray(v)) {
      if (nodes + v.length > bounds.maxNodes) return { ok: false, problem: 'too-many-values', field };
      size += 2 + v.length;
      for (const child of v) {
        const problem = visit(child, depth, field);
        if (problem) return { ok: false, problem, field };
      }
    } else {
      size += 2;
      for (const key in v) {
        const at = depth === 1 ? key : field;
        if (++nodes > bounds.maxNodes) return { ok: false, problem: 'too-many-values', field: at };
        if (key.length > bounds.maxStringLength) return { ok: false, problem: 'text-too-long', field };
        size += key.length + 4;
        const problem = visit((v as Record<string, unknown>)[key], depth, at);
        if (problem) return { ok: false, problem, field: at };
      }
    }
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

import type { CustomerFields } from './customer';

/**
 * What a form changed, relative to the record as it was when the form opened. Only these fields
 * are written, so a teammate's concurrent edit of another field is never overwritten with the
 * stale value the form still shows. Tags are diffed per tag against the record as it is now.
 */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (key === 'tags' || key === 'custom') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch;
}

export function changedCustom(before: CustomerFields['custom'], after: CustomerFields['custom']): CustomerFields['custom'] {
  const patch: CustomerFields['custom'] = {};
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if ((before[id] ?? null) !== (after[id] ?? null)) patch[id] = after[id] ?? null;
  }
  return patch;
}

export function mergeTagEdits(original: string[], edited: string[], current: string[]): string[] {
  const added = edited.filter((t) => !original.includes(t));
  const removed = new Set(original.filter((t) => !edited.includes(t)));
  return [...new Set([...current.filter((t) => !removed.has(t)), ...added])];
}

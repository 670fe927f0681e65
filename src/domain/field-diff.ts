import type { CustomerFields } from './customer';
import { tagKey } from './tags';

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

/**
 * Tags compare by key (tags.ts): a tag added in another spelling of one the record holds now
 * keeps the record's spelling (the first one stays), and a removed tag goes in whatever spelling
 * the record holds. A tag the person only respelled ("vip" to "VIP") is written in the new spelling.
 */
export function mergeTagEdits(original: string[], edited: string[], current: string[]): string[] {
  const originalByKey = new Map(original.map((t) => [tagKey(t), t]));
  const editedKeys = new Set(edited.map(tagKey));
  const removed = new Set([...originalByKey.keys()].filter((key) => !editedKeys.has(key)));
  let out = current.filter((t) => !removed.has(tagKey(t)));
  for (const tag of edited) {
    const key = tagKey(tag);
    const was = originalByKey.get(key);
    if (was === tag) continue;
    if (was !== undefined) out = [...out.filter((t) => tagKey(t) !== key), tag];
    else if (!out.some((t) => tagKey(t) === key)) out.push(tag);
  }
  return out;
}

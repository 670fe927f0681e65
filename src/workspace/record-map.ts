import * as Y from 'yjs';
import { VERSION_KEY } from '../domain/record-versions';
import type { RecordMap } from './layout';

/**
 * Record layout (docs/workspace-format.md): `base` holds the fields as created, one JSON value;
 * every later edit sets the field's own key, which wins over `base`. Set-like fields use one key
 * per member so concurrent adds merge: `tag:<name>` -> true | null, `cf:<fieldId>` -> value.
 */
export const BASE_KEY = 'base';
export const TAG_PREFIX = 'tag:';
export const CUSTOM_PREFIX = 'cf:';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The version the record map was written at, as stored: its own `v` key, else `base.v` (record-versions.ts reads it). */
export function versionValue(map: RecordMap): unknown {
  const own = map.get(VERSION_KEY);
  if (own !== undefined) return own;
  const base = map.get(BASE_KEY);
  return isObject(base) ? base[VERSION_KEY] : undefined;
}

/** The record's fields as stored, in the version it was written at (record-entry.ts reads it in the current one). */
export function readRecord(map: RecordMap): Json {
  return recordFromEntries(map.get(BASE_KEY), map.entries());
}

/** readRecord for a record map's entries already read out of it (record-entry.ts checks them first). */
export function recordFromEntries(base: unknown, entries: Iterable<[string, unknown]>): Json {
  const out: Json = isObject(base) ? { ...base } : {};
  delete out[VERSION_KEY];
  const tags = new Set<string>(Array.isArray(out.tags) ? out.tags.filter((t): t is string => typeof t === 'string') : []);
  const custom: Json = isObject(out.custom) ? { ...out.custom } : {};
  for (const [key, value] of entries) {
    if (key === BASE_KEY || key === VERSION_KEY) continue;
    if (key.startsWith(TAG_PREFIX)) {
      const tag = key.slice(TAG_PREFIX.length);
      if (value === true) tags.add(tag);
      else tags.delete(tag);
    } else if (key.startsWith(CUSTOM_PREFIX)) {
      custom[key.slice(CUSTOM_PREFIX.length)] = value;
    } else {
      out[key] = value;
    }
  }
  // Key order of a Y.Map differs between replicas; sorting keeps reads identical everywhere.
  out.tags = [...tags].sort();
  out.custom = custom;
  return out;
}

export function newRecordMap(fields: Json): RecordMap {
  const map = new Y.Map<unknown>();
  const { tags, custom, ...rest } = fields;
  map.set(BASE_KEY, rest);
  if (Array.isArray(tags)) for (const tag of tags) map.set(TAG_PREFIX + String(tag), true);
  if (isObject(custom)) for (const [id, value] of Object.entries(custom)) map.set(CUSTOM_PREFIX + id, value ?? null);
  return map;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The keys a patch would set on a record read as `current`, and the fields that would change. */
export function planChanges(current: Json, patch: Json): { sets: [string, unknown][]; changed: string[] } {
  const sets: [string, unknown][] = [];
  const changed: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (field === 'tags' && Array.isArray(value)) {
      const before = new Set(Array.isArray(current.tags) ? (current.tags as string[]) : []);
      const after = new Set(value.map(String));
      for (const tag of after) if (!before.has(tag)) sets.push([TAG_PREFIX + tag, true]);
      for (const tag of before) if (!after.has(tag)) sets.push([TAG_PREFIX + tag, null]);
      if (before.size !== after.size || [...after].some((t) => !before.has(t))) changed.push('tags');
    } else if (field === 'custom' && isObject(value)) {
      // Only the custom fields named in the patch are written; clearing one means passing null.
      const before = isObject(current.custom) ? current.custom : {};
      let any = false;
      for (const id of Object.keys(value)) {
        const next = value[id] ?? null;
        if (!same(before[id] ?? null, next)) {
          sets.push([CUSTOM_PREFIX + id, next]);
          any = true;
        }
      }
      if (any) changed.push('custom');
    } else if (!same(current[field] ?? null, value ?? null)) {
      sets.push([field, value ?? null]);
      changed.push(field);
    }
  }
  return { sets, changed };
}

/** Writes only the keys whose value differs, so an edit never overwrites a teammate's other fields. */
export function writeChanges(map: RecordMap, patch: Json): string[] {
  const { sets, changed } = planChanges(readRecord(map), patch);
  for (const [key, value] of sets) map.set(key, value);
  return changed;
}

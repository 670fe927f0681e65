import { VERSION_KEY, migrateRecord, recordFormats, storedVersion } from '../domain/record-versions';
import type { CollectionName, RecordMap } from './layout';
import { readRecord, versionValue, writeChanges } from './record-map';

type Json = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** `fields` of a new record of `name`, with the version of its type when that is not 1 (absent reads as 1). */
export function withVersion(name: CollectionName, fields: Json): Json {
  const { current } = recordFormats[name];
  return current > 1 ? { ...fields, [VERSION_KEY]: current } : fields;
}

/** The record map is at a version this app can write: this one or an older one it migrates. */
export function canUpgrade(map: RecordMap, name: CollectionName): boolean {
  const v = storedVersion(versionValue(map));
  return v.ok && v.version <= recordFormats[name].current;
}

/**
 * Writes a record stored at an older version back at the current one: the fields its migrations
 * changed, each as its own key (never a new `base`, so a teammate's concurrent edit of another
 * field is kept), then `v`. Only this app's own commands call it, on a record they are about to
 * change, so a workspace is never rewritten just by being opened. Returns whether it wrote.
 */
export function upgradeStored(map: RecordMap, name: CollectionName): boolean {
  const format = recordFormats[name];
  const version = versionValue(map);
  const stored = storedVersion(version);
  if (!stored.ok || stored.version >= format.current) return false;
  const raw = readRecord(map);
  const result = migrateRecord(format, raw, version);
  if (!result.ok) return false;
  const patch: Json = {};
  for (const key of new Set([...Object.keys(raw), ...Object.keys(result.record)])) {
    const next = result.record[key];
    if (same(raw[key], next)) continue;
    if (key === 'custom' && typeof next === 'object' && next !== null) {
      // Custom values are keys of their own: one the migration dropped is cleared by name.
      const before = (raw.custom ?? {}) as Json;
      patch.custom = { ...Object.fromEntries(Object.keys(before).map((id) => [id, null])), ...(next as Json) };
    } else patch[key] = next ?? null;
  }
  writeChanges(map, patch);
  map.set(VERSION_KEY, format.current);
  return true;
}

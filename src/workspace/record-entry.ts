import * as Y from 'yjs';
import { checkBounds, previewValue, type BoundsProblem } from '../domain/value-bounds';
import { isRecordKey, recordKeyLabel } from '../domain/record-key';
import type { FieldErrors } from '../domain/field-errors';
import { VERSION_KEY, migrateRecord, recordFormats, type MigrationResult, type RecordType } from '../domain/record-versions';
import { BASE_KEY, recordFromEntries, versionValue } from './record-map';
import { collectionNames, type CollectionName } from './layout';

/**
 * What one entry of the document reads as, before any schema sees it: a record as plain data,
 * or a refusal with its reasons (message keys, by field) and a short preview of what was there.
 * A peer can put any value under any key (issue 19: a string among the customers stopped the
 * projection for good), so nothing here assumes a shape: it looks at the entry's type, checks
 * the bounds of every plain value before copying it, and never walks a CRDT type it did not
 * expect. Both results are plain, bounded data, safe to post to a worker.
 */
export type EntryRead = { record: Record<string, unknown> } | { refused: FieldErrors; preview: string; id?: string };

/** Message keys of the reasons (src/i18n/messages: errors.entry). */
export const EntryProblem = {
  notRecord: 'errors.entry.notRecord',
  badKey: 'errors.entry.badKey',
  badBase: 'errors.entry.badBase',
  sharedType: 'errors.entry.sharedType',
  tooDeep: 'errors.entry.tooDeep',
  tooLarge: 'errors.entry.tooLarge',
  textTooLong: 'errors.entry.textTooLong',
  notJson: 'errors.entry.notJson',
  newerVersion: 'errors.entry.newerVersion',
  badVersion: 'errors.entry.badVersion',
  migrationFailed: 'errors.entry.migrationFailed',
} as const;

const migrationReason: Record<Exclude<MigrationResult, { ok: true }>['problem'], string> = {
  newer: EntryProblem.newerVersion,
  'bad-version': EntryProblem.badVersion,
  failed: EntryProblem.migrationFailed,
};

const boundsReason: Record<BoundsProblem, string> = {
  'too-deep': EntryProblem.tooDeep,
  'too-many-values': EntryProblem.tooLarge,
  'too-large': EntryProblem.tooLarge,
  'text-too-long': EntryProblem.textTooLong,
  'not-json': EntryProblem.notJson,
};

/** A record map may hold base plus one key per field, tag and custom value; far fewer in practice. */
const MAX_RECORD_KEYS = 5_000;

function typeName(value: object): string | undefined {
  if (value instanceof Y.Text) return 'Y.Text';
  if (value instanceof Y.Array) return 'Y.Array';
  if (value instanceof Y.Map) return 'Y.Map';
  if (value instanceof Y.XmlFragment) return 'Y.XmlFragment';
  if (value instanceof Y.AbstractType) return 'Y type';
  return undefined;
}

/** A preview that never walks a CRDT type (its content is not read, only named). */
export function preview(value: unknown): string {
  if (value instanceof Y.Map) {
    const fields: Record<string, unknown> = {};
    let n = 0;
    for (const [key, v] of value.entries()) {
      if (++n > 50) break;
      fields[key] = v;
    }
    return previewValue(fields, 2000, typeName);
  }
  return previewValue(value, 2000, typeName);
}

/** `field` is a key of the entry as the peer wrote it, so it is shown by a bounded label. */
function refused(field: string, reason: string, value: unknown): EntryRead {
  return { refused: { [field === '' ? '' : recordKeyLabel(field)]: reason }, preview: preview(value) };
}

/**
 * The collection a record map is an entry of, from its place in its document; undefined for a
 * map that is in no collection (not integrated yet, or under another type).
 */
export function collectionOf(value: Y.Map<unknown>): CollectionName | undefined {
  const parent = value._item?.parent;
  const doc = value.doc;
  if (!(parent instanceof Y.Map) || parent._item !== null || !doc) return undefined;
  for (const name of collectionNames) if ((doc.share.get(name) as unknown) === parent) return name;
  return undefined;
}

/** The record in the current format of its type, or the refusal of a record of a version this app cannot read. */
export function migrated(type: RecordType, record: Record<string, unknown>, value: unknown, version: unknown = record[VERSION_KEY]): EntryRead {
  const result = migrateRecord(recordFormats[type], record, version);
  if (result.ok) return { record: result.record };
  const id = typeof record.id === 'string' ? { id: record.id.slice(0, 200) } : {};
  return { ...refused('v', migrationReason[result.problem], value), ...id };
}

/**
 * Reads the entry `key` -> `value` of a collection map. Only a Y.Map whose `base` is a plain
 * object (or absent) and whose other keys hold plain values within the bounds is a record. It
 * is read in the current format of its collection (`name`, or the collection the map is in):
 * migrated up from an older version, refused when of a newer one (record-versions.ts).
 */
export function readEntry(key: string, value: unknown, name?: CollectionName): EntryRead {
  const raw = readRawEntry(key, value);
  if (!('record' in raw)) return raw;
  const map = value as Y.Map<unknown>;
  const type = name ?? collectionOf(map);
  return type ? migrated(type, raw.record, value, versionValue(map)) : raw;
}

/** readEntry as stored, in the version it was written at (without its `v`). */
export function readRawEntry(key: string, value: unknown): EntryRead {
  if (!isRecordKey(key)) return refused('', EntryProblem.badKey, value);
  if (!(value instanceof Y.Map)) return refused('', EntryProblem.notRecord, value);
  const fields: Record<string, unknown> = {};
  let count = 0;
  for (const [field, v] of (value as Y.Map<unknown>).entries()) {
    if (++count > MAX_RECORD_KEYS) return refused('', EntryProblem.tooLarge, value);
    if (v instanceof Y.AbstractType) return refused(field, field === BASE_KEY ? EntryProblem.badBase : EntryProblem.sharedType, value);
    fields[field] = v;
  }
  const base = fields[BASE_KEY];
  if (base !== undefined && (typeof base !== 'object' || base === null || Array.isArray(base))) return refused(BASE_KEY, EntryProblem.badBase, value);
  // Checked as one value, so base and the overrides share one budget; `field` names the key of
  // the record map where a bound was passed (base, or an override).
  const bounds = checkBounds(fields);
  if (!bounds.ok) return refused(bounds.field, boundsReason[bounds.problem], value);
  return { record: recordFromEntries(base, Object.entries(fields)) };
}

/**
 * The record under `key` in the current format, or undefined when there is none or it is
 * refused: for commands, which never act on a quarantined entry or on one of a newer version.
 */
export function readStoredRecord(key: string, value: unknown, name?: CollectionName): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const read = readEntry(key, value, name);
  return 'record' in read ? read.record : undefined;
}

/** A plain JSON value within the bounds, as it is: an activity entry or a setting before its format is read. */
function readPlainValue(value: unknown): EntryRead {
  if (value instanceof Y.AbstractType) return refused('', EntryProblem.sharedType, value);
  const bounds = checkBounds(value);
  if (bounds.ok) return { record: value as Record<string, unknown> };
  const read = refused(bounds.field, boundsReason[bounds.problem], value);
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? { ...read, id: id.slice(0, 200) } : read;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An entry of the activity log (a Y.Array of plain JSON entries), in the current format of entries. */
export function readLogEntry(value: unknown): EntryRead {
  const read = readPlainValue(value);
  return 'record' in read && isObject(read.record) ? migrated('activity', read.record, value) : read;
}

/**
 * The settings map as plain values, each checked on its own: a bad value is refused by itself
 * and the others are kept.
 */
export function readSettings(map: Y.Map<unknown>): { values: Record<string, unknown>; refused: { key: string; read: Extract<EntryRead, { refused: FieldErrors }> }[] } {
  const values: Record<string, unknown> = {};
  const refusedKeys: { key: string; read: Extract<EntryRead, { refused: FieldErrors }> }[] = [];
  let count = 0;
  for (const [key, value] of map.entries()) {
    if (++count > MAX_RECORD_KEYS) break;
    const read = !isRecordKey(key) ? refused('', EntryProblem.badKey, value) : readSetting(key, value);
    if ('refused' in read) refusedKeys.push({ key, read });
    else values[key] = read.record;
  }
  return { values, refused: refusedKeys };
}

/** Settings that are objects carry a format version (record-versions.ts: `settings.crm`); plain values do not. */
function readSetting(key: string, value: unknown): EntryRead {
  const read = readPlainValue(value);
  return key === 'crm' && 'record' in read && isObject(read.record) ? migrated('settings.crm', read.record, value) : read;
}

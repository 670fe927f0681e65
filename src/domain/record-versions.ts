import { customerMigrations, customerReadRule } from './customer-versions';

/**
 * Format versions of the records in a workspace document, one sequence per record type (as
 * tldraw versions each record type). A record carries its version under `v`; a record without
 * one is version 1, the format of every record written before versions existed. Reading
 * migrates a record up to the current version, in memory; only this app's own commands write
 * it back, at the current version. A record of a version newer than this app knows is never
 * migrated down: it is refused (shown as a data problem) and its type is not written to.
 * docs/workspace-format.md, "Record versions", is the rule for other clients.
 */

type Json = Record<string, unknown>;

/** The key of a record's version, in `base` (a new record) or as an override (one written back). */
export const VERSION_KEY = 'v';

/** One step: a record of version n (its index + 1) to version n + 1. Pure; it may assume nothing about the input's shape. */
export interface Migration {
  readonly name: string;
  readonly up: (record: Json) => Json;
}

export interface RecordFormat {
  /** Always migrations.length + 1. */
  readonly current: number;
  readonly migrations: readonly Migration[];
  /**
   * A rule of the current version that a concurrent writer can break, applied at every read
   * after the migrations (customers: two devices that add "vip" and "VIP" at once write two keys).
   */
  readonly readRule?: (record: Json) => Json;
}

export function recordFormat(migrations: readonly Migration[], readRule?: (record: Json) => Json): RecordFormat {
  return readRule ? { current: migrations.length + 1, migrations, readRule } : { current: migrations.length + 1, migrations };
}

const plain = recordFormat([]);

/**
 * Every record type in the document: the collections, the activity log's entries and the
 * settings that are objects (`crm`). The other settings are single strings and cannot carry a
 * version; a change of their meaning would be a new key.
 */
export const recordFormats = {
  customers: recordFormat(customerMigrations, customerReadRule),
  contacts: plain,
  members: plain,
  customFields: plain,
  views: plain,
  interactions: plain,
  products: plain,
  orders: plain,
  refunds: plain,
  feedback: plain,
  complaints: plain,
  tasks: plain,
  activity: plain,
  'settings.crm': plain,
} as const satisfies Record<string, RecordFormat>;

export type RecordType = keyof typeof recordFormats;
export const recordTypes = Object.keys(recordFormats) as RecordType[];

/** The version of every record type this app reads and writes: what it tells its peers. */
export function knownVersions(): Record<RecordType, number> {
  return Object.fromEntries(recordTypes.map((type) => [type, recordFormats[type].current])) as Record<RecordType, number>;
}

export type StoredVersion = { ok: true; version: number } | { ok: false };

/** A stored version: absent (undefined or null) is 1; anything but a whole number ≥ 1 is no version. */
export function storedVersion(v: unknown): StoredVersion {
  if (v === undefined || v === null) return { ok: true, version: 1 };
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? { ok: true, version: v } : { ok: false };
}

export type MigrationResult =
  | { ok: true; record: Json; from: number }
  | { ok: false; problem: 'newer'; version: number }
  | { ok: false; problem: 'bad-version' }
  | { ok: false; problem: 'failed'; step: string };

/**
 * `record`, stored at `version` (its `v`, as stored), in the current format and without a `v`:
 * every reader sees one format. Never throws: a step that throws on a strange record refuses the
 * record, which the caller reports; the stored record is untouched either way.
 */
export function migrateRecord(format: RecordFormat, record: Json, version: unknown = record[VERSION_KEY]): MigrationResult {
  const stored = storedVersion(version);
  if (!stored.ok) return { ok: false, problem: 'bad-version' };
  if (stored.version > format.current) return { ok: false, problem: 'newer', version: stored.version };
  let out: Json = record;
  if (VERSION_KEY in out) {
    out = { ...record };
    delete out[VERSION_KEY];
  }
  let step = '';
  try {
    for (let v = stored.version; v < format.current; v++) {
      const migration = format.migrations[v - 1]!;
      step = migration.name;
      out = migration.up(out);
    }
    step = 'readRule';
    if (format.readRule) out = format.readRule(out);
  } catch {
    return { ok: false, problem: 'failed', step };
  }
  return { ok: true, record: out, from: stored.version };
}

/** A command found records of a newer version of this type: it writes none of them (record-versions.ts). */
export class NewerFormatError extends Error {
  override name = 'NewerFormatError';
  constructor(readonly recordType: RecordType) {
    super(`${recordType} records were written by a newer version of Kehu; they are read-only here`);
  }
}

import { knownVersions, type RecordType } from '../domain/record-versions';
import { SCHEMA_VERSION } from '../workspace/layout';

/**
 * The format a device reads and writes, announced in its presence (docs/sync-protocol.md,
 * "Format versions"): the document layout (`meta.schemaVersion`) and the version of each record
 * type (src/domain/record-versions.ts). A teammate announcing more than this app knows runs a
 * newer Kehu: this device is told to update before any record of the newer format arrives.
 */
export interface PeerFormat {
  schema: number;
  records: Record<string, number>;
}

export const PEER_FORMAT_LIMITS = { maxRecordTypes: 64, maxTypeLength: 64, maxVersion: 1_000_000 } as const;

/** What this app announces. */
export function ownFormat(): PeerFormat {
  return { schema: SCHEMA_VERSION, records: knownVersions() };
}

function isVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= PEER_FORMAT_LIMITS.maxVersion;
}

/** A presence's `format`, within bounds, or null (absent: an app from before formats were announced). */
export function parsePeerFormat(raw: unknown): PeerFormat | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { schema, records } = raw as { schema?: unknown; records?: unknown };
  if (!isVersion(schema) || typeof records !== 'object' || records === null || Array.isArray(records)) return null;
  const out: Record<string, number> = {};
  let n = 0;
  for (const key in records) {
    if (!Object.hasOwn(records, key)) continue;
    if (++n > PEER_FORMAT_LIMITS.maxRecordTypes || key.length > PEER_FORMAT_LIMITS.maxTypeLength) return null;
    const v = (records as Record<string, unknown>)[key];
    if (!isVersion(v)) return null;
    out[key] = v;
  }
  return { schema, records: out };
}

/**
 * Whether `peer` reads and writes a format newer than `own`: a newer layout, or a newer version
 * of a record type this app knows. A type this app does not know at all is a newer format too:
 * its records would land in a collection this app does not read.
 */
export function isNewerFormat(peer: PeerFormat, own: PeerFormat = ownFormat()): boolean {
  if (peer.schema > own.schema) return true;
  for (const [type, version] of Object.entries(peer.records)) {
    const mine = own.records[type as RecordType];
    if (mine === undefined || version > mine) return true;
  }
  return false;
}

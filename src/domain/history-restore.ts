/**
 * Deciding what "restore these records as they were at …" writes. Only the records a person
 * chose are touched, and each is put back whole as it was then: a later edit of a chosen record
 * (by anyone) is undone too, which the preview shows beforehand ("changed since"). Records
 * not chosen, and records that did not exist then, are left as they are: nothing else is rolled
 * back, and nothing is deleted by a restore.
 */
type Json = Record<string, unknown>;

/**
 * What a record is now: its fields, absent from the document, or present and unreadable (with
 * its raw fields when it is still a record map, so that only the fields that differ are written).
 */
export type CurrentRecord = { state: 'present'; fields: Json } | { state: 'absent' } | { state: 'unreadable'; fields?: Json };

/** How a record as it was then compares with now, for the preview. */
export type Comparison = 'same' | 'changed' | 'deleted-now' | 'missing-now' | 'unreadable-now' | 'new-since';

export type RestoreAction =
  /** Not in the document now (or not a record any more): written again, whole, with its id. */
  | { kind: 'recreate'; fields: Json }
  /** Present: every field set back to its value then; fields it did not have then are cleared. */
  | { kind: 'revert'; patch: Json }
  | { kind: 'nothing' };

/** Stamped by every write; a difference in them alone is no difference. */
const stamps = new Set(['updatedAt', 'updatedBy']);

/** A value too deep to serialise (a hostile peer's) counts as different, never as an error. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

export function compareWithNow(then: Json | null, now: CurrentRecord): Comparison {
  if (!then) return now.state === 'absent' ? 'same' : 'new-since';
  if (now.state === 'absent') return 'missing-now';
  if (now.state === 'unreadable') return 'unreadable-now';
  if (!then.deletedAt && now.fields.deletedAt) return 'deleted-now';
  return changedFields(then, now.fields).length === 0 ? 'same' : 'changed';
}

/** Fields whose value differs between then and now, stamps aside unless `withStamps`. */
export function changedFields(then: Json, now: Json, withStamps = false): string[] {
  const keys = new Set([...Object.keys(then), ...Object.keys(now)]);
  return [...keys].filter((key) => (withStamps || !stamps.has(key)) && !same(then[key] ?? null, now[key] ?? null)).sort();
}

export function planRestore(then: Json | null, now: CurrentRecord): RestoreAction {
  if (!then) return { kind: 'nothing' };
  if (now.state === 'absent' || !now.fields) return { kind: 'recreate', fields: then };
  // An unreadable record may be broken in its stamps alone (a peer's `updatedAt: 5`): they count then.
  const fields = changedFields(then, now.fields, now.state === 'unreadable');
  if (fields.length === 0) return { kind: 'nothing' };
  const patch: Json = {};
  for (const field of fields) {
    if (field === 'custom') patch.custom = customPatch(then.custom, now.fields.custom);
    else patch[field] = then[field] ?? null;
  }
  return { kind: 'revert', patch };
}

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** Custom fields are written one by one (see writeChanges): the ones added since are cleared. */
function customPatch(then: unknown, now: unknown): Json {
  const patch: Json = { ...asObject(then) };
  for (const id of Object.keys(asObject(now))) if (!(id in patch)) patch[id] = null;
  return patch;
}

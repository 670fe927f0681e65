import { toFieldErrors } from '../domain/field-errors';
import { activityEntrySchema } from '../domain/activity';
import { workspaceSettingsDraftSchema, workspaceSettingsSchema } from '../domain/workspace-settings';
import { CONNECTIONS_KEY, readConnectionSettings } from '../domain/connection-settings';
import type { CollectionName } from '../workspace/layout';
import { collectionSchemas } from '../workspace/collection-schemas';
import type { EntryRead } from '../workspace/record-entry';
import type { ProblemRow } from './read-db';
import { toRow } from './row-mappers';
import { isRecordKey, recordKeyLabel } from '../domain/record-key';
import { previewValue } from '../domain/value-bounds';
import { ErrorCode } from '../domain/error-codes';
import type { MetaUpdate, PreparedBatch, ProjectionBatch } from './projection-batches';

/**
 * Validates what was read from the document with the same schemas as local input and turns it
 * into rows; what fails is kept as a data problem instead. Nothing is written here: a validation
 * that throws fails only its batch, in its turn (projection-writer.ts).
 */
export function prepareBatch(batch: ProjectionBatch): PreparedBatch {
  try {
    switch (batch.kind) {
      case 'records':
        return validateRecords(batch.collection, batch.entries);
      case 'activity':
        return { ...validateActivity(batch.entries), ...(batch.replace ? { replace: true } : {}) };
      default:
        return batch;
    }
  } catch (error) {
    return { kind: 'failed', error };
  }
}

function validateRecords(name: CollectionName, entries: [string, EntryRead | null][]): PreparedBatch {
  const rows: object[] = [];
  const gone: string[] = [];
  const problems: ProblemRow[] = [];
  const problem = (id: string, errors: ProblemRow['errors'], raw: string) => {
    // A key that is not an id never had a row: it is only reported.
    if (isRecordKey(id)) gone.push(id);
    problems.push({ key: problemKey(name, id), collection: name, recordId: recordKeyLabel(id), errors, raw, at: Date.now() });
  };
  for (const [id, read] of entries) {
    if (!read) {
      if (isRecordKey(id)) gone.push(id);
    } else if ('refused' in read) {
      problem(id, read.refused, read.preview);
    } else {
      // One record that throws (a schema or row mapper meeting a shape nobody planned for) is
      // a problem of its own; it never fails the batch and leaves the tables incomplete.
      try {
        const parsed = collectionSchemas[name].safeParse(read.record);
        if (parsed.success && parsed.data.id === id && isRecordKey(id)) rows.push(toRow[name](parsed.data as never));
        else problem(id, parsed.success ? { id: ErrorCode.invalid } : toFieldErrors(parsed.error), previewValue(read.record));
      } catch {
        problem(id, { '': ErrorCode.invalid }, previewValue(read.record));
      }
    }
  }
  return { kind: 'records', collection: name, ids: entries.map(([id]) => id), rows, gone, problems };
}

/** Activity entries; one that is refused or fails validation is listed under data problems. */
function validateActivity(entries: EntryRead[]): PreparedBatch {
  const rows: object[] = [];
  const problems: ProblemRow[] = [];
  entries.forEach((entry) => {
    const value = 'record' in entry ? entry.record : undefined;
    const rawId = (value as { id?: unknown } | null | undefined)?.id;
    // An entry without an id is named by what it holds: the same key in every batch and rebuild.
    const id = recordKeyLabel(typeof rawId === 'string' ? rawId : 'refused' in entry ? (entry.id ?? entry.preview) : previewValue(value));
    const problem = (errors: ProblemRow['errors'], raw: string) => problems.push({ key: `activity/${id}`, collection: 'activity', recordId: id, errors, raw, at: Date.now() });
    if ('refused' in entry) return void problem(entry.refused, entry.preview);
    try {
      const parsed = activityEntrySchema.safeParse(value);
      if (parsed.success) rows.push(parsed.data);
      else problem(toFieldErrors(parsed.error), previewValue(value));
    } catch {
      problem({ '': ErrorCode.invalid }, previewValue(value));
    }
  });
  return { kind: 'activity', rows, problems };
}

/** Problems of a record are keyed by collection and id; a key that is not an id by a bounded label of it. */
export function problemKey(name: CollectionName, id: string): string {
  return `${name}/${recordKeyLabel(id)}`;
}

/**
 * The workspace settings from what the document holds: a value refused by its bounds, or one
 * the schema would replace by its default, is reported; the others are kept. The settings are
 * written whatever their state: a bad value never holds back "the tables match the document".
 */
export function validSettings(settings: NonNullable<MetaUpdate['settings']>): { value: unknown; problems: ProblemRow[] } {
  const at = Date.now();
  const problems: ProblemRow[] = settings.refused.map(({ key, read }) => ({
    key: `settings/${recordKeyLabel(key)}`,
    collection: 'settings',
    recordId: recordKeyLabel(key),
    errors: read.refused,
    raw: read.preview,
    at,
  }));
  const values = { ...settings.values };
  for (const [key, schema] of Object.entries(workspaceSettingsDraftSchema.shape)) {
    if (values[key] === undefined) continue;
    const parsed = schema.safeParse(values[key]);
    if (parsed.success) continue;
    problems.push({ key: `settings/${key}`, collection: 'settings', recordId: key, errors: toFieldErrors(parsed.error), raw: previewValue(values[key]), at });
    delete values[key];
  }
  // The team's relays and servers: each refused entry is reported, the valid ones are still used (connection-settings.ts).
  if (values[CONNECTIONS_KEY] !== undefined) {
    const found = readConnectionSettings(values[CONNECTIONS_KEY]).problems;
    if (Object.keys(found).length > 0) {
      problems.push({ key: `settings/${CONNECTIONS_KEY}`, collection: 'settings', recordId: CONNECTIONS_KEY, errors: found, raw: previewValue(values[CONNECTIONS_KEY]), at });
    }
  }
  return { value: workspaceSettingsSchema.parse(values), problems };
}

import { mergeTagSpellings } from './tags';

/**
 * Customer record versions (src/domain/record-versions.ts).
 * 1: the format before versions (tags compared exactly).
 * 2: tags compare case- and width-insensitively (tags.ts, tagKey): one spelling per tag.
 */

type Json = Record<string, unknown>;

function mergeTags(record: Json): Json {
  if (!Array.isArray(record.tags)) return record;
  const strings = record.tags.filter((t): t is string => typeof t === 'string');
  // Anything that is not a string is left for the schema to refuse, as version 1 did.
  if (strings.length !== record.tags.length) return record;
  return { ...record, tags: mergeTagSpellings(strings) };
}

export const customerMigrations = [
  /** "vip" and "VIP" on one customer become one tag (preferredSpelling); every other tag is kept. */
  { name: 'mergeTagSpellings', up: mergeTags },
] as const;

/** Version 2 still meets two spellings when two devices add them at once: a read keeps one. */
export const customerReadRule = mergeTags;

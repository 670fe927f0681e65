import { mergeTagSpellings } from './tags';

/**
 * Customer record versions (src/domain/record-versions.ts).
 * 1: the format before versions (tags compared exactly).
 * 2: tags compare case- and width-insensitively (tags.ts, tagKey): one spelling per tag.
 */

type Json = Record<string, unknown>;

function mergeTags(record: Json): Json {
  // Read on every read of every customer: most hold one tag or none, which cannot repeat.
  if (!Array.isArray(record.tags) || record.tags.length < 2) return record;
  const strings = record.tags.filter((t): t is string => typeof t === 'string');
  // Anything that is not a string is left for the schema to refuse, as version 1 did.
  if (strings.length !== record.tags.length) return record;
  const merged = mergeTagSpellings(strings);
  return merged.length === strings.length ? record : { ...record, tags: merged };
}

export const customerMigrations = [
  /** "vip" and "VIP" on one customer become one tag (preferredSpelling); every other tag is kept. */
  { name: 'mergeTagSpellings', up: mergeTags },
] as const;

/** Version 2 still meets two spellings when two devices add them at once: a read keeps one. */
export const customerReadRule = mergeTags;

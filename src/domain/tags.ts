import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';

export const MAX_TAG_LENGTH = TEXT_LIMITS.tag;

export const tagSchema = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(1, ErrorCode.tagInvalid).max(MAX_TAG_LENGTH, ErrorCode.tagInvalid));

/**
 * What two tags are compared by: "vip", "VIP" and "ＶＩＰ" (full width) are one tag. NFKC folds
 * width and compatibility forms, then the case is lowered locale-free (toLowerCase, never
 * toLocaleLowerCase: a Turkish device must fold "I" as every other device does), then NFKC again
 * because lowering can leave a composed character decomposed.
 */
export function tagKey(tag: string): string {
  // Every read of a customer compares its tags, and a workspace has few distinct ones.
  let key = keys.get(tag);
  if (key === undefined) {
    if (keys.size >= MAX_REMEMBERED) keys.clear();
    key = cleanText(tag.normalize('NFKC').toLowerCase().normalize('NFKC'));
    keys.set(tag, key);
  }
  return key;
}

const MAX_REMEMBERED = 20_000;
const keys = new Map<string, string>();

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

/**
 * Of several spellings of one tag with no order between them (one record's tag keys, which Yjs
 * stores unordered), the one kept: a spelling already in its NFKC form ("VIP" over "ＶＩＰ"),
 * then the first by code point ("VIP" over "vip"), so that every device keeps the same one.
 */
export function preferredSpelling(spellings: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const s of spellings) {
    if (best === undefined) best = s;
    else {
      const plain = s === s.normalize('NFKC');
      const bestPlain = best === best.normalize('NFKC');
      if ((plain && !bestPlain) || (plain === bestPlain && s < best)) best = s;
    }
  }
  return best;
}

/**
 * A person's tag list without repeats: the first spelling a person used is kept ("vip" typed
 * before "VIP" stays "vip"). For a form and a bulk change, where the order is known.
 */
export function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tagKey(tag);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/**
 * One record's stored tags as one spelling per tag (preferredSpelling), sorted by code point as
 * reads are. For a record read from the document, where two spellings of a tag can stand side by
 * side: written before tags compared this way, or added on two devices at once.
 */
export function mergeTagSpellings(tags: readonly string[]): string[] {
  if (new Set(tags.map(tagKey)).size === tags.length) return [...tags].sort();
  const byKey = new Map<string, string[]>();
  for (const tag of tags) {
    const key = tagKey(tag);
    const list = byKey.get(key);
    if (list) list.push(tag);
    else byKey.set(key, [tag]);
  }
  return [...byKey.values()].map((spellings) => preferredSpelling(spellings)!).sort();
}

/** The spelling of `tag` that `tags` already holds, if any. */
export function findTag(tags: readonly string[], tag: string): string | undefined {
  const key = tagKey(tag);
  return tags.find((t) => tagKey(t) === key);
}

/**
 * Tag use across many records, counted by key: each tag once per record, shown in the spelling
 * most records use (ties: preferredSpelling). "vip (23)" and "VIP (15)" are "vip (38)". Most
 * used first; ties by key.
 */
export function countTags(tagLists: Iterable<readonly string[]>): [string, number][] {
  const byKey = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const tags of tagLists) {
    const seen = new Set<string>();
    for (const tag of tags) {
      const key = tagKey(tag);
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { count: 0, spellings: new Map() }));
      entry.spellings.set(tag, (entry.spellings.get(tag) ?? 0) + 1);
      if (seen.has(key)) continue;
      seen.add(key);
      entry.count += 1;
    }
  }
  const out: [string, number, string][] = [];
  for (const [key, { count, spellings }] of byKey) {
    const most = Math.max(...spellings.values());
    out.push([preferredSpelling([...spellings].filter(([, n]) => n === most).map(([s]) => s))!, count, key]);
  }
  return out.sort((a, b) => b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)).map(([tag, count]) => [tag, count]);
}

/** "vip, 老客户，wholesale" -> ["vip", "老客户", "wholesale"]: both ASCII and full-width commas separate. */
export function splitTags(text: string): string[] {
  return text.split(/[,，、;；\n]/).map(cleanText).filter(Boolean);
}

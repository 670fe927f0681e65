import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';

export const MAX_TAG_LENGTH = TEXT_LIMITS.tag;

export const tagSchema = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(1, ErrorCode.tagInvalid).max(MAX_TAG_LENGTH, ErrorCode.tagInvalid));

/** Case-insensitive de-duplication keeps the first spelling a person used. */
export function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tag.toLocaleLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** "vip, 老客户，wholesale" -> ["vip", "老客户", "wholesale"]: both ASCII and full-width commas separate. */
export function splitTags(text: string): string[] {
  return text.split(/[,，、;；\n]/).map(cleanText).filter(Boolean);
}

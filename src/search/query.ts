import { foldText, segments } from './fold';

/** The search box never needs more; a pasted novel must still return at once. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_TOKENS = 8;
/** Fewer digits than this match almost every phone number, so they are not looked up in phones. */
export const MIN_PHONE_DIGITS = 3;
const MAX_TOKEN_LENGTH = 64;

export type QueryToken =
  /** A run of CJK characters: found as a substring. */
  | { kind: 'cjk'; text: string }
  /** Letters and digits: a word prefix, a typo of one, or pinyin. */
  | { kind: 'word'; text: string }
  /** Digits of a phone number: found anywhere in a stored number; any of the variants may match. */
  | { kind: 'phone'; digits: string[]; international: boolean };

export interface ParsedQuery {
  /** Folded, trimmed, inner white space collapsed: compared with whole names. */
  text: string;
  /** Only the letters, digits and CJK characters: 'wang jian guo' -> 'wangjianguo', compared with pinyin. */
  compact: string;
  /** All must match (AND). */
  tokens: QueryToken[];
}

const PHONE_LIKE = /^[\d\s+\-()./]+$/;

/**
 * Numbers are stored as E.164 (+8613800138000), so a number typed with its trunk prefix
 * (010 1234 5678, 07911 123456) or the 00 international prefix is also tried without it.
 */
function phoneVariants(digits: string): string[] {
  const variants = [digits];
  if (digits.startsWith('00')) variants.push(digits.slice(2));
  else if (digits.startsWith('0')) variants.push(digits.slice(1));
  return variants.filter((v) => v.length >= MIN_PHONE_DIGITS);
}

function phoneToken(text: string): QueryToken | null {
  const digits = text.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  const variants = phoneVariants(digits);
  return { kind: 'phone', digits: variants, international: text.startsWith('+') || digits.startsWith('00') };
}

function tokenKey(t: QueryToken): string {
  return t.kind === 'phone' ? `p${t.digits[0]}` : `${t.kind[0]}${t.text}`;
}

export function parseQuery(query: string): ParsedQuery {
  const folded = foldText(query.slice(0, MAX_QUERY_LENGTH));
  // Control characters separate like white space (and the index keeps them out of stored text).
  const text = folded.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  const parts = segments(text);
  const compact = parts.map((p) => p.text).join('');
  const tokens: QueryToken[] = [];
  const whole = PHONE_LIKE.test(text) ? phoneToken(text) : null;
  if (whole) {
    tokens.push(whole);
  } else {
    const seen = new Set<string>();
    for (const part of parts) {
      const value = part.text.slice(0, MAX_TOKEN_LENGTH);
      const token: QueryToken =
        part.kind === 'cjk' ? { kind: 'cjk', text: value } : (/^\d+$/.test(value) && phoneToken(value)) || { kind: 'word', text: value };
      const key = tokenKey(token);
      if (seen.has(key)) continue;
      seen.add(key);
      tokens.push(token);
      if (tokens.length === MAX_TOKENS) break;
    }
  }
  return { text, compact, tokens };
}

import type { DocStore } from './doc-store';
import type { ParsedQuery } from './query';
import { FIELD_BITS, NAME_START } from './search-doc';

/**
 * Ranking is by tiers, because people look for a customer by name: the exact name first, then
 * names that start with what was typed, then other name matches, then a name with a typo, then
 * matches in other fields only, the more telling field first (company, phone, email, then city,
 * tags, notes). Within a tier, shorter names come first.
 *
 * A score is tier * 1000 + field weight * 100 + (99 - name length): a small integer, so the best
 * few of 100k matches are found with a histogram instead of sorting them all.
 */
export const TIER_EXACT = 5;
export const TIER_PREFIX = 4;
export const TIER_NAME = 3;
export const TIER_NAME_TYPO = 2;
export const TIER_OTHER = 1;

/** Fuzzy (typo) matches of a field are marked in the bits above the exact ones. */
export const FUZZY_SHIFT = 8;

const weights: [number, number][] = [
  [FIELD_BITS.company, 6],
  [FIELD_BITS.phone, 5],
  [FIELD_BITS.email, 5],
  [FIELD_BITS.city, 3],
  [FIELD_BITS.tags, 3],
  [FIELD_BITS.notes, 1],
];
/** The weight of the best field in an exact-match mask; a fuzzy-only match weighs 1. */
const bestWeight = new Uint8Array(1 << FUZZY_SHIFT).map((_, mask) => weights.find(([bit]) => mask & bit)?.[1] ?? 0);

function fieldWeight(mask: number): number {
  const exact = bestWeight[mask & 0xff]!;
  return exact || (mask >>> FUZZY_SHIFT ? 1 : 0);
}

/** The tier a document's matches alone can tell, without its text: anything but exact and prefix. */
export function maskTier(mask: number): number {
  if (mask & FIELD_BITS.name) return TIER_NAME;
  if ((mask >>> FUZZY_SHIFT) & FIELD_BITS.name) return TIER_NAME_TYPO;
  return TIER_OTHER;
}

export function needsNameCheck(mask: number): boolean {
  return (mask & NAME_START) !== 0;
}

export function nameTier(docs: DocStore, doc: number, q: ParsedQuery, mask: number): number {
  const match = docs.nameMatch(doc, q.text, q.compact);
  return match === 2 ? TIER_EXACT : match === 1 ? TIER_PREFIX : maskTier(mask);
}

/** Other fields weigh in only when the name did not match: in a name tier they are noise. */
export function scoreOf(tier: number, mask: number, nameLength: number): number {
  return tier * 1000 + (tier === TIER_OTHER ? fieldWeight(mask) * 100 : 0) + (99 - Math.min(nameLength, 99));
}

/** scoreOf(maskTier(mask), mask, 99) for every mask: most of a large result is ranked by a lookup. */
const maskScores = new Int16Array(1 << (2 * FUZZY_SHIFT)).map((_, mask) => scoreOf(maskTier(mask), mask, 99));

/** The score of a match that cannot be an exact or prefix match of the name (needsNameCheck is false). */
export function maskScore(mask: number, nameLength: number): number {
  return maskScores[mask]! + 99 - Math.min(nameLength, 99);
}

const MAX_SCORE = TIER_EXACT * 1000 + 999;
/** Documents per score in a sort key: the posting format allows 2^24 documents (postings.ts). */
const DOCS = 2 ** 24;

export interface Ranked {
  doc: number;
  score: number;
}

/**
 * The `limit` best, best first; equal scores put the higher document number first, i.e. the most
 * recently added or changed. With a small limit a histogram of the scores (small integers) finds
 * the few worth sorting; every candidate is sorted as one number (score, then document) by the
 * native numeric sort, which stays fast when the caller asks for all 100k.
 */
export function rankTop(docs: ArrayLike<number>, scores: Int32Array, limit: number): Ranked[] {
  const n = docs.length;
  let threshold = 0;
  if (n > limit) {
    const histogram = new Int32Array(MAX_SCORE + 1);
    for (let i = 0; i < n; i++) histogram[scores[i]!]!++;
    let seen = 0;
    for (threshold = MAX_SCORE; threshold > 0; threshold--) {
      seen += histogram[threshold]!;
      if (seen >= limit) break;
    }
  }
  const keys: number[] = [];
  for (let i = 0; i < n; i++) if (scores[i]! >= threshold) keys.push(scores[i]! * DOCS + docs[i]!);
  const sorted = Float64Array.from(keys).sort();
  const out: Ranked[] = [];
  for (let k = sorted.length - 1; k >= 0 && out.length < limit; k--) {
    const key = sorted[k]!;
    out.push({ doc: key % DOCS, score: Math.floor(key / DOCS) });
  }
  return out;
}

/** Below one candidate in this many slots, sorting the candidates beats walking every slot. */
const SPARSE = 8;

/**
 * Every candidate, best first, in exactly rankTop's order (score, then the higher document
 * number), without objects: for a list that shows all of a broad query's matches (40k for one
 * letter at 100k customers). Scores are small integers, so a dense result is a counting sort
 * that walks the document numbers from the highest down; a sparse one is sorted as numbers.
 * `docs` must be distinct and below `slots`.
 */
export function rankAll(docs: ArrayLike<number>, scores: Int32Array, slots: number): Int32Array {
  const n = docs.length;
  const out = new Int32Array(n);
  if (n * SPARSE < slots) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = scores[i]! * DOCS + docs[i]!;
    keys.sort();
    for (let i = 0; i < n; i++) out[i] = keys[n - 1 - i]! % DOCS;
    return out;
  }
  // Score + 1 by document (0: not a candidate), and where each score's run starts in `out`.
  const scoreOfDoc = new Int16Array(slots);
  const start = new Int32Array(MAX_SCORE + 2);
  for (let i = 0; i < n; i++) {
    scoreOfDoc[docs[i]!] = scores[i]! + 1;
    start[scores[i]! + 1]!++;
  }
  let at = 0;
  for (let s = MAX_SCORE + 1; s > 0; s--) {
    const count = start[s]!;
    start[s] = at;
    at += count;
  }
  for (let doc = slots - 1; doc >= 0; doc--) {
    const s = scoreOfDoc[doc]!;
    if (s !== 0) out[start[s]!++] = doc;
  }
  return out;
}

import { PostingMap, isPostingsJson, type Posting, type PostingsJson } from './postings';

/** Phone fragments are found through digit n-grams of this length (a shorter fragment is not looked up). */
export const PHONE_GRAM = 3;

/**
 * Every CJK code unit (fold.ts isCjkCode) gets a 15-bit number, so that a 2-gram is one small
 * integer (k1 * 32768 + k2 < 2^30, a V8 small integer even with pointer compression): building
 * then makes no string per n-gram, which was most of the build time at 100k documents.
 */
const CJK_BLOCKS: [number, number][] = [
  [0x3400, 0xa000],
  [0x1100, 0x1200],
  [0x2e80, 0x2fe0],
  [0x3040, 0x3200],
  [0xa960, 0xa980],
  [0xd7b0, 0xe000],
  [0xf900, 0xfb00],
];
const KEY_SPACE = 32768;
const cjkKeys = new Uint16Array(0x10000);
{
  let next = 0;
  for (const [from, to] of CJK_BLOCKS) for (let c = from; c < to; c++) cjkKeys[c] = next++;
  // Hangul syllables never reach here (folding decomposes them into jamo): share what is left.
  for (let c = 0xac00; c < 0xd7b0; c++) cjkKeys[c] = next + (c % (KEY_SPACE - next));
}

/** CJK 1- and 2-grams and phone digit 3-grams, keyed by numbers. */
export class GramIndex {
  constructor(
    private unigrams = new PostingMap<number>(),
    private bigrams = new PostingMap<number>(),
    private trigrams = new PostingMap<number>(),
  ) {}

  /** `first` is the field mask for the first character and the first 2-gram; `single` adds 1-grams. */
  addCjk(run: string, doc: number, field: number, first: number, single: boolean): void {
    let prev = -1;
    for (let i = 0; i < run.length; i++) {
      const k = cjkKeys[run.charCodeAt(i)]!;
      if (single) this.unigrams.add(k, doc, i === 0 ? first : field);
      if (prev >= 0) this.bigrams.add(prev * KEY_SPACE + k, doc, i === 1 ? first : field);
      prev = k;
    }
  }

  /** `digits` holds ASCII digits only. */
  addDigits(digits: string, doc: number, field: number): void {
    let key = 0;
    for (let i = 0; i < digits.length; i++) {
      key = (key % 100) * 10 + digits.charCodeAt(i) - 48;
      if (i >= PHONE_GRAM - 1) this.trigrams.add(key, doc, field);
    }
  }

  /** The posting of one CJK character or of two. */
  cjk(text: string): Posting | undefined {
    const k = cjkKeys[text.charCodeAt(0)]!;
    return text.length === 1 ? this.unigrams.get(k) : this.bigrams.get(k * KEY_SPACE + cjkKeys[text.charCodeAt(1)]!);
  }

  digits(three: string): Posting | undefined {
    return this.trigrams.get(Number(three));
  }

  compact(newDoc: Int32Array): void {
    for (const map of [this.unigrams, this.bigrams, this.trigrams]) map.compact(newDoc);
  }

  toJSON(): GramIndexJson {
    return { unigrams: this.unigrams.toJSON(), bigrams: this.bigrams.toJSON(), trigrams: this.trigrams.toJSON() };
  }

  static fromJSON(json: GramIndexJson): GramIndex {
    const maps = [json.unigrams, json.bigrams, json.trigrams];
    if (!maps.every((m) => isPostingsJson(m, 'number'))) throw new Error('search index: malformed n-grams');
    return new GramIndex(PostingMap.fromJSON(json.unigrams), PostingMap.fromJSON(json.bigrams), PostingMap.fromJSON(json.trigrams));
  }
}

export interface GramIndexJson {
  unigrams: PostingsJson<number>;
  bigrams: PostingsJson<number>;
  trigrams: PostingsJson<number>;
}

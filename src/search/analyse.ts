import { foldText, segments } from './fold';
import { pinyinTerms, runSyllables, type Reading } from './pinyin';
import { FIELD_BITS, NAME_START, type SearchDoc } from './search-doc';

/** Long notes are rare; their first part is what people remember and search for. */
export const MAX_INDEXED_NOTES = 2000;
/** A longer "word" is a pasted token or garbage; its prefix is enough to find it. */
export const MAX_WORD_LENGTH = 40;

/**
 * Receives what a document contributes to the index as it is found (a key may come more than
 * once, from several fields): building at 100k documents is dominated by allocation, so there
 * is no per-document collection in between.
 */
export interface TermSink {
  /** A word or a pinyin term, found by prefix. */
  term(key: string, field: number): void;
  /**
   * A run of CJK characters, found by substring; its first two characters carry `first`.
   * `single` is false where one character alone should not find it.
   */
  cjk(run: string, field: number, first: number, single: boolean): void;
  /** The digits of a phone number, found by any fragment. */
  digits(digits: string, field: number): void;
}

/** What is kept of a document to check and rank matches. */
export interface DocForms {
  name: string;
  company: string;
  /** Full pinyin and initials of the name, '' unless it has Han characters: wangjianguo, wjg. */
  namePinyin: string;
  nameInitials: string;
  /** Digits of every phone number, comma separated. */
  digits: string;
  /** CJK runs of the other fields, to check CJK queries longer than a 2-gram. */
  cjk: string;
}

/** `first` is the field mask for what the text starts with (the name adds NAME_START). */
function addText(sink: TermSink, text: string, field: number, reading: Reading | null, cjkRuns: string[] | null, first = field): string {
  if (!text) return '';
  // One character would find every note that has it (的, 了): noise, and a quarter of all 1-grams.
  const single = field !== FIELD_BITS.notes;
  const folded = foldText(text);
  let bits = first;
  for (const seg of segments(folded)) {
    const run = seg.text;
    if (seg.kind === 'word') {
      sink.term(run.length > MAX_WORD_LENGTH ? run.slice(0, MAX_WORD_LENGTH) : run, bits);
    } else {
      sink.cjk(run, field, bits, single);
      cjkRuns?.push(run);
      const starting = bits;
      if (reading) pinyinTerms(runSyllables(run, reading), (term, at) => sink.term(term, at === 0 ? starting : field));
    }
    bits = field;
  }
  return folded;
}

function namePinyin(folded: string): [string, string] {
  const full: string[] = [];
  const initials: string[] = [];
  let han = false;
  for (const seg of segments(folded)) {
    if (seg.kind === 'word') {
      full.push(seg.text);
      initials.push(seg.text[0]!);
      continue;
    }
    const syllables = runSyllables(seg.text, 'name');
    for (let i = 0; i < seg.text.length; i++) {
      const s = syllables[i];
      han ||= !!s;
      full.push(s ?? seg.text[i]!);
      initials.push(s ? s[0]! : seg.text[i]!);
    }
  }
  return han ? [full.join(''), initials.join('')] : ['', ''];
}

export function analyseDoc(doc: SearchDoc, sink: TermSink): DocForms {
  const cjkRuns: string[] = [];
  const name = addText(sink, doc.name, FIELD_BITS.name, 'name', null, FIELD_BITS.name | NAME_START);
  // No pinyin for a contact's company: the company itself is found by it, and it would double the pinyin terms.
  const company = addText(sink, doc.company, FIELD_BITS.company, null, null);
  addText(sink, doc.city, FIELD_BITS.city, 'text', cjkRuns);
  for (const tag of doc.tags) addText(sink, tag, FIELD_BITS.tags, null, cjkRuns);
  addText(sink, doc.notes.length > MAX_INDEXED_NOTES ? doc.notes.slice(0, MAX_INDEXED_NOTES) : doc.notes, FIELD_BITS.notes, null, cjkRuns);
  for (const email of doc.emails) addText(sink, email, FIELD_BITS.email, null, cjkRuns);
  const digits: string[] = [];
  for (const phone of doc.phones) {
    const d = phone.replace(/\D/g, '');
    if (!d) continue;
    digits.push(d);
    sink.digits(d, FIELD_BITS.phone);
  }
  const [pinyin, initials] = namePinyin(name);
  return { name, company, namePinyin: pinyin, nameInitials: initials, digits: digits.join(','), cjk: cjkRuns.join(' ') };
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedEdits, scanPrefixEdits, withinPrefixEdits } from '../../../src/search/edit-distance';

describe('allowedEdits', () => {
  it.each([
    ['smi', 0],
    ['smit', 1],
    ['smiht', 1],
    ['jonhson', 1],
    ['wiliamson', 2],
    ['x'.repeat(33), 0],
  ])('%j -> %i', (typed, edits) => {
    expect(allowedEdits(typed)).toBe(edits);
  });
});

describe('withinPrefixEdits', () => {
  it.each([
    ['smiht', 'smith', 1, true],
    ['smiht', 'smithers', 1, true],
    ['smtih', 'smith', 1, true],
    ['smth', 'smith', 1, true],
    ['smitth', 'smith', 1, true],
    ['smoth', 'smith', 1, true],
    ['olvier', 'oliver', 1, true],
    ['jonhson', 'johnson', 1, true],
    ['wiliams', 'williams', 1, true],
    ['smiht', 'smile', 1, false],
    ['smiht', 'sm', 1, false],
    ['jhonsno', 'johnson', 1, false],
    ['jhonsno', 'johnson', 2, true],
    ['abcd', 'wxyz', 2, false],
  ])('%j vs %j within %i: %s', (typed, word, edits, expected) => {
    expect(withinPrefixEdits(typed, word, edits)).toBe(expected);
  });
});

describe('scanPrefixEdits', () => {
  const scan = (terms: string[], typed: string, edits: number) => {
    const out: string[] = [];
    scanPrefixEdits(terms, 0, terms.length, typed, edits, (i) => out.push(terms[i]!));
    return out;
  };
  const brute = (terms: string[], typed: string, edits: number) => terms.filter((t) => withinPrefixEdits(typed, t, edits));

  it('finds what checking every term finds, in order', () => {
    const terms = ['smit', 'smith', 'smith123', 'smithers', 'smithson', 'smyth', 'smythe', 'snith', 'soth', 'sxith', 'sym'].sort();
    expect(scan(terms, 'smiht', 1)).toEqual(brute(terms, 'smiht', 1));
    expect(scan(terms, 'smiht', 1)).toEqual(['smit', 'smith', 'smith123', 'smithers', 'smithson']);
  });

  it('agrees with withinPrefixEdits on any sorted list', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 0, maxLength: 9 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 60 }), word, fc.integer({ min: 1, max: 2 }), (list, typed, edits) => {
        const terms = [...list].sort();
        expect(scan(terms, typed, edits)).toEqual(brute(terms, typed, edits));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

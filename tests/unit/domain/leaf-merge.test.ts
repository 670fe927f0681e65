import { describe, expect, it } from 'vitest';
import { mergeLeaves } from '../../../src/domain/leaf-merge';

const address = (city: string, street: string) => ({ street, city, region: '', postalCode: '', country: 'CN' });
const phone = (number: string, label = 'mobile') => ({ label, number });

/**
 * Each case: a form opened on `base`; one side saved `a`, the other `b`. Run both ways (a as the
 * record meanwhile and b as the form's save, then the other way round): where the two changed
 * different leaves the result is the same; where both changed one leaf, the save's value wins
 * and is noted (`aWins` / `bWins` give the result in each direction).
 */
const cases: { name: string; base: unknown; a: unknown; b: unknown; merged?: unknown; aWins?: unknown; bWins?: unknown; conflicts?: string[] }[] = [
  { name: 'city in one tab, street in the other', base: address('', 'Old St'), a: address('Hangzhou', 'Old St'), b: address('', 'New St'), merged: address('Hangzhou', 'New St') },
  { name: 'the same leaf set alike', base: address('', ''), a: address('Xi’an', ''), b: address('Xi’an', ''), merged: address('Xi’an', '') },
  { name: 'the same leaf set differently', base: address('', ''), a: address('Xi’an', ''), b: address('Wuhan', ''), aWins: address('Xi’an', ''), bWins: address('Wuhan', ''), conflicts: ['city'] },
  { name: 'two phones, each edited on one side', base: [phone('+8613800000001'), phone('+8613800000002')], a: [phone('+8613900000001'), phone('+8613800000002')], b: [phone('+8613800000001'), phone('+8613800000002', 'work')], merged: [phone('+8613900000001'), phone('+8613800000002', 'work')] },
  { name: 'a phone added on one side, one edited on the other', base: [phone('+8613800000001')], a: [phone('+8613800000001'), phone('+8613800000002')], b: [phone('+8613900000001')], aWins: [phone('+8613800000001'), phone('+8613800000002')], bWins: [phone('+8613900000001')], conflicts: [''] },
  { name: 'a scalar changed on one side only', base: 'lead', a: 'lead', b: 'customer', merged: 'customer' },
  { name: 'a key only one side has', base: { a: 1 }, a: { a: 1, b: 2 }, b: { a: 3 }, merged: { a: 3, b: 2 } },
  { name: 'nothing changed', base: address('X', 'Y'), a: address('X', 'Y'), b: address('X', 'Y'), merged: address('X', 'Y') },
];

describe('mergeLeaves', () => {
  for (const c of cases) {
    for (const [theirs, mine, wins] of [
      [c.a, c.b, c.bWins],
      [c.b, c.a, c.aWins],
    ] as const) {
      it(`${c.name} (${mine === c.b ? 'b' : 'a'} saved last)`, () => {
        const result = mergeLeaves(c.base, theirs, mine);
        expect(result.value).toEqual(c.merged ?? wins);
        expect(result.notes.filter((n) => n.kept === 'mine').map((n) => n.path.join('.'))).toEqual(c.conflicts ?? []);
      });
    }
  }

  it('notes every leaf the other side changed while the form was open (the City/Street case)', () => {
    const result = mergeLeaves(address('', 'Old St'), address('Hangzhou', 'Old St'), address('', 'New St'));
    expect(result.changedByMe).toBe(true);
    expect(result.notes).toEqual([{ path: ['city'], kept: 'theirs', keptValue: 'Hangzhou', otherValue: '' }]);
  });

  it('a form that changed nothing keeps theirs and writes nothing', () => {
    const result = mergeLeaves(address('', ''), address('Hangzhou', ''), address('', ''));
    expect(result.changedByMe).toBe(false);
    expect(result.value).toEqual(address('Hangzhou', ''));
  });

  it('treats a missing field and null alike', () => {
    expect(mergeLeaves({ a: null }, {}, { a: null }).notes).toEqual([]);
  });
});

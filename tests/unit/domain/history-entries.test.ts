import { describe, expect, it } from 'vitest';
import { BULK_CHANGE_THRESHOLD, ENTRY_GAP_MS, groupHistory, type LoggedChange, type RecordChange } from '../../../src/domain/history-entries';
import { compareWithNow, planRestore } from '../../../src/domain/history-restore';

const removed = (n: number, from = 0): RecordChange[] => Array.from({ length: n }, (_, i) => ({ collection: 'customers', id: `c${from + i}`, kind: 'removed' }));

function row(seq: number, at: number, changes: RecordChange[], source: LoggedChange['source'] = 'local', authors = ['a']): LoggedChange {
  return { seq, at, source, authors, via: [], changes };
}

describe('groupHistory', () => {
  it('groups rows of the same writers close in time, newest first, counting each record once', () => {
    const entries = groupHistory([
      row(1, 0, [{ collection: 'customers', id: 'x', kind: 'added' }]),
      row(2, 1000, [{ collection: 'customers', id: 'x', kind: 'changed' }, { collection: 'orders', id: 'o', kind: 'added' }]),
      row(3, 2000, []),
      row(4, 2000 + ENTRY_GAP_MS + 1, [{ collection: 'customers', id: 'x', kind: 'deleted' }]),
      row(5, 2000 + ENTRY_GAP_MS + 2, [{ collection: 'customers', id: 'y', kind: 'changed' }], 'peer', ['b']),
    ]);
    expect(entries.map((e) => [e.fromSeq, e.toSeq, e.counts])).toEqual([
      [5, 5, { customers: { changed: 1 } }],
      [4, 4, { customers: { deleted: 1 } }],
      [1, 2, { customers: { changed: 1 }, orders: { added: 1 } }],
    ]);
  });

  it('a change taking records out of view is an entry of its own, apart from edits around it', () => {
    const entries = groupHistory([
      row(1, 0, [{ collection: 'customers', id: 'x', kind: 'added' }]),
      row(2, 1, [{ collection: 'customers', id: 'y', kind: 'broken' }]),
      row(3, 2, [{ collection: 'customers', id: 'z', kind: 'removed' }]),
      row(4, 3, [{ collection: 'customers', id: 'x', kind: 'changed' }]),
    ]);
    expect(entries.map((e) => [e.fromSeq, e.toSeq])).toEqual([[4, 4], [2, 3], [1, 1]]);
  });

  it('a peer taking more than the threshold out of view is a bulk entry of its own; consecutive bulk rows join', () => {
    const entries = groupHistory([
      row(1, 0, removed(1), 'peer', ['b']),
      row(2, 1, removed(BULK_CHANGE_THRESHOLD + 1, 1), 'peer', ['b']),
      row(3, 2, removed(BULK_CHANGE_THRESHOLD + 1, 100), 'peer', ['b']),
      row(4, 3, removed(BULK_CHANGE_THRESHOLD + 1, 200), 'local'),
    ]);
    expect(entries.map((e) => [e.fromSeq, e.toSeq, e.bulk, e.destructive])).toEqual([
      [4, 4, false, BULK_CHANGE_THRESHOLD + 1],
      [2, 3, true, 2 * BULK_CHANGE_THRESHOLD + 2],
      [1, 1, false, 1],
    ]);
  });
});

describe('planRestore', () => {
  const then = { id: 'c', name: 'Wang', status: 'active', notes: 'n', tags: ['vip'], custom: { f1: 'x' }, deletedAt: null, updatedAt: 't0', updatedBy: 'a' };
  it.each([
    ['gone from the document: written again whole', { state: 'absent' } as const, { kind: 'recreate', fields: then }],
    ['not a record any more: written again whole', { state: 'unreadable' } as const, { kind: 'recreate', fields: then }],
    [
      'changed since (by anyone): every differing field set back, fields added since cleared',
      { state: 'unreadable', fields: { ...then, status: 'garbage', extra: 1, custom: { f1: 'y', f2: 'z' }, updatedAt: 't9' } } as const,
      // Stamps count for an unreadable record (restoreRecords stamps it anew in any case).
      { kind: 'revert', patch: { status: 'active', extra: null, custom: { f1: 'x', f2: null }, updatedAt: 't0' } },
    ],
    ['unreadable for a broken stamp alone: the stamp is written', { state: 'unreadable', fields: { ...then, updatedAt: 5 } } as const, { kind: 'revert', patch: { updatedAt: 't0' } }],
    ['moved to the Trash since: taken out of it', { state: 'present', fields: { ...then, deletedAt: 't5' } } as const, { kind: 'revert', patch: { deletedAt: null } }],
    ['the same but for stamps: nothing', { state: 'present', fields: { ...then, updatedAt: 't9', updatedBy: 'b' } } as const, { kind: 'nothing' }],
  ])('%s', (_, now, expected) => {
    expect(planRestore(then, now)).toEqual(expected);
  });

  it('a record that did not exist then is left alone: a restore deletes nothing', () => {
    expect(planRestore(null, { state: 'present', fields: then })).toEqual({ kind: 'nothing' });
    expect(compareWithNow(null, { state: 'present', fields: then })).toBe('new-since');
  });

  it('a value too deep to compare (a hostile peer wrote it) is a difference, not an error', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    expect(compareWithNow(then, { state: 'present', fields: { ...then, extra: deep } })).toBe('changed');
    expect(planRestore(then, { state: 'present', fields: { ...then, extra: deep } })).toEqual({ kind: 'revert', patch: { extra: null } });
  });

  it('compares then with now for the preview', () => {
    expect(compareWithNow(then, { state: 'absent' })).toBe('missing-now');
    expect(compareWithNow(then, { state: 'present', fields: { ...then, deletedAt: 't' } })).toBe('deleted-now');
    expect(compareWithNow(then, { state: 'present', fields: { ...then, notes: 'm' } })).toBe('changed');
    expect(compareWithNow(then, { state: 'unreadable' })).toBe('unreadable-now');
    expect(compareWithNow(then, { state: 'present', fields: then })).toBe('same');
  });
});

import { describe, expect, it } from 'vitest';
import { allHoldTheSame, readPresence, type Teammate } from '../../../src/sync/presence';

const sv = (entries: [number, number][]) => new Map(entries);
const me = { clientId: 1, memberId: 'me', sv: sv([[1, 5], [2, 3]]) };

describe('presence', () => {
  it('lists others online, keeps those gone as offline, and skips this device and garbage', () => {
    const teammates = new Map<string, Teammate>([['gone', { memberId: 'gone', name: 'Zhao', online: true, lastSeen: 'earlier', viewing: null, hasAllMine: true }]]);
    const states: [number, unknown][] = [
      [1, { member: { id: 'me', name: 'Li' }, viewing: null, sv: { 1: 5 } }],
      [7, { member: { id: 'me', name: 'Li, other tab' }, viewing: null, sv: {} }],
      [2, { member: { id: 'wang', name: 'Wang Fang' }, viewing: 'c1', sv: { 1: 5, 2: 3 } }],
      [3, null],
      [4, { member: { id: 42 } }],
      [5, 'not a presence'],
    ];
    const { behind } = readPresence(teammates, states, me, 'now');
    expect(behind).toBe(false);
    expect([...teammates.values()]).toEqual([
      { memberId: 'gone', name: 'Zhao', online: false, lastSeen: 'earlier', viewing: null, hasAllMine: true },
      { memberId: 'wang', name: 'Wang Fang', online: true, lastSeen: 'now', viewing: 'c1', hasAllMine: true },
    ]);
  });

  it('tells when a teammate holds changes this device lacks, and whether it holds all of mine', () => {
    const teammates = new Map<string, Teammate>();
    const { behind } = readPresence(teammates, [[2, { member: { id: 'wang', name: 'Wang' }, viewing: null, sv: { 2: 4 } }]], me, 'now');
    expect(behind).toBe(true);
    expect(teammates.get('wang')?.hasAllMine).toBe(false);
  });

  it('is in sync only when every other device holds exactly the same', () => {
    const same = { member: { id: 'wang', name: 'Wang' }, viewing: null, sv: { 1: 5, 2: 3 } };
    expect(allHoldTheSame([[1, {}], [2, same]], me)).toBe(true);
    expect(allHoldTheSame([[2, same], [3, { ...same, sv: { 1: 5, 2: 3, 9: 1 } }]], me)).toBe(false);
    expect(allHoldTheSame([[2, same], [3, { ...same, sv: { 1: 4, 2: 3 } }]], me)).toBe(false);
    expect(allHoldTheSame([[2, { member: same.member }]], me)).toBe(false);
  });
});

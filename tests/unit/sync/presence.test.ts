import { describe, expect, it } from 'vitest';
import { readPresence, type Teammate } from '../../../src/sync/presence';
import { PRESENCE_LIMITS, PresenceReader, parsePresence } from '../../../src/sync/presence-state';

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
    const { presences, refused } = new PresenceReader().read(states, me.clientId);
    readPresence(teammates, presences, me, 'now');
    expect(refused).toEqual([4, 5]);
    expect([...teammates.values()]).toEqual([
      { memberId: 'gone', name: 'Zhao', online: false, lastSeen: 'earlier', viewing: null, hasAllMine: true },
      { memberId: 'wang', name: 'Wang Fang', online: true, lastSeen: 'now', viewing: 'c1', hasAllMine: true },
    ]);
  });

  it('tells whether a teammate holds all of this device’s changes', () => {
    const teammates = new Map<string, Teammate>();
    const { presences } = new PresenceReader().read([[2, { member: { id: 'wang', name: 'Wang' }, viewing: null, sv: { 2: 4 } }]], 1);
    readPresence(teammates, presences, me, 'now');
    expect(teammates.get('wang')?.hasAllMine).toBe(false);
  });
});

describe('presence from a peer: any shape, any size', () => {
  const member = { id: 'wang', name: 'Wang' };
  const deep = (depth: number): unknown => (depth === 0 ? {} : { sv: deep(depth - 1) });
  const manyClients = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), 1]));
  type Row = [name: string, raw: unknown, expected: 'ignored' | 'listed without sv' | Record<string, number>];
  const rows: Row[] = [
    ['a number', 42, 'ignored'],
    ['an array', [member], 'ignored'],
    ['member an array', { member: [member] }, 'ignored'],
    ['member id empty', { member: { id: '' }, sv: {} }, 'ignored'],
    ['member id a huge string', { member: { id: 'x'.repeat(1_000_000) }, sv: {} }, 'ignored'],
    ['member id an object', { member: { id: { toString: 'wang' } }, sv: {} }, 'ignored'],
    ['no sv', { member }, 'listed without sv'],
    ['sv an array', { member, sv: [1, 2] }, 'listed without sv'],
    ['sv a string', { member, sv: '1:5' }, 'listed without sv'],
    ['sv nested deeply', { member, sv: deep(5_000) }, 'listed without sv'],
    ['a clock that is not an integer', { member, sv: { 1: 1.5 } }, 'listed without sv'],
    ['a negative clock', { member, sv: { 1: -1 } }, 'listed without sv'],
    ['a clock past 2^53', { member, sv: { 1: 2 ** 60 } }, 'listed without sv'],
    ['a clock as a string', { member, sv: { 1: '5' } }, 'listed without sv'],
    ['a client id that is not a number', { member, sv: { abc: 1 } }, 'listed without sv'],
    ['a client id with a leading zero', { member, sv: { '01': 1 } }, 'listed without sv'],
    ['a negative client id', { member, sv: { '-1': 1 } }, 'listed without sv'],
    ['a client id past 32 bits', { member, sv: { 4294967296: 1 } }, 'listed without sv'],
    ['__proto__ as a client', JSON.parse('{"member":{"id":"wang"},"sv":{"__proto__":{"1":5}}}'), 'listed without sv'],
    [`more than ${PRESENCE_LIMITS.maxSvEntries} clients`, { member, sv: manyClients(PRESENCE_LIMITS.maxSvEntries + 1) }, 'listed without sv'],
    ['the largest client id and clock', { member, sv: { 4294967295: Number.MAX_SAFE_INTEGER } }, { 4294967295: Number.MAX_SAFE_INTEGER }],
    ['clock 999999999 for a client nobody knows', { member, sv: { 123456: 999999999 } }, { 123456: 999999999 }],
  ];

  it.each(rows)('%s', (_name, raw, expected) => {
    const teammates = new Map<string, Teammate>();
    const { presences, refused } = new PresenceReader().read([[2, raw]], 1);
    readPresence(teammates, presences, me, 'now');
    if (expected === 'ignored') {
      expect(presences.size).toBe(0);
      expect(teammates.size).toBe(0);
      expect(refused).toEqual([2]);
    } else if (expected === 'listed without sv') {
      expect(presences.get(2)?.sv).toBeNull();
      expect(teammates.get('wang')).toMatchObject({ online: true, hasAllMine: false });
      expect(refused).toEqual([2]);
    } else {
      expect(Object.fromEntries(presences.get(2)?.sv ?? [])).toEqual(expected);
      expect(refused).toEqual([]);
    }
  });

  it('cuts a long name and drops a viewing that is not an id', () => {
    expect(parsePresence({ member: { id: 'wang', name: '王'.repeat(10_000) }, viewing: 'c'.repeat(10_000), sv: {} })).toEqual({
      member: { id: 'wang', name: '王'.repeat(100) },
      viewing: null,
      sv: new Map(),
      format: null,
      peer: null,
    });
    expect(parsePresence({ member: { id: 'wang', name: 7 }, viewing: { id: 'c1' }, sv: {} })?.member.name).toBe('');
  });

  it(`reads at most ${PRESENCE_LIMITS.maxStates} presences and ${PRESENCE_LIMITS.maxSvEntriesTotal} clients in all`, () => {
    const states: [number, unknown][] = Array.from({ length: 1_000 }, (_, i) => [i + 10, { member: { id: `m${i}` }, sv: { 1: 5 } }]);
    const many = new PresenceReader().read(states, 1);
    expect(many.presences.size).toBe(PRESENCE_LIMITS.maxStates);
    expect(many.refused).toHaveLength(1_000 - PRESENCE_LIMITS.maxStates);

    const big = { member, sv: manyClients(PRESENCE_LIMITS.maxSvEntries) };
    const heavy = new PresenceReader().read([2, 3, 4, 5, 6].map((id) => [id, { ...big, member: { id: `m${id}` } }]), 1);
    expect([...heavy.presences.values()].filter((p) => p.sv !== null)).toHaveLength(4);
    expect(heavy.refused).toEqual([6]);
  });
});

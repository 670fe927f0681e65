import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { watchConflicts, type FieldConflict } from '../../../src/sync/conflicts';
import { memberOfClient, registerClient } from '../../../src/sync/clients';
import { collection } from '../../../src/workspace/layout';
import { LOAD_ORIGIN } from '../../../src/workspace/origins';
import { insertRecord, patchRecord, purgeRecord, readRecordById, softDeleteRecord } from '../../../src/workspace/record-commands';
import type { Workspace } from '../../../src/workspace/workspace';
import { customerFields } from '../support/fixtures';
import { REMOTE, canonicalJson, replica, sendLive, sendState, type Replica } from './conflict-harness';

const ID = '01960000-0000-7000-8000-000000000001';

/** The newest report per (record, key, writer of the lost value), as the UI would keep them. */
function latest(conflicts: FieldConflict[]): FieldConflict[] {
  const byKey = new Map<string, FieldConflict>();
  for (const c of conflicts) byKey.set(`${c.collection}/${c.recordId}/${c.key}/${c.otherClient}`, c);
  return [...byKey.values()];
}

/** Li (client 1) creates a customer and both devices have it; then both work offline. */
function pair(options: Parameters<typeof replica>[2] = {}) {
  const a = replica(1, 'member-li', options, 0);
  const b = replica(2, 'member-you', options, 500);
  insertRecord(a.ws, 'customers', customerFields({ name: 'Ann', tags: ['vip'], custom: { f1: 'x' } }), ID);
  sendState(a, b);
  a.local.length = 0;
  return { a, b };
}

function mapOf(r: Replica) {
  return collection(r.doc, 'customers').get(ID)!;
}

const edit = (patch: object) => (ws: Workspace) => void patchRecord(ws, 'customers', ID, patch);

type Delivery = 'live updates both ways' | "Li's state to you, then yours to Li" | "your state to Li, then Li's to you";
const deliveries: Delivery[] = ['live updates both ways', "Li's state to you, then yours to Li", "your state to Li, then Li's to you"];

function deliver(mode: Delivery, a: Replica, b: Replica) {
  if (mode === 'live updates both ways') {
    sendLive(a, b);
    sendLive(b, a);
  } else if (mode === "Li's state to you, then yours to Li") {
    sendState(a, b);
    sendState(b, a);
  } else {
    sendState(b, a);
    sendState(a, b);
  }
}

interface Row {
  name: string;
  li: ((ws: Workspace) => void)[];
  you: ((ws: Workspace) => void)[];
  /** What the conflict is about, or null when there must be none. */
  conflict: Pick<FieldConflict, 'key' | 'field' | 'tag' | 'customFieldId'> | null;
}

const rows: Row[] = [
  { name: 'same field, different values', li: [edit({ name: 'Ann Li' })], you: [edit({ name: 'Ann You' })], conflict: { key: 'name', field: 'name' } },
  { name: 'same field, several edits each', li: [edit({ notes: 'a1' }), edit({ notes: 'a2' })], you: [edit({ notes: 'b1' }), edit({ notes: 'b2' })], conflict: { key: 'notes', field: 'notes' } },
  { name: 'different fields', li: [edit({ name: 'Ann Li' })], you: [edit({ status: 'lost' })], conflict: null },
  { name: 'different tags added', li: [edit({ tags: ['vip', 'a'] })], you: [edit({ tags: ['vip', 'b'] })], conflict: null },
  { name: 'the same tag added by both (equal values)', li: [edit({ tags: ['vip', 'new'] })], you: [edit({ tags: ['vip', 'new'] })], conflict: null },
  {
    name: 'tag removed by Li, removed and added back by you',
    li: [edit({ tags: [] })],
    you: [edit({ tags: [] }), edit({ tags: ['vip'] })],
    conflict: { key: 'tag:vip', field: 'tags', tag: 'vip' },
  },
  {
    name: 'tag removed by Li, removed and added back by you, then removed again by Li',
    li: [edit({ tags: [] }), edit({ tags: ['vip'] }), edit({ tags: [] })],
    you: [edit({ tags: [] }), edit({ tags: ['vip'] })],
    conflict: { key: 'tag:vip', field: 'tags', tag: 'vip' },
  },
  {
    name: 'tag added by Li, added and removed again by you',
    li: [edit({ tags: ['vip', 'x'] })],
    you: [edit({ tags: ['vip', 'x'] }), edit({ tags: ['vip'] })],
    conflict: { key: 'tag:x', field: 'tags', tag: 'x' },
  },
  { name: 'custom field', li: [edit({ custom: { f1: 'y' } })], you: [edit({ custom: { f1: 3 } })], conflict: { key: 'cf:f1', field: 'custom', customFieldId: 'f1' } },
  { name: 'soft deleted by both (different timestamps)', li: [(ws) => softDeleteRecord(ws, 'customers', ID)], you: [(ws) => softDeleteRecord(ws, 'customers', ID)], conflict: { key: 'deletedAt', field: 'deletedAt' } },
];

describe('watchConflicts: two devices that edited offline', () => {
  const cases = rows.flatMap((row) => deliveries.map((mode) => ({ ...row, mode })));
  it.each(cases)('$name ($mode)', ({ li, you, conflict, mode }) => {
    const { a, b } = pair();
    for (const fn of li) fn(a.ws);
    for (const fn of you) fn(b.ws);
    deliver(mode, a, b);

    expect(canonicalJson(a.doc.toJSON())).toBe(canonicalJson(b.doc.toJSON()));
    if (conflict === null) {
      // Only a write that arrives already garbage-collected can't be compared with the kept value.
      for (const c of [...a.conflicts, ...b.conflicts]) expect(c.otherValueKnown).toBe(false);
      if (mode === 'live updates both ways') expect([...a.conflicts, ...b.conflicts]).toEqual([]);
      return;
    }
    // Both sides report the conflict (newest report per writer): the same two writes, the same kept value.
    const [la, lb] = [latest(a.conflicts), latest(b.conflicts)];
    expect(la).toHaveLength(1);
    expect(lb).toHaveLength(1);
    const [ca, cb] = [la[0]!, lb[0]!];
    for (const c of [ca, cb]) {
      expect(c).toMatchObject({ collection: 'customers', recordId: ID, ...conflict });
      if (conflict.field !== 'tags') expect(c).not.toHaveProperty('tag');
      if (conflict.field !== 'custom') expect(c).not.toHaveProperty('customFieldId');
      expect(c.keptClient).not.toBe(c.otherClient);
      // One update per edit: the kept value is the one kept when the conflict was detected; the
      // winner's later edits of the field are ordinary edits.
      if (mode !== 'live updates both ways') expect(c.keptValue).toEqual(mapOf(a).get(conflict.key));
    }
    const pairOf = (c: FieldConflict) => [c.keptClient, c.otherClient, c.otherClock];
    expect(pairOf(ca)).toEqual(pairOf(cb));
    if (mode !== 'live updates both ways') expect(ca.keptClock).toBe(cb.keptClock);

    // The author of the lost write always sees its value; the winner sees it unless the loser's
    // write only reached it after the loser's device had integrated (and garbage-collected) it.
    const [loser, winner] = ca.otherClient === a.doc.clientID ? [a, b] : [b, a];
    const loserReport = latest(loser.conflicts)[0]!;
    const winnerReport = latest(winner.conflicts)[0]!;
    expect(loserReport.otherValueKnown).toBe(true);
    const loserSentSecond = (mode === "Li's state to you, then yours to Li" && loser === b) || (mode === "your state to Li, then Li's to you" && loser === a);
    expect(winnerReport.otherValueKnown).toBe(!loserSentSecond);
    if (!loserSentSecond) expect(winnerReport.otherValue).toEqual(loserReport.otherValue);
  });

  it('report the value each side wrote last when their edits arrive together', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { notes: 'a1' });
    patchRecord(a.ws, 'customers', ID, { notes: 'a2' });
    patchRecord(b.ws, 'customers', ID, { notes: 'b1' });
    sendState(a, b);
    sendState(b, a);
    // Client 2 wins a tie of two writes over the same value (Yjs orders them by client id).
    expect(readRecordById(a.ws, 'customers', ID)!.notes).toBe('b1');
    for (const r of [a, b]) expect(r.conflicts).toMatchObject([{ field: 'notes', keptValue: 'b1', keptClient: 2, otherValue: 'a2', otherClient: 1, otherValueKnown: true }]);
  });

  it('report an intermediate value too when the edits arrive one update at a time', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { notes: 'a1' });
    patchRecord(a.ws, 'customers', ID, { notes: 'a2' });
    patchRecord(b.ws, 'customers', ID, { notes: 'b1' });
    sendLive(a, b);
    // a1 had not been overwritten by Li yet as far as this device could know when it arrived.
    expect(b.conflicts.map((c) => c.otherValue)).toEqual(['a1', 'a2']);
    expect(latest(b.conflicts)).toMatchObject([{ keptValue: 'b1', otherValue: 'a2' }]);
  });

  it('a lost write equal to the kept value is held back and reported once the value moves away from it', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { tags: [] }); // Li removes vip
    patchRecord(b.ws, 'customers', ID, { tags: [] }); // you remove vip too (your write wins the tie)
    patchRecord(b.ws, 'customers', ID, { tags: ['vip'] }); // ... and add it back
    const [youRemove, youAddBack] = b.local;
    Y.applyUpdate(a.doc, youRemove!, REMOTE);
    expect(a.conflicts).toEqual([]);
    Y.applyUpdate(a.doc, youAddBack!, REMOTE);
    expect(a.conflicts).toMatchObject([{ key: 'tag:vip', keptValue: true, keptClient: 2, otherValue: null, otherClient: 1 }]);
  });

  it('a held-back write is forgotten when someone here writes the key, having seen the value', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { notes: 'same' });
    patchRecord(b.ws, 'customers', ID, { notes: 'same' });
    sendLive(b, a); // Li's write loses to an equal one: held back
    patchRecord(a.ws, 'customers', ID, { notes: 'Li, after seeing it' });
    patchRecord(b.ws, 'customers', ID, { notes: 'you, not having seen it' });
    sendLive(b, a);
    // Only the new conflict; Li's first write is not reported against your second one.
    expect(a.conflicts).toHaveLength(1);
    expect([a.conflicts[0]!.keptValue, a.conflicts[0]!.otherValue].sort()).toEqual(['Li, after seeing it', 'you, not having seen it']);
  });

  it('an author who overwrites its lost write after seeing the winner resolved the conflict: the others see an ordinary edit', () => {
    const { a, b } = pair();
    const c = replica(3, 'member-wang');
    sendState(a, c);
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' }); // wins
    sendLive(b, a);
    expect(a.conflicts).toMatchObject([{ keptValue: 'Ann You', otherValue: 'Ann Li' }]);
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li-You' }); // Li saw yours and chose again

    // Wang's device gets all three writes at once, your device both of Li's writes in one update.
    sendState(a, c);
    Y.applyUpdate(b.doc, Y.mergeUpdates(a.local), REMOTE);
    expect(mapOf(b).get('name')).toBe('Ann Li-You');
    expect(c.conflicts).toEqual([]);
    expect(b.conflicts).toEqual([]);
  });

  it('... but one update per edit, the first of them is judged before the second arrives', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' });
    sendLive(b, a);
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li-You' });
    sendLive(a, b);
    expect(b.conflicts).toMatchObject([{ keptValue: 'Ann You', otherValue: 'Ann Li' }]);
  });

  it('sequential edits of the same field never report', () => {
    const { a, b } = pair();
    for (let i = 0; i < 4; i++) {
      const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
      patchRecord(from.ws, 'customers', ID, { name: `name ${i}`, tags: [`t${i}`], custom: { f1: i } });
      sendState(from, to);
    }
    sendLive(a, b);
    sendLive(b, a);
    expect(a.conflicts).toEqual([]);
    expect(b.conflicts).toEqual([]);
  });

  it('a losing write that arrives is integrated and deleted at once: no key change event, but its key is in transaction.changed', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' }); // client 2: wins
    const events: { keys: string[]; changed: string[] }[] = [];
    mapOf(b).observe((event, tr) => {
      const changed = [...tr.changed].find(([type]) => (type as unknown) === mapOf(b))?.[1] ?? new Set();
      events.push({ keys: [...event.keys.keys()], changed: [...changed].map(String) });
    });
    sendLive(a, b);

    expect(mapOf(b).get('name')).toBe('Ann You');
    expect(events).toHaveLength(1);
    expect(events[0]!.keys).not.toContain('name');
    expect(events[0]!.changed).toContain('name');
    expect(b.conflicts).toMatchObject([{ key: 'name', keptValue: 'Ann You', keptClient: 2, otherValue: 'Ann Li', otherClient: 1, otherValueKnown: true }]);
  });

  it('a relayed deletion of your write that overtakes the write that beat it: reported, with your value, when that write arrives', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' }); // wins
    sendLive(a, b);
    // What your device re-broadcasts after integrating Li's write: Li's item (already collected)
    // and its deletion, but not your write, which Li's device has not seen yet.
    const relayed = b.log[b.log.length - 1]!;
    Y.applyUpdate(a.doc, relayed, REMOTE);
    expect(a.conflicts).toEqual([]);
    // Until your write arrives, Li's device has no value for the key at all: reads fall back to base.
    expect(mapOf(a).get('name')).toBeUndefined();
    expect(readRecordById(a.ws, 'customers', ID)!.name).toBe('Ann');
    sendLive(b, a);
    expect(a.conflicts).toMatchObject([{ key: 'name', keptValue: 'Ann You', keptClient: 2, otherValue: 'Ann Li', otherValueKnown: true, otherClient: 1 }]);
    sendState(b, a);
    expect(a.conflicts).toHaveLength(1);
  });

  it('duplicate delivery reports nothing new', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' });
    for (let i = 0; i < 3; i++) deliver('live updates both ways', a, b);
    sendState(a, b);
    sendState(b, a);
    expect(a.conflicts).toHaveLength(1);
    expect(b.conflicts).toHaveLength(1);
  });

  it('equal values are reported only with reportEqualValues', () => {
    const { a, b } = pair({ reportEqualValues: true });
    patchRecord(a.ws, 'customers', ID, { tags: ['vip', 'new'] });
    patchRecord(b.ws, 'customers', ID, { tags: ['vip', 'new'] });
    deliver('live updates both ways', a, b);
    for (const r of [a, b]) expect(r.conflicts).toMatchObject([{ key: 'tag:new', field: 'tags', tag: 'new', keptValue: true, otherValue: true }]);
  });

  it('updatedAt and updatedBy are ignored unless ignoreKeys says otherwise', () => {
    const { a, b } = pair({ ignoreKeys: [] });
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { status: 'lost' });
    deliver('live updates both ways', a, b);
    for (const r of [a, b]) expect(r.conflicts.map((c) => c.key).sort()).toEqual(['updatedAt', 'updatedBy']);
  });

  it('a record deleted forever while the other device edited it: no report, no error', () => {
    const { a, b } = pair();
    purgeRecord(a.ws, 'customers', ID);
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' });
    deliver('live updates both ways', a, b);
    expect(collection(a.doc, 'customers').has(ID)).toBe(false);
    expect(collection(b.doc, 'customers').has(ID)).toBe(false);
    expect([...a.conflicts, ...b.conflicts]).toEqual([]);
  });
});

describe('watchConflicts: local transactions and loads', () => {
  it('never report, whatever they write', () => {
    const a = replica(1, 'member-li');
    insertRecord(a.ws, 'customers', customerFields({ name: 'Ann', tags: ['vip'] }), ID);
    for (let i = 0; i < 5; i++) patchRecord(a.ws, 'customers', ID, { name: `n${i}`, tags: i % 2 ? ['vip'] : [] });
    a.ws.transact(() => {
      mapOf(a).set('name', 'x');
      mapOf(a).set('name', 'y');
    });
    a.doc.transact(() => mapOf(a).set('notes', 'no origin'));
    softDeleteRecord(a.ws, 'customers', ID);
    purgeRecord(a.ws, 'customers', ID);
    expect(a.conflicts).toEqual([]);
  });

  it('are not confused by replaying a log that holds old conflicts (LOAD_ORIGIN)', () => {
    const { a, b } = pair();
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' });
    deliver('live updates both ways', a, b);
    const reopened = replica(9, 'member-li');
    for (const update of a.log) Y.applyUpdate(reopened.doc, update, LOAD_ORIGIN);
    expect(reopened.conflicts).toEqual([]);
    expect(readRecordById(reopened.ws, 'customers', ID)!.name).toBe('Ann You');
  });

  it('stop watching', () => {
    const { a, b } = pair();
    const seen: FieldConflict[] = [];
    const stop = watchConflicts(b.doc, (c) => seen.push(c));
    stop();
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' });
    sendLive(a, b);
    expect(seen).toEqual([]);
    expect(b.conflicts).toHaveLength(1);
  });

  it('an error in onConflict goes to onError and never breaks applying the update', () => {
    const { a, b } = pair();
    const errors: unknown[] = [];
    watchConflicts(b.doc, () => { throw new Error('boom'); }, { onError: (e) => errors.push(e) });
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' });
    sendLive(a, b);
    expect(errors).toHaveLength(1);
    expect(mapOf(b).get('name')).toBe('Ann You');
  });
});

describe('watchConflicts: a third device', () => {
  function trio() {
    const a = replica(1, 'member-li', {}, 0);
    const b = replica(2, 'member-you', {}, 500);
    const c = replica(3, 'member-wang', {}, 900);
    insertRecord(a.ws, 'customers', customerFields({ name: 'Ann' }), ID);
    sendState(a, b);
    sendState(a, c);
    a.local.length = 0;
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' }); // client 2 beats client 1
    return { a, b, c };
  }

  const expected = { key: 'name', keptValue: 'Ann You', keptClient: 2, otherClient: 1 };

  it('reports the conflict with its value when both live updates arrive in one update', () => {
    const { a, b, c } = trio();
    Y.applyUpdate(c.doc, Y.mergeUpdates([...a.local, ...b.local]), REMOTE);
    expect(c.conflicts).toMatchObject([{ ...expected, otherValue: 'Ann Li', otherValueKnown: true }]);
  });

  it.each([
    ["Li's then yours", (a: Replica, b: Replica, c: Replica) => (sendLive(a, c), sendLive(b, c))],
    ["yours then Li's", (a: Replica, b: Replica, c: Replica) => (sendLive(b, c), sendLive(a, c))],
  ])('reports it with its value when the two writes arrive one after the other (%s)', (_name, send) => {
    const { a, b, c } = trio();
    send(a, b, c);
    expect(c.conflicts).toMatchObject([{ ...expected, otherValue: 'Ann Li', otherValueKnown: true }]);
  });

  it('knows there was a conflict but not the lost value when it gets both from a device that already merged them', () => {
    const { a, b, c } = trio();
    sendLive(b, a); // Li's write loses on Li's device; its content is garbage-collected there
    expect(a.conflicts).toMatchObject([{ ...expected, otherValue: 'Ann Li', otherValueKnown: true }]);
    sendState(a, c);
    expect(c.conflicts).toMatchObject([{ ...expected, otherValue: undefined, otherValueKnown: false }]);
    sendState(b, c);
    sendLive(a, c);
    expect(c.conflicts).toHaveLength(1);
  });

  it('detects conflicts in a record it receives together with its creation', () => {
    const a = replica(1, 'member-li');
    const b = replica(2, 'member-you');
    const c = replica(3, 'member-wang');
    insertRecord(a.ws, 'customers', customerFields({ name: 'Ann', tags: ['vip'] }), ID);
    sendLive(a, b);
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li', tags: [] });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You', tags: ['vip', 'new'] });
    patchRecord(b.ws, 'customers', ID, { tags: ['new'] });
    Y.applyUpdate(c.doc, Y.mergeUpdates([...a.local, ...b.local]), REMOTE);
    expect(readRecordById(c.ws, 'customers', ID)).toMatchObject({ name: 'Ann You', tags: ['new'] });
    // Both removed vip (equal values): only the name is reported.
    expect(c.conflicts).toMatchObject([{ key: 'name', keptValue: 'Ann You', otherValue: 'Ann Li', otherValueKnown: true }]);
  });

  it('three writes at once: every lost one is reported', () => {
    const { a, b, c } = trio();
    patchRecord(c.ws, 'customers', ID, { name: 'Ann Wang' }); // client 3 wins
    const d = replica(4, 'member-zhao');
    sendState(a, d);
    d.conflicts.length = 0;
    Y.applyUpdate(d.doc, Y.mergeUpdates([...a.local.slice(1), ...b.local, ...c.local]), REMOTE);
    expect(mapOf(d).get('name')).toBe('Ann Wang');
    expect(d.conflicts.map((x) => [x.keptValue, x.otherValue]).sort()).toEqual([
      ['Ann Wang', 'Ann Li'],
      ['Ann Wang', 'Ann You'],
    ]);
    // Each device reports every lost write once, whatever it kept at that moment; each author
    // hears about its own lost write, with its value.
    for (const r of [a, b, c]) for (const s of [a, b, c]) if (r !== s) sendLive(s, r);
    for (const r of [a, b, c]) {
      expect(r.conflicts.map((x) => x.otherValue).sort()).toEqual(['Ann Li', 'Ann You']);
      expect(r.conflicts.every((x) => x.otherValueKnown)).toBe(true);
    }
    expect(c.conflicts.map((x) => x.keptValue)).toEqual(['Ann Wang', 'Ann Wang']);
  });
});

describe('registerClient / memberOfClient', () => {
  it('name the people behind a conflict, on every device', () => {
    const { a, b } = pair();
    registerClient(a.doc, 'member-li');
    registerClient(b.doc, 'member-you');
    const before = a.local.length;
    registerClient(a.doc, 'member-li');
    expect(a.local.length).toBe(before); // written once per doc instance
    patchRecord(a.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(b.ws, 'customers', ID, { name: 'Ann You' });
    deliver('live updates both ways', a, b);
    for (const r of [a, b]) {
      const c = r.conflicts[0]!;
      expect(memberOfClient(r.doc, c.keptClient)).toBe('member-you');
      expect(memberOfClient(r.doc, c.otherClient)).toBe('member-li');
    }
    expect(memberOfClient(a.doc, 12345)).toBeUndefined();
  });
});

describe('watchConflicts: a hostile value', () => {
  it('is reported as unknown, never compared or kept: a field nested 3,000 levels deep', () => {
    const { a, b } = pair();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 3000; i++) deep = { next: deep };
    a.doc.transact(() => mapOf(a).set('notes', deep));
    patchRecord(b.ws, 'customers', ID, { notes: 'b1' });
    sendState(a, b);
    sendState(b, a);
    for (const r of [a, b]) expect(r.conflicts).toMatchObject([{ field: 'notes', keptValue: 'b1', otherValue: undefined, otherValueKnown: false }]);
  });
});

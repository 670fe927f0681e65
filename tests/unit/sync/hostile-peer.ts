import * as Y from 'yjs';
import type { SeededRandom } from '../../../src/domain/seeded-random';
import { activityLog, collection, collectionNames, metaMap, settingsMap, type CollectionName } from '../../../src/workspace/layout';
import { newRecordMap } from '../../../src/workspace/record-map';
import { contactRecord, customerRecord } from '../support/fixtures';

/**
 * A hostile teammate for the fuzz suite: it holds a copy of the workspace and writes malformed
 * entries at every level of the layout (docs/workspace-format.md) in its own transactions, and
 * remembers what each entry of the victim's read tables must become: a row ('valid'), a data
 * problem ('invalid') or nothing ('gone').
 */
export type Expect = 'valid' | 'invalid' | 'gone';

const T = '2026-03-01T08:00:00.000Z';

export function nested(rng: SeededRandom, depth: number): unknown {
  let value: unknown = rng.pick(['leaf', 1, null, true]);
  for (let i = 0; i < depth; i++) value = rng.chance(0.5) ? { next: value } : [value];
  return value;
}

/** Deep enough to pass the depth bound; now and then 3,000 levels, as in issue 19 (most cases stay cheap to encode). */
function deepDepth(rng: SeededRandom): number {
  return rng.chance(0.05) ? rng.int(1000, 3000) : rng.int(33, 80);
}

/** A plain value (what Yjs stores as JSON) that is never a record, or never a valid field. */
export function hostilePlain(rng: SeededRandom): unknown {
  // Values of hundreds of kilobytes are rare: a few per document keep the run fast.
  const huge = rng.chance(0.02);
  switch (huge ? rng.pick([6, 7, 12, 6, 7, 12, 6, 11]) : rng.pick([0, 1, 2, 3, 4, 5, 8, 9, 10, 13, 14])) {
    case 0: return 'garbage';
    case 1: return rng.pick([0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY]);
    case 2: return rng.chance(0.5);
    case 3: return null;
    case 4: return ['a', 1, { b: 2 }];
    case 5: return { base: customerRecord() };
    case 6: return 'x'.repeat(100_001);
    case 7: return new Array(50_001).fill(1);
    case 8: return nested(rng, deepDepth(rng));
    case 9: return new Uint8Array(rng.int(0, 64));
    case 10: return BigInt(rng.int(0, 1000));
    case 11: return Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, 'v'.repeat(1_000)]));
    case 12: return { ['k'.repeat(100_001)]: 1 };
    case 13: return new Y.Doc();
    default: return undefined;
  }
}

/** A shared type where a plain value belongs; always fresh, so it can be inserted. */
export function hostileType(rng: SeededRandom): Y.AbstractType<never> {
  switch (rng.int(0, 5)) {
    case 0: return new Y.Text('text') as never;
    case 1: return Y.Array.from([1, 'two', { three: 3 }]) as never;
    case 2: {
      const map = new Y.Map<unknown>();
      map.set('base', rng.pick(['not an object', [1, 2], 42, null]));
      return map as never;
    }
    case 3: return new Y.XmlFragment() as never;
    case 4: return new Y.XmlElement('p') as never;
    default: return new Y.XmlText('xml') as never;
  }
}

/** A map shaped like a record but wrong inside; `base` a shared type, or an override that is one. */
function wrongRecordMap(rng: SeededRandom, id: string): Y.Map<unknown> {
  const full = rng.chance(0.5);
  const map = full ? newRecordMap(customerRecord({ id })) : new Y.Map<unknown>();
  if (!full || rng.chance(0.3)) map.set('base', rng.chance(0.5) ? hostileType(rng) : rng.pick(['str', [1], 7, true]));
  else map.set(rng.pick(['name', 'cf:x', 'tag:evil', 'extra']), hostileType(rng));
  return map;
}

export function weirdKey(rng: SeededRandom): string {
  switch (rng.int(0, 4)) {
    case 0: return '';
    case 1: return 'k'.repeat(rng.chance(0.05) ? rng.int(10_000, 200_000) : rng.int(65, 500));
    case 2: return `bad\u0000key${rng.int(0, 1e6)}`;
    case 3: return `line\nbreak${rng.int(0, 1e6)}`;
    default: return `${'x'.repeat(64)}${rng.int(0, 1e6)}`;
  }
}

/**
 * Field edits of a customer map with their effect: the record stays valid or is refused. The
 * edits that keep a record valid use fields no refused edit touches, so a refused record stays
 * refused whatever follows.
 */
const fieldAttacks: ((rng: SeededRandom) => [string, unknown, boolean])[] = [
  () => ['unknownField', { any: 'thing', n: [1, 2] }, true],
  () => ['tag:vip', 'not true', true],
  (rng) => ['extra', nested(rng, deepDepth(rng)), false],
  (rng) => ['notes', 'n'.repeat(rng.chance(0.05) ? 100_001 : 20_001), false],
  () => ['name', 42, false],
  (rng) => ['name', hostileType(rng), false],
  () => ['base', 'not an object', false],
  (rng) => ['cf:x', nested(rng, 40), false],
  () => ['status', 'bogus', false],
  () => ['createdAt', 'yesterday', false],
  () => ['id', 'another-id', false],
];

/** Activity entries: a valid one (fresh id) or one refused for its shape. */
function activityEntry(rng: SeededRandom, id: string): [unknown, boolean] {
  const good = { id, at: T, by: 'member-x', collection: 'customers', recordId: id, customerId: null, kind: 'update', field: 'name', old: 'a', new: 'b' };
  switch (rng.int(0, 6)) {
    case 0: return [good, true];
    case 1: return [{ ...good, new: nested(rng, deepDepth(rng)) }, false];
    case 2: return [{ ...good, kind: 'explode' }, false];
    case 3: return [{ ...good, at: 'not a date' }, false];
    case 4: return [{ ...good, field: 'f'.repeat(201) }, false];
    case 5: return [{ ...good, field: new Uint8Array(3) }, false];
    default: return [good, true];
  }
}

/**
 * An update from a device whose document uses the layout's names with other types: the
 * collections as lists, the activity log as a map, the settings as text. Yjs lets any peer send
 * that; the names' types are only decided by whoever reads them.
 */
export function confusedUpdate(rng: SeededRandom): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = rng.int(4_000_000, 5_000_000);
  doc.transact(() => {
    doc.getArray(rng.pick(collectionNames)).push(['garbage', { id: 'x' }, [[1n]]]);
    doc.getMap('activity').set(rng.pick(['0', 'id', 'x']), { id: 'y' });
    doc.getText('settings').insert(0, 'name');
    doc.getXmlFragment('meta').insert(0, [new Y.XmlText('x')]);
  });
  return Y.encodeStateAsUpdate(doc);
}

export interface Expectations {
  records: Map<string, { collection: CollectionName; key: string; expect: Expect; why?: string }>;
  /** Activity entries by id (those without one are only counted). */
  activity: Map<string, Expect>;
  settings: Map<string, Expect>;
}

export function newExpectations(): Expectations {
  return { records: new Map(), activity: new Map(), settings: new Map() };
}

/**
 * Applies one random attack to `doc` (call it inside a transaction) and records what the
 * victim must show for it. Returns false for a valid write (not counted as a malformed case).
 */
export function attack(doc: Y.Doc, rng: SeededRandom, seen: Expectations): boolean {
  const records = [...seen.records.values()];
  const expect = (name: CollectionName, key: string, value: Expect, why?: string) => seen.records.set(`${name}/${key}`, { collection: name, key, expect: value, why });
  const freshId = () => rng.id(Date.parse(T) + rng.int(0, 1e9));
  const kind = rng.int(0, 99);
  if (kind < 22) {
    const name = rng.pick(collectionNames);
    const key = rng.chance(0.3) && records.length ? rng.pick(records).key : rng.chance(0.2) ? weirdKey(rng) : freshId();
    const target = records.find((r) => r.key === key)?.collection ?? name;
    const value = rng.chance(0.5) ? hostilePlain(rng) : hostileType(rng);
    collection(doc, target).set(key, value as Y.Map<unknown>);
    expect(target, key, 'invalid', `entry ${String(value).slice(0, 40)}`);
  } else if (kind < 32) {
    const weird = rng.chance(0.3);
    const key = weird ? weirdKey(rng) : freshId();
    const wrong = rng.chance(0.5);
    collection(doc, 'customers').set(key, wrong ? wrongRecordMap(rng, key) : newRecordMap(customerRecord({ id: key })));
    expect('customers', key, weird || wrong ? 'invalid' : 'valid', `record map, weird key ${weird}, wrong ${wrong}`);
    return weird || wrong;
  } else if (kind < 45) {
    const maps = records.filter((r) => r.collection === 'customers' && collection(doc, 'customers').get(r.key) instanceof Y.Map && r.expect !== 'gone');
    if (!maps.length) return attack(doc, rng, seen);
    const target = rng.pick(maps);
    const [field, value, keepsValid] = rng.pick(fieldAttacks)(rng);
    collection(doc, 'customers').get(target.key)!.set(field, value);
    if (!keepsValid) {
      target.expect = 'invalid';
      target.why = `${field} = ${String(value).slice(0, 40)}`;
    }
    return !keepsValid;
  } else if (kind < 50) {
    const id = freshId();
    collection(doc, rng.chance(0.5) ? 'customers' : 'contacts').set(id, newRecordMap(rng.chance(0.5) ? customerRecord({ id, name: `Valid ${id.slice(-4)}` }) : contactRecord({ id })));
    // A contact fixture under customers fails the customer schema, and the other way round.
    const name = [...collectionNames].find((n) => collection(doc, n).has(id))!;
    const isCustomer = 'kind' in (collection(doc, name).get(id)!.get('base') as object);
    expect(name, id, (name === 'customers') === isCustomer ? 'valid' : 'invalid');
    return (name === 'customers') !== isCustomer;
  } else if (kind < 56) {
    if (!records.length) return attack(doc, rng, seen);
    const target = rng.pick(records);
    collection(doc, target.collection).delete(target.key);
    target.expect = 'gone';
    return false;
  } else if (kind < 72) {
    const entries: unknown[] = [];
    let malformed = false;
    for (let i = rng.int(1, 3); i > 0; i--) {
      if (rng.chance(0.25)) {
        // An array takes neither undefined nor a bigint at its top level (Yjs throws); inside a value it does.
        const value = rng.chance(0.5) ? hostilePlain(rng) : hostileType(rng);
        entries.push(value === undefined || typeof value === 'bigint' ? [value] : value);
        malformed = true;
        continue;
      }
      const id = freshId();
      const [entry, valid] = activityEntry(rng, id);
      entries.push(entry);
      seen.activity.set(id, valid ? 'valid' : 'invalid');
      malformed ||= !valid;
    }
    activityLog(doc).push(entries);
    return malformed;
  } else if (kind < 84) {
    const settings = settingsMap(doc);
    const key = rng.pick(['name', 'defaultRegion', 'crm', 'futureSetting']);
    const bad = rng.chance(0.7);
    if (!bad) settings.set(key, key === 'name' ? 'Shop 2' : key === 'defaultRegion' ? 'US' : { currency: 'CNY' });
    else if (rng.chance(0.4)) settings.set(key, hostileType(rng));
    // '' is a valid name now: no name chosen (the default follows the language).
    else if (key === 'name') settings.set(key, rng.pick<unknown>([42, 'n'.repeat(500)]));
    else if (key === 'defaultRegion') settings.set(key, rng.pick<unknown>(['ZZ', 7, null]));
    else settings.set(key, nested(rng, deepDepth(rng)));
    seen.settings.set(key, bad ? 'invalid' : 'valid');
    return bad;
  } else if (kind < 94) {
    // Names this version does not know, and the meta map: kept, never projected, never a crash.
    const target = rng.int(0, 3);
    if (target === 0) doc.getMap(`future-${rng.int(0, 3)}`).set(freshId(), rng.chance(0.5) ? hostilePlain(rng) : hostileType(rng));
    else if (target === 1) doc.getArray(`future-list-${rng.int(0, 3)}`).push([[hostilePlain(rng)]]);
    else if (target === 2) doc.getText(`future-text-${rng.int(0, 3)}`).insert(0, 'x'.repeat(rng.int(1, 10_000)));
    else metaMap(doc).set(rng.pick(['schemaVersion', 'workspaceId', 'other']), rng.chance(0.5) ? hostilePlain(rng) : hostileType(rng));
    return true;
  } else if (kind < 99) {
    return attack(doc, rng, seen);
  } else {
    // A record map with more keys than any record has.
    const key = freshId();
    const map = newRecordMap(customerRecord({ id: key }));
    collection(doc, 'customers').set(key, map);
    for (let i = 0; i < 5_001; i++) map.set(`tag:t${i}`, true);
    expect('customers', key, 'invalid', 'many keys');
    return true;
  }
  return true;
}

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Projection } from '../../../src/storage/projection';
import { InThreadSink, type ProjectionSink } from '../../../src/storage/projection-sink';
import type { ProjectionBatch } from '../../../src/storage/projection-batches';
import type { ReadDb } from '../../../src/storage/read-db';
import { activityLog, collection, settingsMap } from '../../../src/workspace/layout';
import { newRecordMap } from '../../../src/workspace/record-map';
import { EntryProblem } from '../../../src/workspace/record-entry';
import { newId } from '../../../src/domain/ids';
import { recordKeyLabel } from '../../../src/domain/record-key';
import { customerRecord } from '../support/fixtures';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

/** Clones every batch the way postMessage does: a CRDT type or anything else unclonable on its way to the worker throws. */
class CloningSink extends InThreadSink implements ProjectionSink {
  override write(batch: ProjectionBatch): Promise<void> {
    return super.write(structuredClone(batch));
  }
}

function setup(doc = new Y.Doc()) {
  const db = scope.readDb(scope.workspaceId());
  const projection = new Projection(doc, db, new CloningSink(db));
  projection.start();
  scope.onCleanup(() => projection.stop());
  return { doc, db, projection };
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

function validCustomers(doc: Y.Doc, count: number): string[] {
  const ids = Array.from({ length: count }, () => newId());
  for (const [i, id] of ids.entries()) collection(doc, 'customers').set(id, newRecordMap(customerRecord({ id, name: `Valid ${i}` })));
  return ids;
}

function mapWith(entries: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(entries)) map.set(key, value);
  return map;
}

/** Every shape a collection entry can take besides a record, with the reason it is refused under. */
function hostileEntries(): [string, () => unknown, string, string][] {
  const id = () => newId();
  return [
    [id(), () => 'garbage', '', EntryProblem.notRecord],
    [id(), () => 42, '', EntryProblem.notRecord],
    [id(), () => true, '', EntryProblem.notRecord],
    [id(), () => null, '', EntryProblem.notRecord],
    [id(), () => ['a', 'b'], '', EntryProblem.notRecord],
    [id(), () => ({ base: customerRecord() }), '', EntryProblem.notRecord],
    [id(), () => new Y.Text('text'), '', EntryProblem.notRecord],
    [id(), () => Y.Array.from([1, 2]), '', EntryProblem.notRecord],
    [id(), () => new Y.XmlFragment(), '', EntryProblem.notRecord],
    [id(), () => mapWith({ base: 'not an object' }), 'base', EntryProblem.badBase],
    [id(), () => mapWith({ base: [1, 2, 3] }), 'base', EntryProblem.badBase],
    [id(), () => mapWith({ base: mapWith({ name: 'x' }) }), 'base', EntryProblem.badBase],
    [id(), () => mapWith({ base: customerRecord(), name: new Y.Text('x') }), 'name', EntryProblem.sharedType],
    [id(), () => mapWith({ base: customerRecord(), 'cf:x': mapWith({}) }), 'cf:x', EntryProblem.sharedType],
    ['not an id\n', () => newRecordMap(customerRecord({ id: 'not an id\n' })), '', EntryProblem.badKey],
    ['k'.repeat(100_000), () => newRecordMap(customerRecord({ id: 'k'.repeat(100_000) })), '', EntryProblem.badKey],
  ];
}

async function snapshot(db: ReadDb) {
  return {
    customers: (await db.customers.toArray()).map((c) => c.id).sort(),
    problems: (await db.problems.toArray()).map(({ at: _at, ...p }) => p).sort((a, b) => a.key.localeCompare(b.key)),
    settings: (await db.meta.get('settings'))?.value,
  };
}

describe('Projection: an entry of any shape is quarantined, never stops the rest', () => {
  it('projects every valid customer sent in one transaction with entries of every other shape', async () => {
    const { doc, db, projection } = setup();
    const hostile = hostileEntries();
    let valid: string[] = [];
    doc.transact(() => {
      valid = validCustomers(doc, 10);
      for (const [key, value] of hostile) collection(doc, 'customers').set(key, value() as Y.Map<unknown>);
    }, 'remote');
    await projection.idle();

    expect((await db.customers.toArray()).map((c) => c.id).sort()).toEqual([...valid].sort());
    const problems = await db.problems.toArray();
    expect(problems).toHaveLength(hostile.length);
    for (const [key, , field, reason] of hostile) {
      const problem = problems.find((p) => p.key === `customers/${recordKeyLabel(key)}`);
      expect(problem?.errors, JSON.stringify(key.slice(0, 40))).toEqual({ [field]: reason });
      expect(problem!.recordId.length).toBeLessThanOrEqual(80);
      expect(problem!.raw.length).toBeLessThanOrEqual(2001);
    }
    expect(await projection.isCurrent()).toBe(true);

    // A restart rebuilds the tables from the document: the same result, not a stop at the first bad entry.
    const before = await snapshot(db);
    await projection.rebuild();
    expect(await snapshot(db)).toEqual(before);
    expect(await projection.isCurrent()).toBe(true);

    // Removed from the document, a quarantined entry leaves the problems too, whatever its key.
    doc.transact(() => {
      for (const [key] of hostile) collection(doc, 'customers').delete(key);
    }, 'remote');
    await projection.idle();
    expect(await db.problems.count()).toBe(0);
    expect(await db.customers.count()).toBe(10);
  });

  it('refuses a customer whose unknown field is nested 3,000 levels deep, and keeps the 10 sent with it', async () => {
    const { doc, db, projection } = setup();
    const deep = newId();
    let valid: string[] = [];
    doc.transact(() => {
      valid = validCustomers(doc, 10);
      collection(doc, 'customers').set(deep, newRecordMap(customerRecord({ id: deep, extra: nested(3000) })));
    }, 'remote');
    await projection.idle();
    expect((await db.customers.toArray()).map((c) => c.id).sort()).toEqual([...valid].sort());
    expect(await db.problems.get(`customers/${deep}`)).toMatchObject({ errors: { base: EntryProblem.tooDeep } });
    expect(await projection.isCurrent()).toBe(true);
  });

  it('refuses a deep override on its own key', async () => {
    const { doc, db, projection } = setup();
    const [id] = validCustomers(doc, 1);
    await projection.idle();
    collection(doc, 'customers').get(id!)!.set('extra', nested(100));
    await projection.idle();
    expect(await db.customers.get(id!)).toBeUndefined();
    expect(await db.problems.get(`customers/${id}`)).toMatchObject({ errors: { extra: EntryProblem.tooDeep } });
    // Fixed by a later write: the record is back, the problem gone.
    collection(doc, 'customers').get(id!)!.set('extra', null);
    await projection.idle();
    expect(await db.customers.get(id!)).toMatchObject({ id });
    expect(await db.problems.get(`customers/${id}`)).toBeUndefined();
  });

  it('reports bad activity entries and keeps the valid ones', async () => {
    const { doc, db, projection } = setup();
    const good = { id: newId(), at: '2026-03-01T08:00:00.000Z', by: 'm', collection: 'customers', recordId: newId(), customerId: null, kind: 'create', field: null, old: null, new: null };
    activityLog(doc).push(['garbage', mapWith({ id: 'y' }), { ...good, id: 'deep', new: nested(3000) }, good, null, [1, 2]]);
    await projection.idle();
    expect(await db.activity.toArray()).toMatchObject([{ id: good.id }]);
    const problems = await db.problems.where('collection').equals('activity').toArray();
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.recordId === 'deep')?.errors).toEqual({ new: EntryProblem.tooDeep });
    expect(await projection.isCurrent()).toBe(true);
  });

  it('follows entries a peer removed from the activity log, as a rebuild would', async () => {
    const { doc, db, projection } = setup();
    const entry = (id: string) => ({ id, at: '2026-03-01T08:00:00.000Z', by: 'm', collection: 'customers', recordId: id, customerId: null, kind: 'create', field: null, old: null, new: null });
    activityLog(doc).push([entry('a'), 'garbage', entry('b'), entry('c')]);
    await projection.idle();
    expect(await db.activity.count()).toBe(3);
    doc.transact(() => activityLog(doc).delete(0, 2), 'remote');
    await projection.idle();
    expect((await db.activity.toArray()).map((e) => e.id).sort()).toEqual(['b', 'c']);
    expect(await db.problems.where('collection').equals('activity').count()).toBe(0);
    const before = await snapshot(db);
    await projection.rebuild();
    expect(await snapshot(db)).toEqual(before);
  });

  it('leaves no settings row once every setting is removed, as a rebuild would', async () => {
    const { doc, db, projection } = setup();
    settingsMap(doc).set('name', 'Shop');
    await projection.idle();
    expect((await db.meta.get('settings'))?.value).toMatchObject({ name: 'Shop' });
    settingsMap(doc).delete('name');
    await projection.idle();
    expect(await db.meta.get('settings')).toBeUndefined();
    await projection.rebuild();
    expect(await db.meta.get('settings')).toBeUndefined();
  });

  it('keeps the valid settings, reports the bad ones, and still writes the meta', async () => {
    const { doc, db, projection } = setup();
    doc.transact(() => {
      const settings = settingsMap(doc);
      settings.set('name', 'Shop');
      settings.set('defaultRegion', 'not a region');
      settings.set('crm', nested(3000));
      settings.set('theme', new Y.Text('x'));
    }, 'remote');
    await projection.idle();
    expect((await db.meta.get('settings'))?.value).toMatchObject({ name: 'Shop', defaultRegion: 'CN' });
    const problems = await db.problems.where('collection').equals('settings').toArray();
    expect(problems.map((p) => p.recordId).sort()).toEqual(['crm', 'defaultRegion', 'theme']);
    expect(await projection.isCurrent()).toBe(true);

    // Fixed later: the problem goes.
    doc.transact(() => {
      settingsMap(doc).set('defaultRegion', 'US');
      settingsMap(doc).delete('crm');
      settingsMap(doc).delete('theme');
    }, 'remote');
    await projection.idle();
    expect((await db.meta.get('settings'))?.value).toMatchObject({ name: 'Shop', defaultRegion: 'US' });
    expect(await db.problems.where('collection').equals('settings').count()).toBe(0);
  });
});

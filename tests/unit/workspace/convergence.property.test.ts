import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { readRecordById } from '../../../src/workspace/record-commands';
import { LOCAL_ORIGIN } from '../../../src/workspace/origins';
import { Workspace } from '../../../src/workspace/workspace';
import { customerSchema, customerStatuses, type Customer } from '../../../src/domain/customer';
import { SeededRandom } from '../../../src/domain/seeded-random';
import { toRow } from '../../../src/storage/row-mappers';
import { customerFields, steppingClock } from '../support/fixtures';
import { docWithClient, readCollection, syncOneWay } from '../support/ydoc';

const CUSTOMER_IDS = ['c-0', 'c-1'] as const;
const TAGS = ['vip', 'wholesale', '老客户', 'b2b'] as const;
const CUSTOM_IDS = ['f1', 'f2'] as const;

type Edit =
  | { kind: 'set'; replica: number; customer: number; field: 'name' | 'notes' | 'status'; value: string }
  | { kind: 'tag'; replica: number; customer: number; tag: string; add: boolean }
  | { kind: 'custom'; replica: number; customer: number; fieldId: string; value: string | number | null }
  | { kind: 'delete'; replica: number; customer: number; deleted: boolean }
  /** A partial sync while others keep working: `from` sends what `to` lacks. */
  | { kind: 'sync'; replica: number; to: number };

const replica = fc.nat({ max: 3 });
const customer = fc.nat({ max: CUSTOMER_IDS.length - 1 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), replica, customer, field: fc.constant('name' as const), value: fc.constantFrom('Ann', 'Bob', '王伟', 'Lee Ann') }),
  fc.record({ kind: fc.constant('set' as const), replica, customer, field: fc.constant('notes' as const), value: fc.constantFrom('', 'call back', '回访') }),
  fc.record({ kind: fc.constant('set' as const), replica, customer, field: fc.constant('status' as const), value: fc.constantFrom(...customerStatuses) }),
  fc.record({ kind: fc.constant('tag' as const), replica, customer, tag: fc.constantFrom(...TAGS), add: fc.boolean() }),
  fc.record({ kind: fc.constant('custom' as const), replica, customer, fieldId: fc.constantFrom(...CUSTOM_IDS), value: fc.oneof(fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 3 }), fc.constant(null)) }),
  fc.record({ kind: fc.constant('delete' as const), replica, customer, deleted: fc.boolean() }),
  fc.record({ kind: fc.constant('sync' as const), replica, to: replica }),
);

/** What each replica last meant for each (customer, key): used to check that no uncontested edit is lost. */
type Intent = Map<string, { replicas: Set<number>; last: unknown }>;

function note(intents: Intent, key: string, replicaIndex: number, value: unknown) {
  const entry = intents.get(key) ?? { replicas: new Set<number>(), last: undefined };
  entry.replicas.add(replicaIndex);
  entry.last = value;
  intents.set(key, entry);
}

function shuffle<T>(items: T[], rng: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function run(replicaCount: number, edits: Edit[], deliverySeed: number) {
  const docs = Array.from({ length: replicaCount }, (_, i) => docWithClient(i + 1));
  const workspaces = docs.map((doc, i) => new Workspace('ws-1', doc, `member-${i}`, steppingClock(Date.parse('2026-03-01T08:00:00.000Z') + i)));
  const outbox: { from: number; update: Uint8Array }[] = [];
  docs.forEach((doc, from) => doc.on('update', (update: Uint8Array, origin: unknown) => origin === LOCAL_ORIGIN && outbox.push({ from, update })));

  // Everyone starts from the same customers (created on one device, then synced).
  for (const id of CUSTOMER_IDS) createCustomer(workspaces[0]!, customerFields({ name: id, tags: ['vip'], custom: { f1: 'x' } }), id);
  for (const doc of docs.slice(1)) syncOneWay(docs[0]!, doc);

  const intents: Intent = new Map();
  for (const e of edits) {
    const r = e.replica % replicaCount;
    if (e.kind === 'sync') {
      const to = e.to % replicaCount;
      if (to !== r) syncOneWay(docs[r]!, docs[to]!);
      continue;
    }
    const ws = workspaces[r]!;
    const id = CUSTOMER_IDS[e.customer]!;
    switch (e.kind) {
      case 'set':
        updateCustomer(ws, id, { [e.field]: e.value });
        note(intents, `${id}/${e.field}`, r, e.value);
        break;
      case 'tag': {
        const current = readRecordById(ws, 'customers', id)!.tags as string[];
        updateCustomer(ws, id, { tags: e.add ? [...current, e.tag] : current.filter((t) => t !== e.tag) });
        note(intents, `${id}/tag:${e.tag}`, r, e.add);
        break;
      }
      case 'custom':
        updateCustomer(ws, id, { custom: { [e.fieldId]: e.value } });
        note(intents, `${id}/cf:${e.fieldId}`, r, e.value);
        break;
      case 'delete':
        if (e.deleted) deleteCustomer(ws, id);
        else restoreCustomer(ws, id);
        note(intents, `${id}/deleted`, r, e.deleted);
        break;
    }
  }

  // Every device receives every other device's updates, each device in its own random order.
  const rng = new SeededRandom(deliverySeed);
  docs.forEach((doc, to) => {
    for (const { update } of shuffle(outbox.filter((m) => m.from !== to), rng)) Y.applyUpdate(doc, update, 'remote');
  });
  return { docs, intents };
}

/** The read-table rows each replica would project. */
function projected(doc: Y.Doc) {
  return Object.values(readCollection(doc, 'customers'))
    .map((record) => toRow.customers(customerSchema.parse(record) as never) as Customer)
    .sort((a, b) => a.id.localeCompare(b.id));
}

function valueOf(row: Customer, key: string): unknown {
  if (key === 'deleted') return row.deletedAt !== null;
  if (key.startsWith('tag:')) return row.tags.includes(key.slice(4));
  if (key.startsWith('cf:')) return row.custom[key.slice(3)] ?? null;
  return row[key as keyof Customer];
}

describe('random concurrent edits on 2-4 replicas', () => {
  it('converge to identical projected records and lose no uncontested edit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(edit, { minLength: 1, maxLength: 40 }), fc.integer(), (replicaCount, edits, deliverySeed) => {
        const { docs, intents } = run(replicaCount, edits, deliverySeed);
        for (const doc of docs) expect(doc.store.pendingStructs).toBeNull();
        const rows = docs.map(projected);
        for (const other of rows.slice(1)) expect(other).toEqual(rows[0]);

        const byId = new Map(rows[0]!.map((row) => [row.id, row]));
        for (const [key, { replicas, last }] of intents) {
          const [id, field] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
          const row = byId.get(id)!;
          // A key only one device touched ends with that device's last intent.
          if (replicas.size === 1) expect(valueOf(row, field), key).toEqual(last);
          // A tag that everybody who touched it added is there.
          if (field.startsWith('tag:') && last === true && [...edits].every((e) => e.kind !== 'tag' || `${CUSTOMER_IDS[e.customer]}/tag:${e.tag}` !== key || e.add)) {
            expect(valueOf(row, field), key).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('converge with no partial syncs at all (fully offline, then everything at once)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(edit.filter((e) => e.kind !== 'sync'), { minLength: 1, maxLength: 30 }), fc.integer(), (replicaCount, edits, seed) => {
        const { docs } = run(replicaCount, edits, seed);
        const rows = docs.map(projected);
        for (const other of rows.slice(1)) expect(other).toEqual(rows[0]);
      }),
      { numRuns: 75 },
    );
  });
});

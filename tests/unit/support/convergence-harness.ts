import { expect } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { bulkUpdateCustomers, createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { insertRecord, patchRecord, readRecordById, restoreRecord, softDeleteRecord } from '../../../src/workspace/record-commands';
import { saveFormEdit } from '../../../src/workspace/form-edit';
import { collection, collectionNames, activityLog, settingsMap, type CollectionName } from '../../../src/workspace/layout';
import { readRecord } from '../../../src/workspace/record-map';
import { LOCAL_ORIGIN } from '../../../src/workspace/origins';
import { Workspace } from '../../../src/workspace/workspace';
import { customerStatuses } from '../../../src/domain/customer';
import { refundMachine } from '../../../src/domain/refund';
import { agreedStatus, collectSteps, proposeStep, stepKey, stepValue } from '../../../src/domain/status-steps';
import { SeededRandom } from '../../../src/domain/seeded-random';
import { customerFields, steppingClock } from './fixtures';

/**
 * The harness of the convergence property test at the scale of the goal (tests/unit/workspace/crm-convergence.property.test.ts).
 *
 * Convergence at the scale of the goal: 5 replicas run 300 CRM commands each run, through the
 * workspace command layer, while the network between them partitions, drops, duplicates and
 * reorders updates. After the partitions heal, every update still queued arrives, and every
 * replica has received what the others hold (what a reconnect's sync does, and what makes up for
 * the dropped updates), all replicas hold the same document and read every record alike, and
 * no fact of a record (a field, a tag, a custom value) that only one replica changed lost that
 * replica's last value.
 *
 * KEHU_CONVERGENCE_RUNS sets the number of runs (default 1,000); a failure prints the seed and
 * the shrunk command list, and KEHU_CONVERGENCE_SEED replays it.
 */
export const RUNS = Number(process.env.KEHU_CONVERGENCE_RUNS ?? 1000);
export const REPLICAS = 5;
export const OPS = 300;

const TAGS = ['vip', 'b2b', '老客户', 'wholesale'] as const;
const CITIES = ['杭州', 'Shanghai', '西安', ''] as const;
const STREETS = ['人民路1号', 'Lake Road 2', ''] as const;

export type Op =
  | { k: 'customer'; r: number }
  | { k: 'set'; r: number; rec: number; field: 'name' | 'notes' | 'status' | 'ownerId'; v: number }
  | { k: 'tag'; r: number; rec: number; tag: number; add: boolean }
  | { k: 'bulkTag'; r: number; recs: number[]; tag: number; add: boolean }
  | { k: 'custom'; r: number; rec: number; field: number; v: number }
  | { k: 'openForm'; r: number; rec: number }
  | { k: 'saveForm'; r: number; street: number; city: number }
  | { k: 'delete'; r: number; rec: number; deleted: boolean }
  | { k: 'fieldDef'; r: number; add: boolean; field: number }
  | { k: 'order'; r: number; rec: number; qty: number }
  | { k: 'orderEdit'; r: number; rec: number; v: number }
  | { k: 'orderDelete'; r: number; rec: number; deleted: boolean }
  | { k: 'refund'; r: number; rec: number; amount: number }
  | { k: 'refundStep'; r: number; rec: number; to: number }
  /** Replicas with the same group number can reach each other; the others are cut off. */
  | { k: 'partition'; groups: number[] }
  /** Deliver queued updates between reachable replicas: some dropped, some twice, out of order. */
  | { k: 'deliver'; seed: number };

const r = fc.nat({ max: REPLICAS - 1 });
const rec = fc.nat({ max: 1 << 20 });
const small = fc.nat({ max: 7 });
export const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('customer' as const), r }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('set' as const), r, rec, field: fc.constantFrom('name' as const, 'notes' as const, 'status' as const, 'ownerId' as const), v: small }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('tag' as const), r, rec, tag: small, add: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('bulkTag' as const), r, recs: fc.array(rec, { maxLength: 4 }), tag: small, add: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('custom' as const), r, rec, field: small, v: small }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('openForm' as const), r, rec }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('saveForm' as const), r, street: small, city: small }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete' as const), r, rec, deleted: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('fieldDef' as const), r, add: fc.boolean(), field: small }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('order' as const), r, rec, qty: small }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('orderEdit' as const), r, rec, v: small }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('orderDelete' as const), r, rec, deleted: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('refund' as const), r, rec, amount: small }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('refundStep' as const), r, rec, to: small }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('partition' as const), groups: fc.array(fc.nat({ max: 2 }), { minLength: REPLICAS, maxLength: REPLICAS }) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('deliver' as const), seed: fc.integer() }) },
);

interface Replica {
  doc: Y.Doc;
  ws: Workspace;
  /** Facts of the records the running command is about to change, as they were before it. */
  before: Map<string, Map<string, string>>;
  /** An edit form this replica opened earlier: the customer and its address as the form showed it. */
  form: { id: string; address: Record<string, unknown> } | null;
}

/** Per fact of a record (`collection/id/fact`), the last value each replica gave it. */
type Intents = Map<string, Map<number, string>>;

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length ? items[n % items.length] : undefined;
}

/** Runs one CRM command on a replica; records it only touches what this replica has. */
function apply(rep: Replica, index: number, o: Exclude<Op, { k: 'partition' | 'deliver' }>, ids: Record<'customers' | 'orders' | 'refunds' | 'customFields', string[]>, n: number) {
  const { ws, doc } = rep;
  // A record this command may change: its facts are noted first, to compare with afterwards.
  const has = (name: CollectionName, id: string | undefined): id is string => {
    const map = id === undefined ? undefined : collection(doc, name).get(id);
    if (map) rep.before.set(`${name}/${id}`, facts(map));
    return map !== undefined;
  };
  const newId = (prefix: string) => `${prefix}-${index}-${n}`;
  switch (o.k) {
    case 'customer': {
      const id = newId('c');
      createCustomer(ws, customerFields({ name: id, tags: ['vip'], custom: {} }), id);
      ids.customers.push(id);
      break;
    }
    case 'set': {
      const id = pick(ids.customers, o.rec);
      if (!has('customers', id)) break;
      const value = o.field === 'status' ? pick(customerStatuses, o.v) : o.field === 'ownerId' ? (o.v % 2 ? `member-${o.v % REPLICAS}` : null) : `${o.field} ${o.v}`;
      updateCustomer(ws, id, { [o.field]: value });
      break;
    }
    case 'tag': {
      const id = pick(ids.customers, o.rec);
      if (!has('customers', id)) break;
      const tags = readRecordById(ws, 'customers', id)!.tags as string[];
      const tag = pick(TAGS, o.tag)!;
      updateCustomer(ws, id, { tags: o.add ? [...tags, tag] : tags.filter((t) => t !== tag) });
      break;
    }
    case 'bulkTag': {
      const tag = pick(TAGS, o.tag)!;
      const chosen = o.recs.map((x) => pick(ids.customers, x)).filter((id) => has('customers', id));
      bulkUpdateCustomers(ws, chosen, o.add ? { addTag: tag } : { removeTag: tag });
      break;
    }
    case 'custom': {
      const id = pick(ids.customers, o.rec);
      const field = pick(ids.customFields, o.field);
      if (!has('customers', id) || field === undefined) break;
      updateCustomer(ws, id, { custom: { [field]: o.v % 3 === 0 ? null : o.v % 3 === 1 ? `text ${o.v}` : o.v } });
      break;
    }
    case 'openForm': {
      const id = pick(ids.customers, o.rec);
      if (!has('customers', id)) break;
      rep.form = { id, address: readRecordById(ws, 'customers', id)!.address as Record<string, unknown> };
      break;
    }
    case 'saveForm': {
      // A stale form: the address as it was when the form opened, one or two leaves changed.
      if (!rep.form || !has('customers', rep.form.id)) break;
      const base = rep.form.address;
      const edited = { ...base, ...(o.street < 3 ? { street: pick(STREETS, o.street) } : {}), ...(o.city < 4 ? { city: pick(CITIES, o.city) } : {}) };
      saveFormEdit(ws, 'customers', rep.form.id, { address: base }, { address: edited });
      rep.form = null;
      break;
    }
    case 'delete': {
      const id = pick(ids.customers, o.rec);
      if (!has('customers', id)) break;
      if (o.deleted) deleteCustomer(ws, id);
      else restoreCustomer(ws, id);
      break;
    }
    case 'fieldDef': {
      if (o.add || ids.customFields.length === 0) {
        const id = newId('f');
        insertRecord(ws, 'customFields', { label: `Field ${o.field}`, type: 'text', options: [] }, id);
        ids.customFields.push(id);
      } else {
        const id = pick(ids.customFields, o.field);
        if (has('customFields', id)) softDeleteRecord(ws, 'customFields', id);
      }
      break;
    }
    case 'order': {
      const customerId = pick(ids.customers, o.rec);
      if (!has('customers', customerId)) break;
      const id = newId('o');
      const line = { id: `${id}-l`, productId: null, description: 'Tea', quantity: o.qty + 1, unitPrice: 1000 };
      insertRecord(ws, 'orders', { customerId, orderedOn: '2026-03-01', lines: [line], discount: 0, currency: 'CNY', channel: 'store', paymentMethod: null, status: 'placed', notes: '' }, id);
      ids.orders.push(id);
      break;
    }
    case 'orderEdit': {
      const id = pick(ids.orders, o.rec);
      if (!has('orders', id)) break;
      patchRecord(ws, 'orders', id, o.v % 2 ? { notes: `note ${o.v}` } : { status: pick(['placed', 'paid', 'shipped', 'delivered'], o.v) });
      break;
    }
    case 'orderDelete': {
      const id = pick(ids.orders, o.rec);
      if (!has('orders', id)) break;
      if (o.deleted) softDeleteRecord(ws, 'orders', id);
      else restoreRecord(ws, 'orders', id);
      break;
    }
    case 'refund': {
      const orderId = pick(ids.orders, o.rec);
      if (!has('orders', orderId)) break;
      const order = readRecordById(ws, 'orders', orderId)!;
      const id = newId('rf');
      insertRecord(ws, 'refunds', { orderId, customerId: order.customerId, type: 'refund', amount: (o.amount + 1) * 100, currency: 'CNY', reason: 'damaged', reasonText: '', lineIds: [], requestedOn: '2026-03-02', dueDate: null }, id);
      ids.refunds.push(id);
      break;
    }
    case 'refundStep': {
      const id = pick(ids.refunds, o.rec);
      if (!has('refunds', id)) break;
      const record = readRecordById(ws, 'refunds', id)!;
      const agreed = agreedStatus(refundMachine, collectSteps(record, refundMachine));
      const to = pick(refundMachine.statuses, o.to)!;
      const proposal = proposeStep(refundMachine, agreed, to, { id: newId('s'), by: ws.memberId, at: ws.now(), note: '' });
      if (proposal.ok) patchRecord(ws, 'refunds', id, { [stepKey(proposal.step.id)]: stepValue(proposal.step) });
      break;
    }
  }
}

/** A record as flat facts: each field, each tag (`tag:x` -> true) and each custom value (`cf:id`). */
function facts(map: Y.Map<unknown>): Map<string, string> {
  const record = readRecord(map);
  const out = new Map<string, string>();
  for (const [field, value] of Object.entries(record)) {
    if (field === 'updatedAt' || field === 'updatedBy') continue;
    if (field === 'tags') for (const tag of value as string[]) out.set(`tag:${tag}`, 'true');
    else if (field === 'custom') for (const [id, v] of Object.entries(value as object)) out.set(`cf:${id}`, JSON.stringify(v ?? null));
    else out.set(field, JSON.stringify(value ?? null));
  }
  return out;
}

/** The records a transaction changed or added, as `collection/id` with their maps. */
function changedRecords(tr: Y.Transaction): [string, Y.Map<unknown>][] {
  const out: [string, Y.Map<unknown>][] = [];
  for (const [type, keys] of tr.changed) {
    const item = type._item;
    if (item === null) {
      // A collection: the keys are records added (or removed) here.
      const name = Y.findRootTypeKey(type);
      if (!(collectionNames as readonly string[]).includes(name)) continue;
      for (const id of keys) {
        // A root type another replica made is generic here until it is asked for as a map.
        const map = id === null ? undefined : collection(tr.doc, name as CollectionName).get(id);
        if (map) out.push([`${name}/${id}`, map]);
      }
    } else if (type instanceof Y.Map && item.parentSub !== null && item.parent instanceof Y.Map && item.parent._item === null) {
      out.push([`${Y.findRootTypeKey(item.parent)}/${item.parentSub}`, type]);
    }
  }
  return out;
}

/**
 * What each replica meant, fact by fact (a field's value, a tag's presence, a custom value): the
 * facts a local command changed, with their new values, compared with the same records just
 * before it (noted by `has` in apply). A fact only one replica ever changed must end with that replica's last value:
 * that is what the record layout promises (concurrent edits of different fields, tags and
 * custom values all survive).
 */
function noteIntents(rep: Replica, replica: number, intents: Intents) {
  rep.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin !== LOCAL_ORIGIN) return;
    for (const [path, map] of changedRecords(tr)) {
      const before = rep.before.get(path) ?? new Map<string, string>();
      const after = facts(map);
      for (const fact of new Set([...before.keys(), ...after.keys()])) {
        const value = after.get(fact) ?? 'absent';
        if ((before.get(fact) ?? 'absent') === value) continue;
        const key = `${path}/${fact}`;
        let byReplica = intents.get(key);
        if (!byReplica) intents.set(key, (byReplica = new Map()));
        byReplica.set(replica, value);
      }
    }
    rep.before.clear();
  });
}

interface Link {
  queue: Uint8Array[];
}

function run(ops: Op[]) {
  const replicas: Replica[] = Array.from({ length: REPLICAS }, (_, i) => {
    const doc = new Y.Doc({ gc: true });
    doc.clientID = i + 1;
    return { doc, ws: new Workspace('ws-1', doc, `member-${i}`, steppingClock(Date.parse('2026-03-01T08:00:00.000Z') + i * 7)), form: null, before: new Map() };
  });
  // links[from][to]: updates `from` made that `to` has not been handed yet. An update is encoded
  // once, when it is made, and the same bytes are queued for every other replica.
  const links: Link[][] = replicas.map(() => replicas.map(() => ({ queue: [] })));
  const intents: Intents = new Map();
  replicas.forEach((rep, from) => {
    rep.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LOCAL_ORIGIN) return;
      for (let to = 0; to < REPLICAS; to++) if (to !== from) links[from]![to]!.queue.push(update);
    });
    noteIntents(rep, from, intents);
  });
  const ids = { customers: [] as string[], orders: [] as string[], refunds: [] as string[], customFields: [] as string[] };
  let groups = replicas.map(() => 0);

  ops.forEach((o, n) => {
    if (o.k === 'partition') groups = o.groups;
    else if (o.k === 'deliver') {
      const rng = new SeededRandom(o.seed);
      for (let from = 0; from < REPLICAS; from++) {
        for (let to = 0; to < REPLICAS; to++) {
          const { queue } = links[from]![to]!;
          if (from === to || groups[from] !== groups[to] || queue.length === 0) continue;
          // Take a random part of the queue in a random order; of those, ~1 in 8 is lost and ~1 in 8
          // arrives twice (one copy stays queued and comes again later).
          const taken = rng.int(1, queue.length);
          for (let i = 0; i < taken && queue.length; i++) {
            const [update] = queue.splice(rng.int(0, queue.length - 1), 1);
            const fate = rng.int(0, 7);
            if (fate === 0) continue;
            Y.applyUpdate(replicas[to]!.doc, update!, 'remote');
            if (fate === 1) queue.push(update!);
          }
          // A receiver that holds updates it cannot integrate yet (one they build on was lost)
          // asks for what it lacks by state vector, as peers do after a sync.
          const receiver = replicas[to]!.doc;
          if (receiver.store.pendingStructs || receiver.store.pendingDs) Y.applyUpdate(receiver, Y.encodeStateAsUpdate(replicas[from]!.doc, Y.encodeStateVector(receiver)), 'remote');
        }
      }
    } else apply(replicas[o.r]!, o.r, o, ids, n);
  });

  // The partitions end and every update still on its way arrives (duplicates too, late, after
  // what they carry may have come another way); one merged message per link.
  links.forEach((row, from) =>
    row.forEach(({ queue }, to) => {
      if (from !== to && queue.length > 0) Y.applyUpdate(replicas[to]!.doc, Y.mergeUpdates(queue), 'remote');
    }),
  );
  // Then every replica receives what the others hold (a reconnect's sync), which makes up for
  // every dropped update. One merged update carries it to all five.
  const everything = Y.mergeUpdates(replicas.map(({ doc }) => Y.encodeStateAsUpdate(doc)));
  for (const { doc } of replicas) Y.applyUpdate(doc, everything, 'remote');
  return { replicas, intents, ids };
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with sorted keys: the key order of a Y.Map differs between replicas. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(byKey)) : v));
}

/**
 * Every record of every collection read as the app reads it (readRecord), plus the activity log
 * and settings, as one string. Only the keys of collections, records and custom values need
 * sorting: other nested values are written whole by one replica, and the log is an array.
 */
function readAll(doc: Y.Doc): string {
  const parts: string[] = [];
  for (const name of collectionNames) {
    const records = [...collection(doc, name).entries()].map(([id, map]): [string, unknown] => {
      const record = readRecord(map);
      // readRecord builds `custom` from `cf:` keys in the map's (replica-dependent) order.
      return [id, Object.entries({ ...record, custom: Object.entries(record.custom as object).sort(byKey) }).sort(byKey)];
    });
    parts.push(name, JSON.stringify(records.sort(byKey)));
  }
  parts.push(JSON.stringify(activityLog(doc).toJSON()), canonical(settingsMap(doc).toJSON()));
  return parts.join('\n');
}

export function check(ops: Op[]) {
  const { replicas, intents, ids } = run(ops);
  const first = replicas[0]!.doc;
  const vector = Y.encodeStateVector(first);
  const state = readAll(first);
  for (const { doc } of replicas) {
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
    expect(Y.encodeStateVector(doc)).toEqual(vector);
    expect(readAll(doc)).toBe(state);
  }
  // Nothing is ever deleted forever here: every record any replica created is everywhere.
  for (const [name, created] of Object.entries(ids) as [CollectionName, string[]][]) {
    for (const id of created) expect(collection(first, name).has(id), `${name}/${id}`).toBe(true);
  }
  // Yjs keeps the last write per key: a fact only one replica changed holds that replica's last
  // value everywhere (concurrent edits of different fields, tags or custom values all survive).
  const final = new Map<string, Map<string, string>>();
  for (const [key, byReplica] of intents) {
    if (byReplica.size !== 1) continue;
    const cut = key.indexOf('/', key.indexOf('/') + 1);
    const [path, fact] = [key.slice(0, cut), key.slice(cut + 1)];
    if (!final.has(path)) {
      const [name, id] = path.split('/') as [CollectionName, string];
      final.set(path, facts(collection(first, name).get(id)!));
    }
    expect(final.get(path)!.get(fact) ?? 'absent', key).toBe([...byReplica.values()][0]);
  }
}

/** Runs `runs` generated command lists through `check`. */
export function assertConvergence(runs: number): void {
  fc.assert(
    fc.property(fc.array(op, { minLength: OPS, maxLength: OPS }), (ops) => check(ops)),
    { numRuns: runs, ...(process.env.KEHU_CONVERGENCE_SEED ? { seed: Number(process.env.KEHU_CONVERGENCE_SEED) } : {}) },
  );
}

import * as Y from 'yjs';
import { NewerFormatError } from '../domain/record-versions';
import {
  LinkRefusedError,
  parentIds,
  planRestore,
  planTrash,
  recordLinks,
  type LinkedRecord,
  type LinkedType,
  type RecordLink,
} from '../domain/record-links';
import { collection, type CollectionName, type RecordMap } from './layout';
import { fieldOf, linkIndexOf } from './link-index';
import { assertWritable, patchRecord, readRecordById, RecordNotFoundError } from './record-commands';
import { canUpgrade } from './record-upgrade';
import type { Workspace } from './workspace';

const linkedTypes = new Set<string>(recordLinks.flatMap((l) => [l.parent, l.child]));
const isLinked = (name: CollectionName): name is LinkedType => linkedTypes.has(name);

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

function linkedOf(type: LinkedType, id: string, map: RecordMap): LinkedRecord {
  return { type, id, deletedAt: text(fieldOf(map, 'deletedAt')), trashedWith: text(fieldOf(map, 'trashedWith')) };
}

/** Who names whom, read by the document's link index (link-index.ts) instead of a pass over each child collection. */
export function childFinder(ws: Pick<Workspace, 'doc'>) {
  const index = linkIndexOf(ws.doc);
  return (link: RecordLink, parentId: string): readonly LinkedRecord[] =>
    index.find(link.child, link.field, parentId).map(([id, map]) => linkedOf(link.child, id, map));
}

function mapOf(ws: Workspace, name: CollectionName, id: string): RecordMap {
  const map = collection(ws.doc, name).get(id);
  if (!(map instanceof Y.Map)) throw new RecordNotFoundError(name, id);
  return map;
}

/** Refuses before the first write: a transaction that throws halfway would keep what it wrote. */
function assertAllWritable(ws: Workspace, records: readonly Pick<LinkedRecord, 'type' | 'id'>[]) {
  for (const type of new Set(records.map((r) => r.type))) assertWritable(ws, type);
  for (const r of records) if (!canUpgrade(mapOf(ws, r.type, r.id), r.type)) throw new NewerFormatError(r.type);
}

/**
 * Moves a record to Trash with every live record that names it (domain/record-links.ts), in one
 * transaction; each of those is marked `trashedWith` the record, so its restore brings back
 * exactly them. Throws LinkRefusedError when a link refuses, before anything is written.
 * `finder` lets a bulk delete share one reading of the links.
 */
export function trashRecord(ws: Workspace, name: CollectionName, id: string, finder = childFinder(ws)): void {
  ws.transact(() => {
    const map = mapOf(ws, name, id);
    if (text(fieldOf(map, 'deletedAt'))) return;
    const plan = isLinked(name) ? planTrash({ type: name, id }, finder) : { ok: true as const, records: [] };
    if (!plan.ok) throw new LinkRefusedError('linked', name as LinkedType, plan.child, plan.count);
    assertAllWritable(ws, [{ type: name as LinkedType, id }, ...plan.records]);
    const at = ws.now();
    patchRecord(ws, name, id, text(fieldOf(map, 'trashedWith')) ? { deletedAt: at, trashedWith: null } : { deletedAt: at });
    for (const r of plan.records) {
      // A finder shared by a bulk delete read the links before this batch's earlier deletes.
      if (text(fieldOf(mapOf(ws, r.type, r.id), 'deletedAt'))) continue;
      patchRecord(ws, r.type, r.id, { deletedAt: at, trashedWith: id });
    }
  });
}

/** The records marked as gone to Trash with `id`. */
export function trashedWith(ws: Pick<Workspace, 'doc'>, id: string): LinkedRecord[] {
  const index = linkIndexOf(ws.doc);
  return [...linkedTypes].flatMap((type) => index.find(type as LinkedType, 'trashedWith', id).map(([childId, map]) => linkedOf(type as LinkedType, childId, map)));
}

/** What went to Trash with each record, as a bulk restore asks for it: one index read per record. */
export function trashGroups(ws: Pick<Workspace, 'doc'>): Pick<Map<string, LinkedRecord[]>, 'get'> {
  return { get: (id) => trashedWith(ws, id) };
}

/** What a delete of this record would take with it, by type: for the confirmation ("and its 2 refunds"). */
export function trashCounts(ws: Workspace, name: CollectionName, id: string): Partial<Record<LinkedType, number>> {
  if (!isLinked(name)) return {};
  const plan = planTrash({ type: name, id }, childFinder(ws));
  return plan.ok ? plan.counts : {};
}

/**
 * Brings a record back from Trash with exactly what went with it, in one transaction. Refused
 * (LinkRefusedError) while a record it belongs to is in Trash: restore that one instead.
 */
export function restoreTrashed(ws: Workspace, name: CollectionName, id: string, groups?: Pick<Map<string, LinkedRecord[]>, 'get'>): void {
  ws.transact(() => {
    const map = mapOf(ws, name, id);
    if (!text(fieldOf(map, 'deletedAt'))) return;
    if (!isLinked(name)) {
      patchRecord(ws, name, id, { deletedAt: null });
      return;
    }
    const record = readRecordById(ws, name, id) ?? {};
    const find = (type: LinkedType, parentId: string) => {
      const parent = collection(ws.doc, type).get(parentId);
      return parent instanceof Y.Map ? linkedOf(type, parentId, parent) : undefined;
    };
    const plan = planRestore({ ...record, ...linkedOf(name, id, map) }, groups ? (groups.get(id) ?? []) : trashedWith(ws, id), find);
    if (!plan.ok) throw new LinkRefusedError(plan.reason, name, plan.parent);
    assertAllWritable(ws, [{ type: name, id }, ...plan.records]);
    patchRecord(ws, name, id, text(fieldOf(map, 'trashedWith')) ? { deletedAt: null, trashedWith: null } : { deletedAt: null });
    for (const r of plan.records) patchRecord(ws, r.type, r.id, { deletedAt: null, trashedWith: null });
  });
}

/**
 * Where a record stands as the read side shows it: in Trash on its own (its deletedAt), or with
 * a record it belongs to that is in Trash. The second is what a teammate's concurrent delete
 * leaves: one device deletes an order while another, offline, adds a refund to it; after sync the
 * refund is live under an order in Trash. It is shown in Trash with the order (never an orphan on
 * the Refunds page) and comes back when the order is restored, with nothing written on receipt.
 * A pure function of the document, so every device shows the same.
 */
export function effectiveTrash(ws: Pick<Workspace, 'doc'>, name: CollectionName, record: Record<string, unknown>, depth = 0): { deletedAt: string; trashedWith: string | null } | null {
  const own = text(record.deletedAt);
  if (own) return { deletedAt: own, trashedWith: text(record.trashedWith) };
  // Links run at most customer → contact → interaction → task; the bound also stops a cycle a peer wrote.
  if (!isLinked(name) || depth > 4) return null;
  for (const link of recordLinks) {
    if (link.child !== name || link.rule !== 'cascade') continue;
    for (const id of parentIds(link, record)) {
      const map = collection(ws.doc, link.parent).get(id);
      if (!(map instanceof Y.Map)) continue;
      const parent = effectiveTrash(ws, link.parent, { deletedAt: fieldOf(map, 'deletedAt'), trashedWith: fieldOf(map, 'trashedWith'), ...parentFields(map, link.parent) }, depth + 1);
      if (parent) return { deletedAt: parent.deletedAt, trashedWith: parent.trashedWith ?? id };
    }
  }
  return null;
}

/** The fields through which a record names the records it belongs to. */
function parentFields(map: RecordMap, type: LinkedType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const link of recordLinks) if (link.child === type && link.rule === 'cascade') out[link.field] = fieldOf(map, link.field);
  return out;
}

/** The ids of live records that name one of `parents` through a cascade link, by collection: the read side re-reads them when a parent goes to Trash or comes back. */
export function childrenOf(ws: Pick<Workspace, 'doc'>, parents: ReadonlyMap<CollectionName, ReadonlySet<string>>): Map<CollectionName, string[]> {
  const out = new Map<CollectionName, string[]>();
  const links = recordLinks.filter((l) => l.rule === 'cascade' && parents.get(l.parent)?.size);
  const index = links.length ? linkIndexOf(ws.doc) : null;
  for (const link of links) {
    const found = new Set<string>();
    for (const parentId of parents.get(link.parent)!) for (const [id] of index!.find(link.child, link.field, parentId)) found.add(id);
    if (found.size === 0) continue;
    out.set(link.child, [...(out.get(link.child) ?? []), ...found]);
  }
  return out;
}

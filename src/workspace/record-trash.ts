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
import { BASE_KEY } from './record-map';
import { assertWritable, patchRecord, readRecordById, RecordNotFoundError } from './record-commands';
import { canUpgrade } from './record-upgrade';
import type { Workspace } from './workspace';

const linkedTypes = new Set<string>(recordLinks.flatMap((l) => [l.parent, l.child]));
const isLinked = (name: CollectionName): name is LinkedType => linkedTypes.has(name);

/** One field as the record holds it now, without reading the whole record (a delete scans whole collections). */
function fieldOf(map: RecordMap, field: string): unknown {
  if (map.has(field)) return map.get(field);
  const base = map.get(BASE_KEY);
  return typeof base === 'object' && base !== null ? (base as Record<string, unknown>)[field] : undefined;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

function linkedOf(type: LinkedType, id: string, map: RecordMap): LinkedRecord {
  return { type, id, deletedAt: text(fieldOf(map, 'deletedAt')), trashedWith: text(fieldOf(map, 'trashedWith')) };
}

/** Each entry of a collection that is a record map; a peer's string or list is not a record. */
function* recordMaps(ws: Workspace, type: LinkedType): Generator<[string, RecordMap]> {
  for (const [id, map] of collection(ws.doc, type).entries()) if (map instanceof Y.Map) yield [id, map];
}

/** Who names whom, read once per command: one pass over each child collection a link reads. */
export function childFinder(ws: Workspace) {
  const byLink = new Map<RecordLink, Map<string, LinkedRecord[]>>();
  return (link: RecordLink, parentId: string): readonly LinkedRecord[] => {
    let index = byLink.get(link);
    if (!index) {
      index = new Map();
      for (const [id, map] of recordMaps(ws, link.child)) {
        for (const parent of parentIds(link, { [link.field]: fieldOf(map, link.field) })) {
          const list = index.get(parent) ?? [];
          list.push(linkedOf(link.child, id, map));
          index.set(parent, list);
        }
      }
      byLink.set(link, index);
    }
    return index.get(parentId) ?? [];
  };
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

/** The records marked as gone to Trash with another, by that one's id: one pass, shared by a bulk restore. */
export function trashGroups(ws: Workspace): Map<string, LinkedRecord[]> {
  const groups = new Map<string, LinkedRecord[]>();
  for (const type of linkedTypes as Set<LinkedType>) {
    for (const [id, map] of recordMaps(ws, type)) {
      const root = text(fieldOf(map, 'trashedWith'));
      if (!root) continue;
      const list = groups.get(root) ?? [];
      list.push(linkedOf(type, id, map));
      groups.set(root, list);
    }
  }
  return groups;
}

/** The records marked as gone to Trash with `id`. */
export function trashedWith(ws: Workspace, id: string): LinkedRecord[] {
  return trashGroups(ws).get(id) ?? [];
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
export function restoreTrashed(ws: Workspace, name: CollectionName, id: string, groups?: Map<string, LinkedRecord[]>): void {
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
  for (const link of links) {
    const ids = parents.get(link.parent)!;
    for (const [id, map] of collection(ws.doc, link.child).entries()) {
      if (!(map instanceof Y.Map)) continue;
      if (parentIds(link, { [link.field]: fieldOf(map, link.field) }).some((p) => ids.has(p))) {
        const list = out.get(link.child) ?? [];
        list.push(id);
        out.set(link.child, list);
      }
    }
  }
  return out;
}

import * as Y from 'yjs';
import { sha256Hex, type LogDb } from '../../../src/storage/log-db';
import { framePieces, unframePieces } from '../../../src/storage/snapshots';
import { statePieces } from '../../../src/workspace/state-pieces';

/** Appends edits k<from>..k<to> of `doc` to the log, one row each, as the update log would. */
export async function appendEdits(db: LogDb, doc: Y.Doc, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++) {
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    doc.getMap('c').set(`k${i}`, i);
    await db.updates.add({ data: update!, at: Date.now() });
  }
}

/** A snapshot row as versions before pieces rows wrote it: the whole state in `data`. */
export async function addInRowSnapshot(db: LogDb, seq: number, doc: Y.Doc, framed = true): Promise<number> {
  const data = framed ? framePieces(statePieces(doc, new Map(), 3)) : Y.encodeStateAsUpdate(doc);
  return db.snapshots.add({ seq, data, sha256: await sha256Hex(data), at: Date.now() });
}

interface RawRow {
  data: string;
}
export interface RawLog {
  format: string;
  version: number;
  snapshots: { id: number; seq: number; sha256: string; pieces?: number; data?: string }[];
  /** Since version 2. */
  snapshotPieces?: (RawRow & { snapshotId: number; index: number; sha256: string })[];
  updates: (RawRow & { seq: number })[];
}

export const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/**
 * What someone recovering a workspace by hand would do with an exported raw log (version 1 or
 * 2, identity codec): the newest snapshot, then every update.
 */
export function docFromRawLog(raw: RawLog): Y.Doc {
  const doc = new Y.Doc();
  const [newest] = [...raw.snapshots].sort((a, b) => b.seq - a.seq);
  if (newest?.data !== undefined) {
    const data = fromBase64(newest.data);
    for (const piece of unframePieces(data) ?? [data]) Y.applyUpdate(doc, piece);
  } else if (newest) {
    const pieces = (raw.snapshotPieces ?? []).filter((p) => p.snapshotId === newest.id).sort((a, b) => a.index - b.index);
    for (const piece of pieces) Y.applyUpdate(doc, fromBase64(piece.data));
  }
  for (const update of raw.updates) Y.applyUpdate(doc, fromBase64(update.data));
  return doc;
}

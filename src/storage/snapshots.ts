import Dexie from 'dexie';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { DocCodec } from './codec';
import { sha256Hex, type LogDb, type SnapshotPieceRow, type SnapshotRow } from './log-db';

/** What choosing a snapshot needs; read from the `seq` index alone, never from the rows. */
export interface SnapshotRef {
  id: number;
  seq: number;
}

/**
 * Pieces read per IndexedDB request while loading. A piece is a few hundred KB at most (see
 * SNAPSHOT_PIECE_STRUCTS in compaction.ts), so one read stays around a MB: deserialising it is
 * a few milliseconds of the page's time, where one 50 MB row was ~200 ms.
 */
export const PIECES_PER_READ = 4;

/** Every snapshot's id and seq, from a key cursor: no row, and so no snapshot data, is read. */
export async function listSnapshots(db: LogDb): Promise<SnapshotRef[]> {
  const refs: SnapshotRef[] = [];
  await db.snapshots.orderBy('seq').eachKey((seq, cursor) => void refs.push({ id: cursor.primaryKey, seq: seq as number }));
  return refs;
}

/** Snapshots by the history they cover, newest first; the loader and compaction try them in this order. */
export function newestFirst<T extends { seq: number; id?: number }>(snapshots: T[]): T[] {
  return [...snapshots].sort((a, b) => b.seq - a.seq || (b.id ?? 0) - (a.id ?? 0));
}

/**
 * Fills `doc` from the newest snapshot whose checksums match and which Yjs can read; damaged
 * ones are skipped. Opening a workspace and building a new snapshot both start here. A snapshot
 * that fails half-way leaves only real history in the doc (each piece is checked before it is
 * applied, and applies whole), so the next one is applied on top: Yjs merges what both hold.
 */
export async function docFromNewestSnapshot(
  db: LogDb,
  snapshots: SnapshotRef[],
  codec: DocCodec,
  origin?: unknown,
  pace?: () => Promise<void>,
  doc = new Y.Doc(),
) {
  const skipped: number[] = [];
  for (const snapshot of newestFirst(snapshots)) {
    if (await applySnapshot(doc, db, snapshot.id, codec, origin, pace)) return { doc, snapshotId: snapshot.id, skipped };
    skipped.push(snapshot.id);
  }
  return { doc, snapshotId: null, skipped };
}

/**
 * Without any readable snapshot the trimmed part of the history is gone: never guess. A log that
 * still starts at its first update (seq 1) was never trimmed, so it alone holds the whole history.
 */
export function historyIsComplete(snapshotCount: number, snapshotId: number | null, firstSeq: number | undefined): boolean {
  return snapshotCount === 0 || snapshotId !== null || firstSeq === 1;
}

/**
 * Applies a stored snapshot piece by piece, calling `pace` between pieces so a big workspace
 * loads without freezing the page. False if it is missing, damaged or unreadable; the pieces
 * applied before the damage stay in `doc`.
 */
export async function applySnapshot(
  doc: Y.Doc,
  db: LogDb,
  snapshotId: number,
  codec: DocCodec,
  origin?: unknown,
  pace: () => Promise<void> = async () => {},
): Promise<boolean> {
  try {
    const row = await db.snapshots.get(snapshotId);
    if (!row) return false;
    if (row.data) return await applyInlineSnapshot(doc, row.data, row.sha256, codec, origin, pace);
    return await applySnapshotPieces(doc, db, row, codec, origin, pace);
  } catch {
    return false;
  }
}

async function applySnapshotPieces(doc: Y.Doc, db: LogDb, row: SnapshotRow, codec: DocCodec, origin: unknown, pace: () => Promise<void>) {
  const count = row.pieces ?? 0;
  if (count < 1) return false;
  const checksums: string[] = [];
  for (let start = 0; start < count; start += PIECES_PER_READ) {
    const keys = pieceKeys(row.id!, start, Math.min(count, start + PIECES_PER_READ));
    for (const piece of await db.snapshotPieces.bulkGet(keys)) {
      if (!piece || (await sha256Hex(piece.data)) !== piece.sha256) return false;
      Y.applyUpdate(doc, await codec.decode(piece.data), origin);
      checksums.push(piece.sha256);
      await pace();
    }
  }
  // Only now is it known that these were all of its pieces, in their places.
  return (await piecesChecksum(checksums)) === row.sha256;
}

/** A row written before version 3 holds the whole snapshot: one checksum, one decode. */
async function applyInlineSnapshot(doc: Y.Doc, data: Uint8Array, sha256: string, codec: DocCodec, origin: unknown, pace: () => Promise<void>) {
  if ((await sha256Hex(data)) !== sha256) return false;
  const plain = await codec.decode(data);
  for (const piece of unframePieces(plain) ?? [plain]) {
    Y.applyUpdate(doc, piece, origin);
    await pace();
  }
  return true;
}

function pieceKeys(snapshotId: number, from: number, to: number): [number, number][] {
  return Array.from({ length: to - from }, (_, i) => [snapshotId, from + i]);
}

/** The snapshot row's checksum: over its pieces' checksums in order, so that one missing shows. */
export function piecesChecksum(checksums: string[]): Promise<string> {
  return sha256Hex(new TextEncoder().encode(checksums.join('\n')));
}

/**
 * Stores a snapshot as one row per causal piece, each encoded by the codec with its own checksum,
 * and its metadata row, in one transaction: a snapshot is either all there or not at all.
 */
export async function writeSnapshot(db: LogDb, codec: DocCodec, seq: number, plainPieces: Iterable<Uint8Array>): Promise<number> {
  // Encoding and hashing are not IndexedDB work, so they happen before the transaction opens.
  const pieces: Omit<SnapshotPieceRow, 'snapshotId'>[] = [];
  for (const plain of plainPieces) {
    const data = await codec.encode(plain);
    pieces.push({ index: pieces.length, data, sha256: await sha256Hex(data) });
  }
  const sha256 = await piecesChecksum(pieces.map((p) => p.sha256));
  const bytes = pieces.reduce((n, p) => n + p.data.length, 0);
  return db.transaction('rw', db.snapshots, db.snapshotPieces, async () => {
    const snapshotId = await db.snapshots.add({ seq, sha256, at: Date.now(), pieces: pieces.length, bytes });
    await db.snapshotPieces.bulkAdd(pieces.map((p) => ({ snapshotId, ...p })));
    return snapshotId;
  });
}

/** Deletes snapshots with their pieces; run it inside a transaction over both tables to keep them in step. */
export async function deleteSnapshots(db: LogDb, ids: number[]): Promise<void> {
  await db.snapshots.bulkDelete(ids);
  for (const id of ids) await piecesOf(db, id).delete();
}

/** A snapshot's piece rows in order from `from`, as a key range (reading it reads the data: batch it). */
export function piecesOf(db: LogDb, snapshotId: number, from: number = Dexie.minKey) {
  return db.snapshotPieces.where('[snapshotId+index]').between([snapshotId, from], [snapshotId, Dexie.maxKey], true, true);
}

/** "KHP1": a snapshot stored as a sequence of Yjs updates (each a piece in causal order). */
const PIECES_MAGIC = [0x4b, 0x48, 0x50, 0x31];

/** The in-row format of snapshots written before version 3; kept so they can still be read (and made, in tests). */
export function framePieces(pieces: Iterable<Uint8Array>): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const byte of PIECES_MAGIC) encoding.writeUint8(encoder, byte);
  for (const piece of pieces) encoding.writeVarUint8Array(encoder, piece);
  return encoding.toUint8Array(encoder);
}

/** The pieces of a framed snapshot (views into `data`), or null for a snapshot stored as one update. */
export function unframePieces(data: Uint8Array): Uint8Array[] | null {
  if (data.length < PIECES_MAGIC.length || PIECES_MAGIC.some((b, i) => data[i] !== b)) return null;
  const decoder = decoding.createDecoder(data.subarray(PIECES_MAGIC.length));
  const pieces: Uint8Array[] = [];
  while (decoding.hasContent(decoder)) pieces.push(decoding.readVarUint8Array(decoder));
  return pieces;
}

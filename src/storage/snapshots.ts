import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { DocCodec } from './codec';
import { sha256Hex, type SnapshotRow } from './log-db';

/** Snapshots by the history they cover, newest first; the loader and compaction try them in this order. */
export function newestFirst<T extends { seq: number; id?: number }>(snapshots: T[]): T[] {
  return [...snapshots].sort((a, b) => b.seq - a.seq || (b.id ?? 0) - (a.id ?? 0));
}

/**
 * Fills `doc` from the newest snapshot whose checksum matches and which Yjs can read; damaged
 * ones are skipped. Opening a workspace and building a new snapshot both start here. A snapshot
 * that fails half-way leaves only real history in the doc (each piece either applies whole or
 * not at all), so the next one is applied on top: Yjs merges what both hold.
 */
export async function docFromNewestSnapshot(snapshots: SnapshotRow[], codec: DocCodec, origin?: unknown, pace?: () => Promise<void>, doc = new Y.Doc()) {
  const skipped: number[] = [];
  for (const snapshot of newestFirst(snapshots)) {
    if (await applySnapshot(doc, snapshot, codec, origin, pace)) return { doc, snapshotId: snapshot.id!, skipped };
    skipped.push(snapshot.id!);
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
 * Applies a snapshot, piece by piece when it was stored in pieces, calling `pace` between them
 * so a big workspace loads without freezing the page.
 */
export async function applySnapshot(
  doc: Y.Doc,
  snapshot: Pick<SnapshotRow, 'data' | 'sha256'>,
  codec: DocCodec,
  origin?: unknown,
  pace: () => Promise<void> = async () => {},
): Promise<boolean> {
  try {
    if ((await sha256Hex(snapshot.data)) !== snapshot.sha256) return false;
    const plain = await codec.decode(snapshot.data);
    for (const piece of unframePieces(plain) ?? [plain]) {
      Y.applyUpdate(doc, piece, origin);
      await pace();
    }
    return true;
  } catch {
    return false;
  }
}

/** "KHP1": a snapshot stored as a sequence of Yjs updates (each a piece in causal order). */
const PIECES_MAGIC = [0x4b, 0x48, 0x50, 0x31];

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

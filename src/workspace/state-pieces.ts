import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { joined } from './bytes';

/** The parts of Yjs internals this module reads; stable across Yjs 13.x. */
interface Id {
  client: number;
  clock: number;
}
interface StructLike {
  id: Id;
  length: number;
  write(encoder: Y.UpdateEncoderV1, offset: number): void;
  /** Items only (GC and Skip structs refer to nothing). */
  origin?: Id | null;
  rightOrigin?: Id | null;
  parent?: { _item?: { id: Id } | null } | Id | null;
}
type StructStore = { clients: Map<number, StructLike[]> };

const storeOf = (doc: Y.Doc) => (doc as unknown as { store: StructStore }).store;
const endOf = (s: StructLike) => s.id.clock + s.length;

/** The items a struct is integrated against: its neighbours when it was written, and its parent. */
function dependencies(s: StructLike): (Id | null | undefined)[] {
  if (!('origin' in s)) return [];
  const parent = s.parent;
  const parentId = parent && 'client' in parent ? parent : (parent as { _item?: { id: Id } | null } | null)?._item?.id;
  return [s.origin, s.rightOrigin, parentId];
}

/**
 * About this many bytes of structs per piece. Structs vary from a few bytes to kilobytes (a
 * record with long notes), so a count alone does not bound a piece: at 10k customers pieces
 * reached 300 KB, and nothing stopped one from being megabytes. The receiver applies a piece in
 * one task: at 256 KiB those took 25-30 ms of CPU at 100k customers, and up to 260 ms on the
 * clock with both peers on 2 cores; at 128 KiB the receiver's longest task in four joins was
 * 120-185 ms, and the document was complete as soon. Smaller is not better either: each piece
 * costs the receiver a transaction (at 64 KiB a 100k-customer workspace once took 21.6 s to
 * reach a new peer against 17.6 s at 256 KiB).
 */
export const PIECE_BYTES = 128 * 1024;

/**
 * What `Y.encodeStateAsUpdate(doc, targetSv)` holds, cut into updates of at most `maxStructs`
 * structs (and about `maxBytes`) each, produced one at a time. Each piece is a valid v1 update (one client's clock
 * range, empty delete set), so a receiver applies them one task at a time instead of freezing on
 * one huge update; the last piece is the delete set.
 *
 * Pieces come in causal order: a piece never holds an item whose neighbours or parent (from
 * another writer) are not in an earlier piece or already at the receiver. Out of order, Yjs keeps
 * such items as "pending" and merges every later piece into that pending update, which costs
 * time proportional to all that is pending, per piece: seconds at 100k customers.
 *
 * `into(length)`, if given, returns the array each piece of structs is written into (a piece
 * then lives until the caller reuses that array); by default each piece is a new array.
 */
export function* statePieces(
  doc: Y.Doc,
  targetSv: Map<number, number>,
  maxStructs = 1500,
  deleteSetUpdate: () => Uint8Array = () => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)),
  maxBytes = PIECE_BYTES,
  into?: (length: number) => Uint8Array,
): Generator<Uint8Array> {
  // What the receiver holds once every piece so far has arrived.
  const have = new Map(targetSv);
  const next = new Map<number, number>();
  for (const [client, structs] of storeOf(doc).clients) {
    const last = structs[structs.length - 1];
    if (!last) continue;
    const from = Math.max(targetSv.get(client) ?? 0, structs[0]!.id.clock);
    have.set(client, from);
    if (from < endOf(last)) next.set(client, from);
  }
  // One encoder for the structs of every piece: a fresh one per piece grew by doubling to the
  // piece's size, half a megabyte of garbage for each of the hundreds of pieces of a large answer.
  const scratch = new Y.UpdateEncoderV1();
  const holds = (client: number, id: Id | null | undefined) => !id || id.client === client || id.clock < (have.get(id.client) ?? 0);

  while (next.size > 0) {
    let progressed = false;
    for (const [client, clock] of [...next]) {
      const piece = cut(doc, client, clock, maxStructs, maxBytes, scratch, into, (s) => dependencies(s).every((id) => holds(client, id)));
      if (!piece) continue;
      progressed = true;
      yield* emit(piece, client);
    }
    // A dependency the doc itself lacks (it holds pending structs) cannot be waited for.
    if (!progressed) {
      const [client, clock] = [...next][0]!;
      yield* emit(cut(doc, client, clock, maxStructs, maxBytes, scratch, into, () => true)!, client);
    }
  }
  yield deleteSetUpdate();

  function* emit(piece: { update: Uint8Array; reached: number; done: boolean }, client: number) {
    have.set(client, piece.reached);
    if (piece.done) next.delete(client);
    else next.set(client, piece.reached);
    yield piece.update;
  }
}

/**
 * One client's structs from `clock`, up to `maxStructs` or about `maxBytes`, stopping before the first whose
 * dependencies are not ready; null when even the first one is not.
 */
function cut(
  doc: Y.Doc,
  client: number,
  clock: number,
  maxStructs: number,
  maxBytes: number,
  scratch: Y.UpdateEncoderV1,
  into: ((length: number) => Uint8Array) | undefined,
  ready: (s: StructLike) => boolean,
) {
  // Re-read the store each time: between pieces local edits may have split or added structs.
  const structs = storeOf(doc).clients.get(client)!;
  const start = Y.findIndexSS(structs as never, clock);
  const first = structs[start]!;
  // The first struct may be cut at `clock`; the part written then depends on its own left half.
  if (clock === first.id.clock && !ready(first)) return null;
  const limit = Math.min(structs.length, start + maxStructs);
  // The structs go to the scratch encoder first: the piece header counts them, and the count is
  // known only once the byte budget says where to stop.
  const body = scratch.restEncoder;
  body.cpos = 0;
  body.bufs = [];
  first.write(scratch, clock - first.id.clock);
  let end = start + 1;
  while (end < limit && encoding.length(body) < maxBytes && ready(structs[end]!)) structs[end++]!.write(scratch, 0);
  const header = encoding.createEncoder();
  encoding.writeVarUint(header, 1);
  encoding.writeVarUint(header, end - start);
  encoding.writeVarUint(header, client);
  encoding.writeVarUint(header, clock);
  // header, structs, and an empty delete set (0), in one buffer.
  const update = joined([encoding.toUint8Array(header), ...encodedParts(body), Uint8Array.of(0)], into);
  // Where the next piece starts is fixed now, by clock: while this piece is on its way,
  // deletions may merge structs and shift every index in the array.
  const reached = endOf(structs[end - 1]!);
  return { update, reached, done: reached >= endOf(structs[structs.length - 1]!) };
}

/** What an encoder holds, without copying it into one array first. */
function encodedParts(encoder: encoding.Encoder): Uint8Array[] {
  return [...encoder.bufs, encoder.cbuf.subarray(0, encoder.cpos)];
}

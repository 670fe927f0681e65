import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** The parts of Yjs internals this module reads; stable across Yjs 13.x. */
interface StructLike {
  id: { client: number; clock: number };
  length: number;
  write(encoder: Y.UpdateEncoderV1, offset: number): void;
}
type StructStore = { clients: Map<number, StructLike[]> };

const storeOf = (doc: Y.Doc) => (doc as unknown as { store: StructStore }).store;

/**
 * What `Y.encodeStateAsUpdate(doc, targetSv)` holds, cut into updates of at most `maxStructs`
 * structs each, produced one at a time. Each piece is a valid v1 update (one client's clock
 * range, empty delete set), so a receiver applies them one task at a time instead of freezing on
 * one huge update; the last piece is the delete set. Pieces are taken round-robin across clients
 * so that items mostly arrive after what they refer to (anything that does not is held by Yjs as
 * pending and integrated when its dependency arrives).
 */
export function* statePieces(
  doc: Y.Doc,
  targetSv: Map<number, number>,
  maxStructs = 1500,
  deleteSetUpdate: () => Uint8Array = () => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)),
): Generator<Uint8Array> {
  const next = new Map<number, number>();
  for (const [client, structs] of storeOf(doc).clients) {
    const last = structs[structs.length - 1];
    if (!last) continue;
    const from = Math.max(targetSv.get(client) ?? 0, structs[0]!.id.clock);
    if (from < last.id.clock + last.length) next.set(client, from);
  }
  while (next.size > 0) {
    for (const [client, clock] of [...next]) {
      // Re-read the store each time: between pieces local edits may have split or added structs.
      const structs = storeOf(doc).clients.get(client)!;
      const start = Y.findIndexSS(structs as never, clock);
      const end = Math.min(structs.length, start + maxStructs);
      const encoder = new Y.UpdateEncoderV1();
      encoding.writeVarUint(encoder.restEncoder, 1);
      encoding.writeVarUint(encoder.restEncoder, end - start);
      encoder.writeClient(client);
      encoding.writeVarUint(encoder.restEncoder, clock);
      const first = structs[start]!;
      first.write(encoder, clock - first.id.clock);
      for (let i = start + 1; i < end; i++) structs[i]!.write(encoder, 0);
      encoding.writeVarUint(encoder.restEncoder, 0); // no deletions in this piece
      // Where the next piece starts is fixed now, by clock: while this piece is on its way,
      // deletions may merge structs and shift every index in the array.
      const lastWritten = structs[end - 1]!;
      const reached = lastWritten.id.clock + lastWritten.length;
      const tail = structs[structs.length - 1]!;
      if (reached >= tail.id.clock + tail.length) next.delete(client);
      else next.set(client, reached);
      yield encoder.toUint8Array();
    }
  }
  // Every struct is now known to the receiver; the last piece is the delete set (DeleteSetCache).
  yield deleteSetUpdate();
}

import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

interface DeleteItem {
  clock: number;
  len: number;
}
type DeleteSet = { clients: Map<number, DeleteItem[]> };
type DsEncoder = Y.UpdateEncoderV1 & { resetDsCurVal(): void; writeDsClock(c: number): void; writeDsLen(l: number): void };

/**
 * The document's delete set, kept up to date from each transaction's deletions. Computing it
 * from scratch walks every struct (a 200 ms task at 100k customers), and it goes out with every
 * sync answer, so it is computed once and then merged incrementally.
 */
export class DeleteSetCache {
  #ds: DeleteSet | null = null;
  readonly #off: () => void;

  constructor(private readonly doc: Y.Doc) {
    const onTransaction = (transaction: Y.Transaction) => {
      const deletes = transaction.deleteSet as unknown as DeleteSet;
      if (this.#ds && deletes.clients.size > 0) this.#ds = Y.mergeDeleteSets([this.#ds, deletes] as never) as unknown as DeleteSet;
    };
    doc.on('afterTransaction', onTransaction);
    this.#off = () => doc.off('afterTransaction', onTransaction);
  }

  /** An update with no structs and the whole delete set: what `Y.encodeStateAsUpdate(doc, stateVectorOf(doc))` holds. */
  encodeAsUpdate(): Uint8Array {
    this.#ds ??= Y.createDeleteSetFromStructStore((this.doc as unknown as { store: never }).store) as unknown as DeleteSet;
    const encoder = new Y.UpdateEncoderV1() as DsEncoder;
    encoding.writeVarUint(encoder.restEncoder, 0); // no structs
    encoding.writeVarUint(encoder.restEncoder, this.#ds.clients.size);
    for (const [client, items] of [...this.#ds.clients].sort((a, b) => b[0] - a[0])) {
      encoder.resetDsCurVal();
      encoding.writeVarUint(encoder.restEncoder, client);
      encoding.writeVarUint(encoder.restEncoder, items.length);
      for (const item of items) {
        encoder.writeDsClock(item.clock);
        encoder.writeDsLen(item.len);
      }
    }
    return encoder.toUint8Array();
  }

  destroy() {
    this.#off();
  }
}

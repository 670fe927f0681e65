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
 * sync answer, so it is computed once and then added to: each transaction's ranges are appended
 * to their client's list, which is sorted and merged only when the set is next encoded
 * (Y.mergeDeleteSets copied the whole set at every edit that deleted something).
 */
export class DeleteSetCache {
  #ds: DeleteSet | null = null;
  /** Clients whose lists got ranges since they were last sorted and merged. */
  readonly #unsorted = new Set<number>();
  readonly #off: () => void;

  constructor(private readonly doc: Y.Doc) {
    const onTransaction = (transaction: Y.Transaction) => {
      if (!this.#ds) return;
      for (const [client, items] of (transaction.deleteSet as unknown as DeleteSet).clients) {
        let list = this.#ds.clients.get(client);
        if (!list) this.#ds.clients.set(client, (list = []));
        for (const item of items) list.push({ clock: item.clock, len: item.len });
        this.#unsorted.add(client);
      }
    };
    doc.on('afterTransaction', onTransaction);
    this.#off = () => doc.off('afterTransaction', onTransaction);
  }

  /** An update with no structs and the whole delete set: what `Y.encodeStateAsUpdate(doc, stateVectorOf(doc))` holds. */
  encodeAsUpdate(): Uint8Array {
    this.#ds ??= Y.createDeleteSetFromStructStore((this.doc as unknown as { store: never }).store) as unknown as DeleteSet;
    for (const client of this.#unsorted) this.#ds.clients.set(client, sortAndMerge(this.#ds.clients.get(client)!));
    this.#unsorted.clear();
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

/** Ranges by clock, with overlapping and adjacent ones joined (what Yjs's sortAndMergeDeleteSet does). */
function sortAndMerge(items: DeleteItem[]): DeleteItem[] {
  items.sort((a, b) => a.clock - b.clock);
  const merged: DeleteItem[] = [];
  for (const item of items) {
    const last = merged[merged.length - 1];
    if (last && last.clock + last.len >= item.clock) last.len = Math.max(last.len, item.clock + item.len - last.clock);
    else merged.push({ clock: item.clock, len: item.len });
  }
  return merged;
}

import * as Y from 'yjs';

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/** Structs (or deletions) Yjs holds back until what they depend on arrives. */
function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

function changed(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/**
 * Applies an update that arrived from a peer without Yjs encoding it again. While a document has
 * 'update' listeners (the update log, y-webrtc), Yjs encodes every transaction for them: a third
 * of the time a joining device spent applying a teammate's workspace went into re-encoding what
 * had just been decoded. Here the listeners get the bytes that arrived instead: the same
 * content, or more where part of it was already here, which each listener takes as well (the
 * log stores it, a peer ignores what it has).
 *
 * It holds the listeners back only for the transaction of this update, between the
 * 'afterTransactionCleanup' event (after which Yjs checks for listeners and encodes) and the
 * next transaction's observers or the end of all transactions; a transaction that an observer
 * starts meanwhile is encoded as usual. An update that leaves structs pending, or that may
 * complete pending ones, takes the plain path: only Yjs's own encoding carries those.
 */
export function applyReceived(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const observers = (doc as unknown as { _observers?: unknown })._observers;
  if (!(observers instanceof Map) || hasPending(doc)) {
    Y.applyUpdate(doc, update, origin);
    return;
  }
  const listenersOf = observers as Map<string, Set<UpdateListener>>;
  let first = true;
  let held: { listeners: Set<UpdateListener>; tr: Y.Transaction } | null = null;
  const hold = (tr: Y.Transaction) => {
    if (!first) return;
    first = false;
    const listeners = listenersOf.get('update');
    if (!listeners || tr.origin !== origin || hasPending(doc) || !changed(tr)) return;
    listenersOf.delete('update');
    held = { listeners, tr };
  };
  const release = () => {
    if (!held) return;
    const { listeners, tr } = held;
    held = null;
    for (const added of listenersOf.get('update') ?? []) listeners.add(added);
    listenersOf.set('update', listeners);
    for (const listener of [...listeners]) listener(update, origin, doc, tr);
  };
  doc.on('afterTransactionCleanup', hold);
  doc.on('beforeObserverCalls', release);
  doc.on('afterAllTransactions', release);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransactionCleanup', hold);
    doc.off('beforeObserverCalls', release);
    doc.off('afterAllTransactions', release);
    release();
  }
}

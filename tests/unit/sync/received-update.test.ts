import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyReceived } from '../../../src/sync/received-update';

const REMOTE = Symbol('peer');

/** A document whose 'update' listener keeps every update, as the update log does. */
function logged() {
  const doc = new Y.Doc();
  const log: { update: Uint8Array; origin: unknown }[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => log.push({ update, origin }));
  return { doc, log };
}

/** What a fresh device gets from replaying the log: it must match the document. */
function replay(log: { update: Uint8Array }[]) {
  const doc = new Y.Doc();
  for (const { update } of log) Y.applyUpdate(doc, update);
  return doc.getMap('m').toJSON();
}

function teammate() {
  const doc = new Y.Doc();
  const changes: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => changes.push(update));
  return { doc, changes };
}

describe('applyReceived', () => {
  it('gives the update listeners the bytes that arrived, once, without Yjs encoding them again', () => {
    const { doc, log } = logged();
    const peer = teammate();
    peer.doc.getMap('m').set('a', 1);
    const update = Y.encodeStateAsUpdate(peer.doc);
    applyReceived(doc, update, REMOTE);
    expect(log).toHaveLength(1);
    expect(log[0]!.update).toBe(update);
    expect(log[0]!.origin).toBe(REMOTE);
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1 });
  });

  it('calls nobody for an update that brings nothing new', () => {
    const { doc, log } = logged();
    const peer = teammate();
    peer.doc.getMap('m').set('a', 1);
    applyReceived(doc, Y.encodeStateAsUpdate(peer.doc), REMOTE);
    applyReceived(doc, Y.encodeStateAsUpdate(peer.doc), REMOTE);
    expect(log).toHaveLength(1);
  });

  it('still encodes a change that an observer makes while the update is applied, after it', () => {
    const { doc, log } = logged();
    doc.getMap('m').observe((event) => {
      if (!event.transaction.local) doc.getMap('m').set('seen', true);
    });
    const peer = teammate();
    peer.doc.getMap('m').set('a', 1);
    const update = Y.encodeStateAsUpdate(peer.doc);
    applyReceived(doc, update, REMOTE);
    expect(log.map((l) => l.origin)).toEqual([REMOTE, null]);
    expect(log[0]!.update).toBe(update);
    expect(replay(log)).toEqual({ a: 1, seen: true });
    // The listeners are back for whatever comes next.
    doc.getMap('m').set('later', 2);
    expect(log).toHaveLength(3);
  });

  it('leaves updates whose dependencies are missing to Yjs, so the log holds what it integrates later', () => {
    const { doc, log } = logged();
    const peer = teammate();
    peer.doc.getMap('m').set('a', 1);
    peer.doc.getMap('m').set('a', 2);
    const [first, second] = peer.changes;
    applyReceived(doc, second!, REMOTE);
    expect(doc.getMap('m').toJSON()).toEqual({});
    applyReceived(doc, first!, REMOTE);
    expect(doc.getMap('m').toJSON()).toEqual({ a: 2 });
    expect(replay(log)).toEqual({ a: 2 });
    // Nothing pending any more: the next one takes the short path again.
    peer.doc.getMap('m').set('b', 3);
    const third = peer.changes[2]!;
    applyReceived(doc, third, REMOTE);
    expect(log.at(-1)!.update).toBe(third);
    expect(replay(log)).toEqual({ a: 2, b: 3 });
  });

  it('a malformed update throws and changes nothing', () => {
    const { doc, log } = logged();
    expect(() => applyReceived(doc, Uint8Array.of(5, 200, 1), REMOTE)).toThrow();
    expect(log).toEqual([]);
    doc.getMap('m').set('ok', 1);
    expect(log).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { statePieces } from '../../../src/workspace/state-pieces';

function svOf(doc: Y.Doc) {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

function sameState(a: Y.Doc, b: Y.Doc) {
  expect(b.getMap('c').toJSON()).toEqual(a.getMap('c').toJSON());
  expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
  expect((b as unknown as { store: { pendingStructs: unknown } }).store.pendingStructs).toBeNull();
}

function edit(doc: Y.Doc, n: number, prefix: string) {
  doc.transact(() => {
    for (let i = 0; i < n; i++) {
      const record = new Y.Map<unknown>();
      doc.getMap('c').set(`${prefix}${i}`, record);
      record.set('name', `${prefix} ${i}`);
      if (i % 3 === 0) record.set('name', `${prefix} ${i} renamed`);
      if (i % 5 === 0) doc.getMap('c').delete(`${prefix}${i - 1}`);
    }
  });
}

describe('statePieces', () => {
  it('cuts a big state into small updates that rebuild the same document', () => {
    const a = new Y.Doc();
    edit(a, 3000, 'a');
    const pieces = [...statePieces(a, new Map(), 500)];
    expect(pieces.length).toBeGreaterThan(5);
    const b = new Y.Doc();
    for (const piece of pieces) Y.applyUpdate(b, piece);
    sameState(a, b);
  });

  it('keeps pieces near the byte budget when records are large, and still rebuilds the document', () => {
    const a = new Y.Doc();
    a.transact(() => {
      for (let i = 0; i < 300; i++) {
        const record = new Y.Map<unknown>();
        a.getMap('c').set(`r${i}`, record);
        record.set('notes', `${i} `.padEnd(2000, 'x'));
      }
    });
    const pieces = [...statePieces(a, new Map(), 1500, undefined, 16 * 1024)];
    // 300 records of 2 kB: far fewer than 1500 structs, but about 600 kB.
    expect(pieces.length).toBeGreaterThan(30);
    // A piece stops at the first struct past the budget: over it by at most one record.
    for (const piece of pieces) expect(piece.length).toBeLessThan(16 * 1024 + 2100);
    const b = new Y.Doc();
    for (const piece of pieces) Y.applyUpdate(b, piece);
    sameState(a, b);
  });

  it('sends only what the receiver lacks', () => {
    const a = new Y.Doc();
    edit(a, 500, 'a');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    edit(a, 20, 'late');
    const pieces = [...statePieces(a, svOf(b), 100)];
    const bytes = pieces.reduce((n, p) => n + p.length, 0);
    expect(bytes).toBeLessThan(Y.encodeStateAsUpdate(a).length / 5);
    for (const piece of pieces) Y.applyUpdate(b, piece);
    sameState(a, b);
  });

  it('a receiver that has everything gets only the delete set', () => {
    const a = new Y.Doc();
    edit(a, 50, 'a');
    expect([...statePieces(a, svOf(a))]).toHaveLength(1);
  });

  it('works for several writers whose edits refer to each other, in any piece size, in causal order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 60 }), (writers, size, rounds) => {
        const docs = Array.from({ length: writers }, () => new Y.Doc());
        for (let r = 0; r < rounds % 6 + 1; r++) {
          docs.forEach((d, i) => edit(d, 10 + ((r * 7 + i) % 20), `w${i}r${r}-`));
          // Exchange so later edits overwrite and delete other writers' records.
          for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
          docs[0]!.transact(() => {
            for (const key of [...docs[0]!.getMap('c').keys()].slice(0, 5)) (docs[0]!.getMap('c').get(key) as Y.Map<unknown>).set('name', `edited ${r}`);
          });
        }
        const fresh = new Y.Doc();
        for (const piece of statePieces(docs[0]!, new Map(), size)) {
          Y.applyUpdate(fresh, piece);
          // Causal order: nothing ever waits as "pending" (which would make each later piece slow).
          expect((fresh as unknown as { store: { pendingStructs: unknown } }).store.pendingStructs).toBeNull();
        }
        sameState(docs[0]!, fresh);
      }),
      { numRuns: 40 },
    );
  });

  it('sends edits of another writer’s records only after those records, so nothing waits as pending', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    edit(a, 2000, 'a');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // b edits a's newest records: b's first structs depend on a's last ones.
    b.transact(() => {
      for (let i = 1999; i > 1000; i -= 3) (b.getMap('c').get(`a${i}`) as Y.Map<unknown> | undefined)?.set('name', `b ${i}`);
    });
    edit(b, 300, 'b');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    const fresh = new Y.Doc();
    for (const piece of statePieces(a, new Map(), 100)) {
      Y.applyUpdate(fresh, piece);
      expect((fresh as unknown as { store: { pendingStructs: unknown } }).store.pendingStructs).toBeNull();
    }
    sameState(a, fresh);
  });

  it('loses nothing when records are purged between pieces (structs merge and indexes shift)', () => {
    const a = new Y.Doc();
    edit(a, 1200, 'a');
    const b = new Y.Doc();
    let i = 0;
    for (const piece of statePieces(a, new Map(), 150)) {
      Y.applyUpdate(b, piece);
      a.transact(() => {
        for (let k = 0; k < 3; k++) a.getMap('c').delete(`a${(i * 37 + k * 11) % 1200}`);
      });
      i++;
    }
    // Only the deletions made after the last piece are missing: no struct is.
    expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(a)));
    sameState(a, b);
  });

  it('keeps producing valid pieces while the document changes between them', () => {
    const a = new Y.Doc();
    edit(a, 1000, 'a');
    const b = new Y.Doc();
    let i = 0;
    for (const piece of statePieces(a, new Map(), 200)) {
      Y.applyUpdate(b, piece);
      if (i++ % 2 === 0) (a.getMap('c').get(`a${i * 10}`) as Y.Map<unknown> | undefined)?.set('name', `changed ${i}`);
    }
    // What changed after a piece was cut arrives with the next sync round, as with any late edit.
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    sameState(a, b);
  });
});

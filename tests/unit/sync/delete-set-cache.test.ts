import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { DeleteSetCache } from '../../../src/sync/delete-set-cache';

const reference = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));

describe('DeleteSetCache', () => {
  it('encodes the same bytes as Yjs after any mix of local and remote edits and deletions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ remote: fc.boolean(), key: fc.integer({ min: 0, max: 15 }), del: fc.boolean(), check: fc.boolean() }), { maxLength: 60 }),
        (ops) => {
          const doc = new Y.Doc();
          const other = new Y.Doc();
          const cache = new DeleteSetCache(doc);
          expect(cache.encodeAsUpdate()).toEqual(reference(doc));
          for (const op of ops) {
            const target = op.remote ? other : doc;
            const map = target.getMap('c');
            if (op.del) map.delete(`k${op.key}`);
            else map.set(`k${op.key}`, `v${op.key}-${Math.random()}`);
            if (op.remote) Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
            if (op.check) expect(cache.encodeAsUpdate()).toEqual(reference(doc));
          }
          expect(cache.encodeAsUpdate()).toEqual(reference(doc));
          cache.destroy();
        },
      ),
      { numRuns: 150 },
    );
  });
});

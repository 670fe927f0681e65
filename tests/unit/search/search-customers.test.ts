import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateSampleWorkspace } from '../../../src/domain/sample-data';
import { contactSearchDoc, customerSearchDoc, SearchIndex, type SearchDoc } from '../../../src/search';
import { rankAll, rankTop } from '../../../src/search/ranking';
import { DocStore } from '../../../src/search/doc-store';
import { DigitStore } from '../../../src/search/digit-store';
import type { DocForms } from '../../../src/search/analyse';
import { contact, customer, workspace } from './docs';

/** What the list used to compute: every hit ranked, a customer kept at its first (best) hit. */
function reference(index: SearchIndex, query: string): { total: number; ids: string[] } {
  const { total, hits } = index.search(query, { limit: Infinity });
  return { total, ids: [...new Set(hits.map((h) => h.customerId))] };
}

function customers(index: SearchIndex, query: string): { total: number; ids: string[] } {
  const { total, keys, ids } = index.searchCustomers(query);
  return { total, ids: Array.from(keys, (k) => ids[k]!) };
}

function sampleDocs(count: number): SearchDoc[] {
  const sample = generateSampleWorkspace({ customers: count, seed: 7, now: new Date('2026-01-01'), memberId: 'm' });
  const names = new Map(sample.customers.map((c) => [c.id, c.name]));
  return [
    ...sample.customers.map((c) => customerSearchDoc(c)),
    ...sample.contacts.map((c, i) => contactSearchDoc({ ...c, id: `${c.customerId}/contact-${i}` }, names.get(c.customerId)!)),
  ];
}

const typed = (q: string) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1));
/** What bench/lists.mjs types, char by char, and a few more kinds. */
const QUERIES = ['金桥', 'beijing', 'bei jing', 'bjjq', 'wangjianguo', 'blue', 'bluebrid', '+86 138', '555 01', 'hello@bluebird', 'm', '王', '有限公司', '0086 138', '021 6', 'smiht']
  .flatMap(typed);

describe('SearchIndex.searchCustomers: the list’s path finds what search finds, in the same order', () => {
  const docs = sampleDocs(1500);
  const index = new SearchIndex();
  index.addMany(docs);

  it.each(QUERIES)('%j', (query) => {
    expect(customers(index, query)).toEqual(reference(index, query));
  });

  it('for any fragment of a name, company, email or phone of the sample', () => {
    const texts = docs.flatMap((d) => [d.name, d.company, ...d.emails, ...d.phones]).filter(Boolean);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 6 }), (text, at, length) => {
        const start = at % text.length;
        const query = text.slice(start, start + length);
        expect(customers(index, query)).toEqual(reference(index, query));
      }),
      { numRuns: 300 },
    );
  });

  it('through updates, removals and compaction, and after loading', () => {
    const changing = new SearchIndex();
    changing.addMany(docs);
    const before = changing.searchCustomers('a').ids;
    // Enough removals that dead slots are reclaimed: the customer numbers change with them.
    for (let i = 0; i < docs.length; i += 2) changing.remove(docs[i]!.id);
    for (let i = 1; i < docs.length; i += 4) changing.add({ ...docs[i]!, name: `${docs[i]!.name} Zed` });
    expect(changing.searchCustomers('a').ids).not.toBe(before);
    for (const query of ['a', 'zed', 'w', '王', '138', 'bj']) expect(customers(changing, query), query).toEqual(reference(changing, query));
    const loaded = SearchIndex.fromJSON(structuredClone(changing.toJSON()));
    for (const query of ['a', 'zed', '王']) expect(customers(loaded, query), query).toEqual(reference(changing, query));
  });

  it('keeps a customer’s number while the numbering lasts, and shares it with its contacts', () => {
    const small = new SearchIndex();
    small.addMany(workspace);
    const first = small.searchCustomers('明远');
    expect(first.total).toBe(2);
    expect(Array.from(first.keys, (k) => first.ids[k])).toEqual(['myco']);
    small.add(contact('myco-c2', 'myco', '上海明远贸易有限公司', { name: '明远' }));
    small.add(customer('new', { name: '明远新' }));
    const second = small.searchCustomers('明远');
    expect(second.ids).toBe(first.ids);
    // The contact named exactly 明远 puts its company first.
    expect(Array.from(second.keys, (k) => second.ids[k])).toEqual(['myco', 'new']);
    expect(second.keys).toContain(first.keys[0]);
  });

  it('finds nothing in an empty index or for an empty query', () => {
    expect(new SearchIndex().searchCustomers('a')).toMatchObject({ total: 0, keys: new Int32Array(0) });
    expect(index.searchCustomers('  ')).toMatchObject({ total: 0, keys: new Int32Array(0) });
  });
});

describe('rankAll', () => {
  it('orders like rankTop with no limit, sparse or dense', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.integer({ min: 1000, max: 5999 }), { maxLength: 400 }),
        fc.integer(),
        (slots, scoreList, seed) => {
          // Distinct documents below `slots`, in no order, as the matcher returns them.
          const docs = [...new Set(scoreList.map((_, i) => Math.abs((i * 7919 + seed) % slots)))];
          const scores = Int32Array.from(docs, (_, i) => scoreList[i]!);
          const expected = rankTop(docs, scores, Infinity).map((r) => r.doc);
          expect(Array.from(rankAll(docs, scores, slots))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('DocStore.nameMatch', () => {
  const forms = (name: string, pinyin: string, initials: string): DocForms => ({ name, company: 'acme', namePinyin: pinyin, nameInitials: initials, digits: '123', cjk: '' });

  it('agrees with the part-by-part comparisons', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'w', 'j', '王', ' '), maxLength: 5 });
    fc.assert(
      fc.property(word, word, word, word, (name, pinyin, text, compact) => {
        const store = new DocStore();
        const han = pinyin !== '';
        const doc = store.add(customer('x'), forms(name, pinyin, han ? pinyin.slice(0, 2) : ''), 0);
        const is = (part: 0 | 1 | 2, value: string) => store.equals(doc, part, value);
        const starts = (part: 0 | 1 | 2, value: string) => store.startsWith(doc, part, value);
        const expected = is(0, text) || (han && (is(1, compact) || is(2, compact))) ? 2 : starts(0, text) || (han && (starts(1, compact) || starts(2, compact))) ? 1 : 0;
        expect(store.nameMatch(doc, text, compact)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('DigitStore', () => {
  it('finds a fragment in a slot’s digits as indexOf would, through compactions', () => {
    const numbers = fc.array(fc.stringMatching(/^[0-9]{0,6}$/), { maxLength: 3 }).map((list) => list.join(','));
    fc.assert(
      fc.property(fc.array(numbers, { maxLength: 30 }), fc.array(fc.boolean(), { maxLength: 30 }), fc.stringMatching(/^[0-9]{1,4}$/), (slots, keep, needle) => {
        const store = new DigitStore();
        for (const digits of slots) store.push(digits);
        let live = slots;
        if (keep.length > 0) {
          let next = 0;
          const newDoc = Int32Array.from(slots, (_, i) => (keep[i % keep.length] ? next++ : -1));
          store.compact(newDoc);
          live = slots.filter((_, i) => newDoc[i]! >= 0);
          store.push('555');
          live = [...live, '555'];
        }
        live.forEach((digits, doc) => expect(store.includes(doc, needle), `${digits} ${needle}`).toBe(digits.includes(needle)));
      }),
      { numRuns: 300 },
    );
  });
});

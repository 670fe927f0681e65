import { describe, expect, it } from 'vitest';
import { addInSlices, SEARCH_INDEX_VERSION, SearchIndex, type SearchDoc } from '../../../src/search';
import { contact, customer, workspace } from './docs';

function indexOf(docs: SearchDoc[]): SearchIndex {
  const index = new SearchIndex();
  index.addMany(docs);
  return index;
}

const ids = (index: SearchIndex, query: string, limit = 50) => index.search(query, { limit }).hits.map((h) => h.id);

describe('SearchIndex: what a query finds', () => {
  const index = indexOf(workspace);

  it.each<[string, string, string[], string[]]>([
    ['Chinese substring', '建国', ['wjg', 'wjgs'], ['lgj']],
    ['Chinese company substring', '明远贸易', ['myco', 'myco-c1'], []],
    ['whole company name', '上海明远贸易有限公司', ['myco', 'myco-c1'], []],
    ['single Chinese character', '王', ['wjg', 'wjgs'], ['lgj']],
    ['Chinese in notes', '周末', ['wjg'], []],
    ['one Chinese character does not search notes', '周', [], ['wjg']],
    ['pinyin full', 'wangjianguo', ['wjg', 'wjgs'], ['lgj']],
    ['pinyin spaced', 'wang jian guo', ['wjg', 'wjgs'], []],
    ['pinyin upper case', 'WangJianGuo', ['wjg'], []],
    ['pinyin while typing', 'wangjia', ['wjg', 'wjgs'], []],
    ['pinyin of a later part', 'jianguo', ['wjg', 'wjgs'], ['lgj']],
    ['pinyin initials', 'wjg', ['wjg', 'wjgs'], ['lgj']],
    ['initials of a later part', 'jg', ['wjg', 'wjgs'], ['lgj']],
    ['initials of a later part', 'gj', ['lgj'], ['wjg']],
    ['pinyin of a company name', 'mingyuan', ['myco'], ['myco-c1']],
    ['pinyin longer than an index term', 'shanghaimingyuanmaoyi', ['myco'], ['wjg', 'myco-c1']],
    ['pinyin of a city', 'hangzhou', ['wjg'], []],
    ['pinyin with v for ü', 'lvmin', ['lv'], []],
    ['English prefix', 'smi', ['smith', 'smithers', 'olivia'], ['smyth']],
    ['English typo', 'smiht', ['smith', 'smithers'], []],
    ['English typo, letters swapped', 'smtih', ['smith'], []],
    ['English typo, letter missing', 'smth', ['smith', 'smyth'], []],
    ['accent-free', 'alvarez', ['jose'], []],
    ['with accent', 'Álvarez José', ['jose'], []],
    ['tag', 'vip', ['wjg'], []],
    ['tag prefix', 'whole', ['smith'], []],
    ['city of two words', 'new york', ['smith'], ['smithers']],
    ['notes', 'trade show', ['smyth'], []],
    ['phone, national, spaced', '138 0013 8000', ['wjg'], ['wjgs']],
    ['phone fragment', '138 0013', ['wjg'], []],
    ['phone fragment, middle to end', '0013 8000', ['wjg'], []],
    ['phone with country code', '+86 138', ['wjg'], ['wjgs', 'smith']],
    ['phone with country code and spaces', '+86 138 0013 8000', ['wjg'], []],
    ['phone with dashes', '138-0013-8000', ['wjg'], []],
    ['phone with brackets', '(138) 0013 8000', ['wjg'], []],
    ['phone with 0086', '0086 13800138000', ['wjg'], []],
    ['landline with trunk 0', '021 6123 4567', ['myco'], []],
    ['US number', '(212) 555-0119', ['smith'], []],
    ['UK mobile with trunk 0', '07911 123456', ['smithers'], []],
    ['last four digits', '0119', ['smith'], []],
    ['email', 'john.smith@example.com', ['smith'], ['olivia']],
    ['email start', 'olivia.brown9', ['olivia'], []],
    ['email domain', 'mingyuan.example', ['myco'], []],
    ['word and phone', 'smith 555', ['smith'], ['smithers', 'olivia']],
    ['Chinese and Latin', '王 vip', ['wjg'], ['wjgs']],
  ])('%s: %j', (_, query, found, notFound) => {
    const hits = ids(index, query);
    for (const id of found) expect(hits).toContain(id);
    for (const id of notFound) expect(hits).not.toContain(id);
  });

  it.each(['xyz', '建国李', 'wangguojianx', '999 999', 'smith 建国'])('%j finds nothing', (query) => {
    expect(index.search(query)).toEqual({ total: 0, hits: [] });
  });

  it('says which fields matched', () => {
    const hit = (query: string, id: string) => index.search(query).hits.find((h) => h.id === id);
    expect(hit('明远', 'myco')?.matchedFields).toEqual(['name']);
    expect(hit('明远', 'myco-c1')?.matchedFields).toEqual(['company']);
    expect(hit('smith', 'olivia')?.matchedFields).toEqual(['notes']);
    expect(hit('smith', 'smith')?.matchedFields).toEqual(['name', 'email']);
    expect(hit('138 0013', 'wjg')?.matchedFields).toEqual(['phone']);
    expect(hit('hangzhou', 'wjg')?.matchedFields).toEqual(['city']);
  });

  it('reports kind and customer of each hit', () => {
    expect(index.search('张伟').hits).toEqual([expect.objectContaining({ id: 'myco-c1', kind: 'contact', customerId: 'myco' })]);
    expect(index.search('吕敏').hits).toEqual([expect.objectContaining({ id: 'lv', kind: 'customer', customerId: 'lv' })]);
  });
});

describe('SearchIndex: ranking', () => {
  it.each<[string, SearchDoc[], string]>([
    [
      'English',
      [
        customer('notes', { name: 'Olivia Brown', notes: 'Call Smith first' }),
        customer('typo', { name: 'Mary Smyth' }),
        customer('other-name', { name: 'John Smith' }),
        customer('prefix', { name: 'Smithers Trading' }),
        customer('exact', { name: 'Smith' }),
      ],
      'smith',
    ],
    [
      'Chinese',
      [
        customer('notes', { name: '赵六', notes: '王建国介绍的' }),
        contact('company', 'x', '王建国贸易有限公司', { name: '张伟' }),
        customer('other-name', { name: '李王建国' }),
        customer('prefix', { name: '王建国森' }),
        customer('exact', { name: '王建国' }),
      ],
      '王建国',
    ],
    [
      'pinyin',
      [
        customer('other-name', { name: '李王建国' }),
        customer('prefix', { name: '王建国森' }),
        customer('exact', { name: '王建国' }),
      ],
      'wangjianguo',
    ],
    [
      'initials',
      [
        customer('other-name', { name: '李王建国' }),
        customer('prefix', { name: '王建国森' }),
        customer('exact', { name: '王建国' }),
      ],
      'wjg',
    ],
  ])('%s: exact name > name prefix > other name match > name typo > other fields', (_, docs, query) => {
    const order = ['exact', 'prefix', 'other-name', 'typo', 'company', 'notes'].filter((id) => docs.some((d) => d.id === id));
    expect(ids(indexOf(docs), query)).toEqual(order);
  });

  it('finds a contact by its company’s Chinese name but not by that name’s pinyin (the company itself is found)', () => {
    const index = indexOf([customer('co', { name: '王建国贸易有限公司' }), contact('c', 'co', '王建国贸易有限公司', { name: '张伟' })]);
    expect(ids(index, '建国贸易')).toEqual(['co', 'c']);
    expect(ids(index, 'wangjianguo')).toEqual(['co']);
  });

  it('puts a more telling field first when the name did not match', () => {
    const docs = [
      customer('notes', { name: 'A', notes: 'northwind' }),
      customer('city', { name: 'B', city: 'Northwind' }),
      customer('email', { name: 'C', emails: ['info@northwind.example'] }),
      contact('company', 'x', 'Northwind Ltd', { name: 'D' }),
    ];
    expect(ids(indexOf(docs), 'northwind')).toEqual(['company', 'email', 'city', 'notes']);
  });

  it('puts shorter names first, then the most recently added', () => {
    const docs = [customer('a', { name: '王建国' }), customer('b', { name: '王伟' }), customer('c', { name: '王建国' })];
    expect(ids(indexOf(docs), '王')).toEqual(['b', 'c', 'a']);
  });

  it('ranks only `limit` hits but counts them all, best first', () => {
    const docs = Array.from({ length: 300 }, (_, i) => customer(`c${i}`, { name: i % 3 === 0 ? `Sam ${i}` : `Alex Sam${i}` }));
    const result = indexOf(docs).search('s', { limit: 10 });
    expect(result.total).toBe(300);
    expect(result.hits).toHaveLength(10);
    expect(result.hits.every((h) => Number(h.id.slice(1)) % 3 === 0)).toBe(true);
    const scores = result.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('SearchIndex: incremental changes', () => {
  it('adds, replaces and removes one document at a time', () => {
    const index = indexOf(workspace);
    expect(index.size).toBe(workspace.length);

    index.add(customer('new', { name: '陈思远', phones: ['+8618612345678'] }));
    expect(index.has('new')).toBe(true);
    expect(ids(index, 'chensiyuan')).toEqual(['new']);
    expect(ids(index, '186 1234')).toEqual(['new']);

    index.add(customer('new', { name: '陈雨桐', phones: ['+8618612345678'] }));
    expect(index.size).toBe(workspace.length + 1);
    expect(ids(index, '雨桐')).toEqual(['new']);
    expect(ids(index, 'chenyutong')).toEqual(['new']);
    expect(ids(index, '思远')).toEqual([]);
    expect(ids(index, 'chensiyuan')).toEqual([]);

    index.remove('new');
    expect(index.has('new')).toBe(false);
    expect(index.size).toBe(workspace.length);
    expect(ids(index, '雨桐')).toEqual([]);
    expect(ids(index, '186 1234')).toEqual([]);

    index.remove('new');
    index.remove('never-added');
    expect(index.size).toBe(workspace.length);
  });

  it('moves a contact to its company’s new name', () => {
    const index = indexOf(workspace);
    index.add(contact('myco-c1', 'myco', '上海远明科技有限公司', { name: '张伟' }));
    expect(ids(index, '明远贸易')).toEqual(['myco']);
    expect(ids(index, '远明科技')).toEqual(['myco-c1']);
  });

  it('keeps finding the right documents through thousands of updates', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 500; i++) index.add(customer(`c${i}`, { name: `Person ${i}`, phones: [`+861380000${String(i).padStart(4, '0')}`] }));
    // Enough replacements that dead slots are reclaimed more than once on the way.
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 500; i++) index.add(customer(`c${i}`, { name: `Person ${i} r${round}`, phones: [`+861390000${String(i).padStart(4, '0')}`] }));
    }
    expect(index.size).toBe(500);
    expect(ids(index, 'r5', 1000)).toHaveLength(500);
    expect(ids(index, 'r4')).toEqual([]);
    expect(ids(index, '138 0000')).toEqual([]);
    expect(ids(index, '139 0000 0042')).toEqual(['c42']);
    expect(ids(index, 'person 42 r5')[0]).toBe('c42');
  });

  it('ignores a document sent again unchanged', () => {
    const index = indexOf(workspace);
    const before = JSON.stringify(index.toJSON());
    index.add({ ...workspace[0]!, tags: [...workspace[0]!.tags] });
    expect(JSON.stringify(index.toJSON())).toBe(before);
  });

  it('builds in slices, pausing in between', async () => {
    const index = new SearchIndex();
    let pauses = 0;
    await addInSlices(index, workspace, { sliceSize: 4, pause: async () => void pauses++ });
    expect(pauses).toBe(2);
    expect(index.size).toBe(workspace.length);
    expect(ids(index, 'wjg')).toEqual(ids(indexOf(workspace), 'wjg'));
  });
});

describe('SearchIndex: saving and loading', () => {
  const queries = ['建国', 'wangjianguo', 'wang jian guo', 'wjg', 'smi', 'smiht', '+86 138', '138 0013', 'john.smith@example.com', '王', 's', 'mingyuan', 'new york'];

  it('gives the same results after a round trip through JSON', () => {
    const index = indexOf(workspace);
    index.remove('smyth');
    index.add(customer('wjg', { name: '王建国', phones: ['+8613800138000'], city: '上海' }));
    const loaded = SearchIndex.fromJSON(structuredClone(index.toJSON()));
    expect(loaded.size).toBe(index.size);
    for (const q of queries) expect(loaded.search(q), q).toEqual(index.search(q));
  });

  it('keeps working incrementally after loading', () => {
    const loaded = SearchIndex.fromJSON(structuredClone(indexOf(workspace).toJSON()));
    loaded.add(customer('new', { name: '陈思远' }));
    loaded.remove('wjg');
    expect(ids(loaded, 'csy')).toEqual(['new']);
    expect(ids(loaded, 'wjg')).toEqual(['wjgs']);
  });

  it('after loading, finds customers through their contacts and by phone fragment as the original does', () => {
    const original = indexOf(workspace);
    original.add(contact('c-new', 'wjg', '王建国', { name: 'Ada Liu', phones: ['+8613912345678'] }));
    const loaded = SearchIndex.fromJSON(structuredClone(original.toJSON()));
    for (const q of [...queries, 'ada', '1391234', '139 1234']) expect(loaded.searchCustomers(q), q).toEqual(original.searchCustomers(q));
    // Changes after loading number new customers after the saved ones, as the original does.
    for (const index of [original, loaded]) {
      index.add(customer('late', { name: 'Zed Late', phones: ['+8613700000000'] }));
      index.remove('c-new');
    }
    for (const q of ['zed', '13700000', 'ada']) {
      const [a, b] = [original.searchCustomers(q), loaded.searchCustomers(q)];
      expect(Array.from(b.keys, (k) => b.ids[k]), q).toEqual(Array.from(a.keys, (k) => a.ids[k]));
    }
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'index'],
    ['an empty object', {}],
    ['another version', { ...indexOf(workspace).toJSON(), version: SEARCH_INDEX_VERSION + 1 }],
    ['columns of different lengths', (() => { const j = indexOf(workspace).toJSON(); j.docs.texts.pop(); return j; })()],
    ['a document text with a part missing', (() => { const j = indexOf(workspace).toJSON(); j.docs.texts[0] = j.docs.texts[0]!.slice(1 + j.docs.texts[0]!.indexOf('\u0001')); return j; })()],
    ['terms out of order', (() => { const j = indexOf(workspace).toJSON(); j.terms.keys.reverse(); return j; })()],
    ['entries that do not add up', (() => { const j = indexOf(workspace).toJSON(); j.terms.entries = j.terms.entries.subarray(1); return j; })()],
    ['plain arrays instead of typed ones', (() => { const j = indexOf(workspace).toJSON(); (j.terms as { entries: unknown }).entries = [...j.terms.entries]; return j; })()],
    ['an owner number out of range', (() => { const j = indexOf(workspace).toJSON(); j.docs.ownerOf[0] = j.docs.owners.length; return j; })()],
    ['phone digits that do not fit the documents', (() => { const j = indexOf(workspace).toJSON(); j.docs.digits.starts = j.docs.digits.starts.subarray(1); return j; })()],
    ['a posting of a document that is not there', (() => { const j = indexOf(workspace).toJSON(); j.terms.entries[0] = j.terms.entries[0]! + 1_000_000 * 256; return j; })()],
    ['a term that is not a string', (() => { const j = indexOf(workspace).toJSON(); (j.terms.keys as unknown[])[0] = 1; return j; })()],
  ])('refuses %s', (_, json) => {
    expect(() => SearchIndex.fromJSON(json)).toThrow();
  });
});

describe('SearchIndex: queries that must never hurt', () => {
  const index = indexOf(workspace);

  it.each([
    ['empty', ''],
    ['white space', '   \t\n'],
    ['emoji', '😀🎉'],
    ['emoji and Chinese', '王😀'],
    ['regex characters', '.*('],
    ['more regex', '^(a+)+$ [\\d]'],
    ['lone surrogate', '\ud800'],
    ['control characters', '\u0000\u0001\u001f'],
    ['very long', 'smith '.repeat(2000)],
    ['very long Chinese', '王建国'.repeat(4000)],
    ['very long digits', '1'.repeat(10_000)],
    ['very long garbage', Array.from({ length: 10_000 }, (_, i) => String.fromCharCode(33 + (i * 7919) % 60000)).join('')],
  ])('%s returns quickly', (_, query) => {
    const started = performance.now();
    const result = index.search(query);
    expect(performance.now() - started).toBeLessThan(100);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  });

  it.each([0, -5, Number.NaN, 2.7])('takes limit %s', (limit) => {
    const result = index.search('s', { limit });
    expect(result.hits.length).toBeLessThanOrEqual(Math.max(0, Math.floor(limit) || 0));
    expect(result.total).toBeGreaterThan(0);
  });

  it('an empty index finds nothing', () => {
    expect(new SearchIndex().search('smith')).toEqual({ total: 0, hits: [] });
  });
});

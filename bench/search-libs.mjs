// `node bench/search-libs.mjs [10000,100000] [lib,...]`: the measurements behind docs/search.md.
// Compares Kehu's own index (src/search) with MiniSearch and FlexSearch used as generic indexes
// (substrings of CJK text and phone numbers as suffix terms or "full" tokens), and with each
// library holding only the word half of the job. Runs on the app's sample workspace in Node;
// every library and size runs in a fresh process, so heap and caches start cold. Prints markdown.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import v8 from 'node:v8';

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const LIBS = ['kehu', 'minisearch', 'flexsearch', 'minisearch-words', 'flexsearch-words'];
const KINDS = [
  ['zh', 'Chinese substring'],
  ['py', 'pinyin full'],
  ['pys', 'pinyin spaced'],
  ['ini', 'initials'],
  ['pre', 'English prefix'],
  ['typo', 'typo'],
  ['tel', 'phone +86 / spaces'],
  ['telfrag', 'phone fragment'],
  ['email', 'email'],
  ['one', 'single character'],
];
const WORD_KINDS = new Set(['py', 'pys', 'ini', 'pre', 'typo', 'email', 'one']);
const REPEATS = 10;
/** A kind whose queries have taken this long in total stops early (generic indexes can be slow). */
const KIND_BUDGET_MS = 20_000;

function main() {
  const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
  const libs = (process.argv[3] ?? LIBS.join(',')).split(',');
  const load = [loadavg()[0]];
  const results = [];
  for (const size of sizes) {
    for (const lib of libs) {
      process.stderr.write(`${lib} at ${size} customers...\n`);
      try {
        const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', here, '--child', lib, String(size)], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 1 << 26,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        results.push(JSON.parse(out.trim().split('\n').pop()));
      } catch (error) {
        results.push({ lib, size, failed: String(error.message).split('\n')[0] });
      }
    }
  }
  load.push(loadavg()[0]);
  printTables(results, load);
}

// ---------------------------------------------------------------- child: one library, one size

async function runChild(lib, size) {
  const { runnerImport } = await import('vite');
  const load = async (path) => (await runnerImport(`${root}${path}`, { configFile: false, root, logLevel: 'error' })).module;
  const sample = await load('src/domain/sample-data.ts');
  const search = await load('src/search/index.ts');
  const fold = await load('src/search/fold.ts');
  const pinyin = await load('src/search/pinyin.ts');
  const { pinyin: toPinyin } = await import('pinyin-pro');

  // Documents arrive in the worker through postMessage, i.e. structured clone: flat strings that
  // only the index keeps once it is built. So: serialise once, build from a fresh clone, drop it.
  const buffer = (() => {
    const ws = sample.generateSampleWorkspace({ customers: size, seed: 1, now: new Date('2026-01-01'), memberId: 'm' });
    const companyOf = new Map(ws.customers.map((c) => [c.id, c.name]));
    return v8.serialize([
      ...ws.customers.map((c) => search.customerSearchDoc(c)),
      ...ws.contacts.map((c, i) => search.contactSearchDoc({ ...c, id: `${c.customerId}/contact-${i}` }, companyOf.get(c.customerId))),
    ]);
  })();
  const docs = v8.deserialize(buffer);
  const queries = makeQueries(docs, toPinyin);
  const adapter = await makeAdapter(lib, { search, fold, pinyin });

  const memory0 = await memory();
  const held = { docs: v8.deserialize(buffer), index: null, loaded: null };
  let t = performance.now();
  held.index = await adapter.build(held.docs);
  const buildMs = performance.now() - t;
  held.docs = null;
  const memoryMB = ((await memory()) - memory0) / 1e6;

  const kinds = {};
  for (const [kind] of KINDS) {
    if (!adapter.kinds.has(kind)) continue;
    const times = [];
    let found = 0;
    let total = 0;
    let spent = 0;
    for (const { q, expect } of queries[kind]) {
      const r = adapter.search(held.index, q, true);
      if (r.ids.includes(expect)) found++;
      total += r.total;
    }
    for (let round = 0; round < REPEATS && spent < KIND_BUDGET_MS; round++) {
      for (const { q } of queries[kind]) {
        const start = performance.now();
        adapter.search(held.index, q, false);
        const ms = performance.now() - start;
        times.push(ms);
        spent += ms;
      }
    }
    times.sort((a, b) => a - b);
    kinds[kind] = { p50: pct(times, 0.5), p95: pct(times, 0.95), found, of: queries[kind].length, meanTotal: Math.round(total / queries[kind].length) };
  }

  // One document at a time, as the projection reports changes: replace with a new name, then remove.
  const changes = [];
  for (let i = 0; i < 200; i++) {
    const doc = docs[(i * 7919) % docs.length];
    let start = performance.now();
    adapter.update(held.index, { ...doc, name: `${doc.name} ${i}`, tags: [...doc.tags, 'changed'] });
    changes.push(['update', performance.now() - start]);
    start = performance.now();
    adapter.remove(held.index, doc.id);
    changes.push(['remove', performance.now() - start]);
  }
  const change = {};
  for (const what of ['update', 'remove']) {
    const times = changes.filter(([w]) => w === what).map(([, ms]) => ms).sort((a, b) => a - b);
    change[what] = { p50: pct(times, 0.5), p95: pct(times, 0.95) };
  }

  t = performance.now();
  const saved = await adapter.save(held.index);
  const saveMs = performance.now() - t;
  const savedMB = saved.length / 1e6;
  held.index = null;
  await memory();
  t = performance.now();
  let loadMs;
  let loadError = null;
  try {
    held.loaded = await adapter.load(saved);
    loadMs = performance.now() - t;
  } catch (error) {
    loadError = String(error.message ?? error).slice(0, 60);
  }

  // What IndexedDB would do with the saved object (structured clone), where the library allows it.
  let clone = null;
  if (adapter.toClone && held.loaded) {
    const buffer = v8.serialize(adapter.toClone(held.loaded));
    held.loaded = null;
    await memory();
    t = performance.now();
    adapter.fromClone(v8.deserialize(buffer));
    clone = { MB: buffer.length / 1e6, loadMs: performance.now() - t };
  }
  return { lib, size, docs: docs.length, buildMs, memoryMB, saveMs, savedMB, loadMs, loadError, clone, kinds, change };
}

/** Heap and array buffers (typed arrays live outside the heap), once garbage is collected. */
async function memory() {
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (let i = 0; i < 4; i++) globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

// ---------------------------------------------------------------- queries from the sample itself

function makeQueries(docs, toPinyin) {
  const people = (re) => docs.filter((d) => re.test(d.name));
  const zhPeople = people(/^[\u4e00-\u9fff]{2,3}$/).filter((d, i, all) => all.findIndex((x) => x.name === d.name) === i).slice(0, 8);
  const enPeople = people(/^[A-Z][a-z]+ [A-Z][a-z]{4,}$/).filter((d, i, all) => all.findIndex((x) => x.name === d.name) === i).slice(0, 8);
  const zhCompanies = docs.filter((d) => d.kind === 'customer' && /有限公司$/.test(d.name)).slice(0, 4);
  const cnPhones = docs.filter((d) => d.phones[0]?.startsWith('+861')).slice(0, 8);
  const withEmail = docs.filter((d) => d.emails.length).slice(0, 8);
  const syl = (name) => toPinyin(name, { toneType: 'none', type: 'array', v: true, surname: 'head' });
  const swap = (w) => `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`;
  const one = (q, d) => ({ q, expect: d.id });
  const startsAWord = (text, q) => (/[a-z]/.test(q) ? text.toLowerCase().split(/[^a-z]+/).some((w) => w.startsWith(q)) : text.includes(q));
  const firstWith = (q) => docs.find((d) => startsAWord(d.name, q) || startsAWord(d.company, q));
  return {
    zh: [...zhPeople.slice(0, 4).map((d) => one(d.name.slice(1), d)), ...zhCompanies.map((d) => one(d.name.slice(2, 6), d))],
    py: zhPeople.map((d) => one(syl(d.name).join(''), d)),
    pys: zhPeople.map((d) => one(syl(d.name).join(' '), d)),
    ini: zhPeople.map((d) => one(syl(d.name).map((s) => s[0]).join(''), d)),
    pre: enPeople.map((d) => one(d.name.split(' ')[1].slice(0, 3).toLowerCase(), d)),
    typo: enPeople.map((d) => one(swap(d.name.split(' ')[1].toLowerCase()), d)),
    tel: cnPhones.map((d) => one(`+86 ${d.phones[0].slice(3, 6)} ${d.phones[0].slice(6, 10)}`, d)),
    telfrag: cnPhones.map((d, i) => (i % 2 ? one(`${d.phones[0].slice(3, 6)} ${d.phones[0].slice(6, 10)} ${d.phones[0].slice(10)}`, d) : one(`${d.phones[0].slice(6, 10)} ${d.phones[0].slice(10)}`, d))),
    email: withEmail.map((d) => one(d.emails[0], d)),
    one: ['王', '李', '明', 's', 'w', 'a'].map((q) => ({ q, expect: (firstWith(q) ?? docs[0]).id })),
  };
}

// ---------------------------------------------------------------- adapters

/** Folded words, pinyin terms, CJK runs and phone digits of a document, for the generic indexes. */
function prepare(doc, { fold, pinyin }) {
  const words = [];
  const py = [];
  const cjk = [];
  const texts = [
    [doc.name, 'name'],
    [doc.company, 'text'],
    [doc.city, 'text'],
    ...doc.tags.map((t) => [t, null]),
    [doc.notes, null],
    ...doc.emails.map((e) => [e, null]),
  ];
  for (const [text, reading] of texts) {
    for (const seg of fold.segments(fold.foldText(text))) {
      if (seg.kind === 'word') words.push(seg.text);
      else {
        cjk.push(seg.text);
        if (reading) pinyin.pinyinTerms(pinyin.runSyllables(seg.text, reading), (term) => py.push(term));
      }
    }
  }
  return { words, py, cjk, digits: doc.phones.map((p) => p.replace(/\D/g, '')) };
}

const suffixes = (runs, min) => runs.flatMap((r) => Array.from({ length: Math.max(0, r.length - min + 1) }, (_, i) => r.slice(i)));

function makeAdapter(lib, modules) {
  const { search } = modules;
  const all = new Set(KINDS.map(([k]) => k));
  if (lib === 'kehu') {
    return {
      kinds: all,
      build: (docs) => {
        const index = new search.SearchIndex();
        index.addMany(docs);
        index.search('x'); // merges the new terms into the sorted list, as the first search would
        return index;
      },
      search: (index, q, full) => {
        const r = index.search(q, { limit: full ? Infinity : 50 });
        return { total: r.total, ids: r.hits.map((h) => h.id) };
      },
      update: (index, doc) => index.add(doc),
      remove: (index, id) => index.remove(id),
      save: (index) => JSON.stringify(index),
      load: (json) => search.SearchIndex.fromJSON(JSON.parse(json)),
      toClone: (index) => index.toJSON(),
      fromClone: (json) => search.SearchIndex.fromJSON(json),
    };
  }
  if (lib.startsWith('minisearch')) return miniSearchAdapter(lib === 'minisearch', modules, all);
  if (lib.startsWith('flexsearch')) return flexSearchAdapter(lib === 'flexsearch', modules, all);
  throw new Error(`unknown library ${lib}`);
}

async function miniSearchAdapter(generic, modules, all) {
  const { default: MiniSearch } = await import('minisearch');
  const fields = generic ? ['words', 'py', 'cjk', 'digits'] : ['words', 'py'];
  const options = { fields, tokenize: (s) => s.split(' '), processTerm: (t) => t || null, searchOptions: { tokenize: (s) => [s], processTerm: (t) => t } };
  const { parseQuery } = modules.search;
  const fuzzy = (t) => (t.length >= 5 ? 2 : t.length === 4 ? 1 : 0);
  const toMini = (doc) => {
    const p = prepare(doc, modules);
    // Prefix search over every suffix is how a term index finds a substring.
    return { id: doc.id, words: p.words.join(' '), py: p.py.join(' '), cjk: suffixes(p.cjk, 1).join(' '), digits: suffixes(p.digits, 3).join(' ') };
  };
  return {
    kinds: generic ? all : WORD_KINDS,
    build: (docs) => {
      const ms = new MiniSearch(options);
      for (const doc of docs) ms.add(toMini(doc));
      return ms;
    },
    update: (ms, doc) => ms.replace(toMini(doc)),
    remove: (ms, id) => ms.discard(id),
    search: (ms, q, full) => {
      const tokens = parseQuery(q).tokens;
      if (!generic && tokens.some((t) => t.kind !== 'word')) return { total: 0, ids: [] };
      const queries = tokens.map((t) =>
        t.kind === 'phone'
          ? { queries: t.digits, combineWith: 'OR', fields: ['digits'], prefix: true }
          : t.kind === 'cjk'
            ? { queries: [t.text], fields: ['cjk'], prefix: true }
            : { queries: [t.text], fields: ['words', 'py'], prefix: true, fuzzy: fuzzy(t.text) },
      );
      if (!queries.length) return { total: 0, ids: [] };
      const r = ms.search({ combineWith: 'AND', queries });
      return { total: r.length, ids: (full ? r : r.slice(0, 50)).map((x) => x.id) };
    },
    save: (ms) => JSON.stringify(ms),
    load: (json) => MiniSearch.loadJSON(json, options),
  };
}

async function flexSearchAdapter(generic, modules, all) {
  const { Document, Encoder } = await import('flexsearch');
  // Input is folded already; the encoder's own cache would count as index memory, so it is off.
  const encoder = () => new Encoder({ normalize: false, split: ' ', numeric: false, dedupe: false, cache: false });
  const fields = [
    ['words', 'forward'],
    ['typo', 'tolerant'],
    ['py', 'forward'],
    ...(generic ? [['cjk', 'full'], ['digits', 'full']] : []),
  ];
  // fastupdate: without it one update or removal scans the whole index (~400 ms at 100k, measured).
  const make = () => new Document({ fastupdate: true, document: { id: 'id', index: fields.map(([field, tokenize]) => ({ field, tokenize, encoder: encoder(), resolution: 1 })) } });
  const { parseQuery } = modules.search;
  const LIMIT = 250_000;
  // FlexSearch is at its best with numeric ids.
  const ids = [];
  const numbers = new Map();
  const toFlex = (doc, i) => {
    const p = prepare(doc, modules);
    const words = p.words.join(' ');
    return { id: i, words, typo: words, py: p.py.join(' '), cjk: p.cjk.join(' '), digits: p.digits.join(' ') };
  };
  const find = (index, query, where) => {
    const found = new Set();
    for (const part of index.search(query, { index: where, limit: LIMIT })) for (const id of part.result) found.add(id);
    return found;
  };
  return {
    kinds: generic ? all : WORD_KINDS,
    build: (docs) => {
      const index = make();
      docs.forEach((doc, i) => {
        ids[i] = doc.id;
        numbers.set(doc.id, i);
        index.add(toFlex(doc, i));
      });
      return index;
    },
    update: (index, doc) => index.update(toFlex(doc, numbers.get(doc.id))),
    remove: (index, id) => index.remove(numbers.get(id)),
    search: (index, q, full) => {
      let result = null;
      for (const t of parseQuery(q).tokens) {
        let set;
        if (!generic && t.kind !== 'word') {
          set = new Set();
        } else if (t.kind === 'phone') {
          set = new Set();
          for (const d of t.digits) for (const id of find(index, d, ['digits'])) set.add(id);
        } else if (t.kind === 'cjk') {
          set = find(index, t.text, ['cjk']);
        } else {
          set = find(index, t.text, t.text.length >= 4 ? ['words', 'py', 'typo'] : ['words', 'py']);
        }
        result = result === null ? [...set] : result.filter((id) => set.has(id));
      }
      result ??= [];
      return { total: result.length, ids: (full ? result : result.slice(0, 50)).map((i) => ids[i]) };
    },
    save: async (index) => {
      const parts = [];
      await index.export((key, data) => void parts.push([key, data]));
      return JSON.stringify(parts);
    },
    load: async (json) => {
      const index = make();
      for (const [key, data] of JSON.parse(json)) await index.import(key, data);
      return index;
    },
  };
}

// ---------------------------------------------------------------- report

function printTables(results, load) {
  const f0 = (n) => (Number.isFinite(n) ? String(Math.round(n)) : '–');
  const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : '–');
  const sizes = [...new Set(results.map((r) => r.size))];
  console.log(`Node ${process.version}, ${v8.getHeapStatistics().total_available_size > 4e9 ? 'large heap' : 'default heap'}, load average ${load.map((l) => l.toFixed(1)).join(' -> ')}\n`);
  for (const size of sizes) {
    const rows = results.filter((r) => r.size === size);
    console.log(`### ${size.toLocaleString('en')} customers (${rows.find((r) => r.docs)?.docs?.toLocaleString('en') ?? '?'} documents)\n`);
    console.log('| index | build ms | memory MB | saved, M characters of JSON | save ms | load ms (JSON) | load ms (structured clone) | update p50 / p95 ms | remove p50 / p95 ms |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      if (r.failed) console.log(`| ${r.lib} | failed: ${r.failed} ||||||||`);
      else {
        const clone = r.clone ? `${f0(r.clone.loadMs)} (${f1(r.clone.MB)} MB)` : '–';
        const c = (k) => `${f2(r.change[k].p50)} / ${f2(r.change[k].p95)}`;
        console.log(`| ${r.lib} | ${f0(r.buildMs)} | ${f1(r.memoryMB)} | ${f1(r.savedMB)} | ${f0(r.saveMs)} | ${r.loadError ? `fails: ${r.loadError}` : f0(r.loadMs)} | ${clone} | ${c('update')} | ${c('remove')} |`);
      }
    }
    const ok = rows.filter((r) => !r.failed);
    console.log(`\nQuery latency p50 / p95 ms, and how many of the queries found the document they were made from:\n`);
    console.log(`| query kind | ${ok.map((r) => r.lib).join(' | ')} |`);
    console.log(`|---|${ok.map(() => '---:').join('|')}|`);
    for (const [kind, label] of KINDS) {
      const cells = ok.map((r) => {
        const k = r.kinds[kind];
        return k ? `${f1(k.p50)} / ${f1(k.p95)} (${k.found}/${k.of})` : 'n/a';
      });
      console.log(`| ${label} | ${cells.join(' | ')} |`);
    }
    const one = ok.find((r) => r.lib === 'kehu')?.kinds.one;
    if (one) console.log(`\n(single character queries match ${one.meanTotal.toLocaleString('en')} documents on average in kehu; 50 are ranked)`);
    console.log('');
  }
}

if (process.argv[2] === '--child') {
  const result = await runChild(process.argv[3], Number(process.argv[4]));
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
} else {
  main();
}

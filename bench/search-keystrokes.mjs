// `node bench/search-keystrokes.mjs [customers=100000] [rounds=5] [--save=file | --compare=file]`
// The worker side of a search keystroke, in Node: the list engine's query (search, dedup, sort,
// the first window of rows) for every prefix of the queries bench/lists.mjs types, char by char,
// on the app's sample workspace. Prints p50/p95 per query and where the time goes (the search
// alone, the list query, the engine with its window). --save writes every prefix's result
// (total, the first 200 ids, a hash of the whole id list) so that --compare can check a change
// returns the same customers in the same order.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
/** As in bench/lists.mjs (not imported: that module loads Playwright and the server). */
const QUERIES = ['金桥', 'beijing', 'bei jing', 'bjjq', 'wangjianguo', 'blue', 'bluebrid', '+86 138', '555 01', 'hello@bluebird', 'm', '王'];
/** Plus the search box cleared: every customer, no search. */
const ALL = '';
const WINDOW = 50;
const TOP = 200;

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const [size = 100000, rounds = 5] = args.filter((a) => !a.startsWith('--')).map(Number);

const { runnerImport } = await import('vite');
const load = async (path) => (await runnerImport(`${root}${path}`, { configFile: false, root, logLevel: 'error' })).module;
const { generateSampleWorkspace } = await load('src/domain/sample-data.ts');
const { toRow } = await load('src/storage/row-mappers.ts');
const { ListEngine } = await load('src/lists/list-engine.ts');
const { defaultListFilter } = await load('src/domain/list-filter.ts');

function buildEngine() {
  const now = new Date('2026-01-01T00:00:00.000Z');
  const ws = generateSampleWorkspace({ customers: size, seed: 1, now, memberId: 'm' });
  const meta = (id, i) => {
    const at = new Date(now.getTime() - 400 * 86_400_000 + i * 1000).toISOString();
    return { id, createdAt: at, createdBy: 'm', updatedAt: at, updatedBy: 'm', deletedAt: null };
  };
  const customers = ws.customers.map((c, i) => toRow.customers({ ...c, ...meta(c.id, i) }));
  const contacts = ws.contacts.map((c, i) => toRow.contacts({ ...c, ...meta(`${c.customerId}-k${i}`, i) }));
  const engine = new ListEngine(null);
  const t = performance.now();
  for (let i = 0; i < customers.length; i += 5000) engine.apply({ kind: 'rows', collection: 'customers', rows: customers.slice(i, i + 5000), gone: [] });
  for (let i = 0; i < contacts.length; i += 5000) engine.apply({ kind: 'rows', collection: 'contacts', rows: contacts.slice(i, i + 5000), gone: [] });
  process.stderr.write(`${customers.length} customers, ${contacts.length} contacts loaded in ${Math.round(performance.now() - t)} ms\n`);
  return engine;
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};
const fmt = (values) => (values.length ? `${pct(values, 0.5).toFixed(1)} / ${pct(values, 0.95).toFixed(1)}` : '–');
function hashIds(ids) {
  let h = 0x811c9dc5;
  for (const id of ids) for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
const prefixes = (q) => (q === ALL ? [ALL] : Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

const engine = buildEngine();
const filter = (q, sort) => ({ ...defaultListFilter, q, sort, dir: sort === 'relevance' ? 'desc' : 'asc' });
// Warm up every path once (JIT, the sorted orders, the term list).
for (const q of QUERIES) for (const sort of ['relevance', 'name']) engine.query(filter(q, sort), 'list', [0, WINDOW]);

const results = {};
const stats = {};
for (const q of [...QUERIES, ALL]) {
  const s = (stats[q] = { search: [], list: [], engine: [], byName: [], worst: ['', 0], total: 0 });
  for (let round = 0; round < rounds; round++) {
    for (const p of prefixes(q)) {
      // Typed char by char: each prefix once per round, in order, as the worker sees them.
      if (p) s.search.push(time(() => engine.search.search(p)));
      s.list.push(time(() => engine.list.query(filter(p, 'relevance'))));
      const ms = time(() => engine.query(filter(p, 'relevance'), 'list', [0, WINDOW]));
      s.engine.push(ms);
      if (ms > s.worst[1]) s.worst = [p, ms];
      s.byName.push(time(() => engine.query(filter(p, 'name'), 'list', [0, WINDOW])));
    }
  }
  for (const p of prefixes(q)) {
    for (const sort of ['relevance', 'name']) {
      const ids = engine.list.query(filter(p, sort));
      results[`${sort}:${p}`] = { total: ids.length, top: ids.slice(0, TOP), hash: hashIds(ids), set: hashIds([...ids].sort()) };
    }
    s.total = Math.max(s.total, results[`relevance:${p}`].total);
  }
}

console.log(`${size} customers, ${rounds} rounds, load ${loadavg()[0].toFixed(1)}; ms p50 / p95 over every prefix typed\n`);
console.log('| query | max matches | search | list (relevance) | engine + window (relevance) | engine + window (name) | slowest prefix |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const q of [...QUERIES, ALL]) {
  const s = stats[q];
  console.log(`| ${q || '(none)'} | ${s.total} | ${fmt(s.search)} | ${fmt(s.list)} | ${fmt(s.engine)} | ${fmt(s.byName)} | \`${s.worst[0]}\` ${s.worst[1].toFixed(1)} |`);
}

const save = flag('save');
if (save) writeFileSync(save, JSON.stringify(results));
const compare = flag('compare');
if (compare) {
  const before = JSON.parse(readFileSync(compare, 'utf8'));
  let same = 0;
  const differ = [];
  for (const [key, was] of Object.entries(before)) {
    const now = results[key];
    if (!now || now.total !== was.total || now.set !== was.set) differ.push(`${key}: different customers`);
    else if (now.hash !== was.hash) differ.push(`${key}: same customers, order differs from rank ${firstDiff(was.top, now.top)}`);
    else same++;
  }
  console.log(`\ncompared with ${compare}: ${same} of ${Object.keys(before).length} prefix results identical`);
  for (const d of differ) console.log(`  ${d}`);
}

function firstDiff(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return `>${TOP}`;
}

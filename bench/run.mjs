// `npm run bench`: measures the real built app in Debian Chromium, prints a table and writes
// bench/results.json. Targets come from the issues; a miss is marked, never hidden.
import { writeFile } from 'node:fs/promises';
import { runSyncBench } from './sync.mjs';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const TARGETS = {
  editP95: 50,
  sync: { 10000: 3000, 100000: 20000 },
  longestTask: 200,
};

const started = new Date().toISOString();
const sync = await runSyncBench(sizes);
const rows = [
  ['edit → arrival at the other peer, p50', `${sync.editArrival.p50} ms`, '', ''],
  ['edit → arrival at the other peer, p95', `${sync.editArrival.p95} ms`, `< ${TARGETS.editP95} ms`, sync.editArrival.p95 < TARGETS.editP95 ? 'ok' : 'MISS'],
  ['edits that never arrived (30 s)', `${sync.editArrival.lost} of ${sync.editArrival.edits}`, '0', sync.editArrival.lost === 0 ? 'ok' : 'MISS'],
];
for (const r of sync.initialSync) {
  const target = TARGETS.sync[r.size];
  rows.push([`load ${r.size} sample customers, until projected (setup)`, `${r.loadMs} ms`, '', '']);
  rows.push([`initial sync of ${r.size} customers: document up to date`, `${r.docMs} ms`, target ? `< ${target} ms` : '', target ? (r.docMs < target ? 'ok' : 'MISS') : '']);
  rows.push([`initial sync of ${r.size} customers: all rows in the list`, `${r.syncMs} ms (${r.received} received)`, target ? `< ${target} ms` : '', target ? (r.syncMs < target && r.received >= r.size ? 'ok' : 'MISS') : '']);
  rows.push([`  longest main-thread task, sender`, `${r.longestTaskSenderMs} ms`, `< ${TARGETS.longestTask} ms`, r.longestTaskSenderMs < TARGETS.longestTask ? 'ok' : 'MISS']);
  rows.push([`  longest main-thread task, receiver`, `${r.longestTaskReceiverMs} ms`, `< ${TARGETS.longestTask} ms`, r.longestTaskReceiverMs < TARGETS.longestTask ? 'ok' : 'MISS']);
}
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['measure', 'result', 'target', ''][i].length));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(['measure', 'result', 'target', '']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
await writeFile('bench/results.json', JSON.stringify({ started, finished: new Date().toISOString(), sync }, null, 2));
console.log('\nwrote bench/results.json');

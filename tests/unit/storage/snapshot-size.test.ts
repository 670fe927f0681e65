import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DBCore } from 'dexie';
import { compactLog } from '../../../src/storage/compaction';
import { identityCodec } from '../../../src/storage/codec';
import { loadDoc } from '../../../src/storage/doc-loader';
import type { LogDb } from '../../../src/storage/log-db';
import { generateSampleWorkspace } from '../../../src/domain/sample-data';
import { createCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { createContact } from '../../../src/workspace/contact-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

/**
 * Not a test of behaviour: with KEHU_MEASURE_CUSTOMERS=100000 it prints how big the IndexedDB
 * reads of a cold start are at that scale (`npx vitest run tests/unit/storage/snapshot-size`).
 * How long a read blocks the page is for Chromium to measure (npm run bench), not Node.
 */
const customers = Number(process.env.KEHU_MEASURE_CUSTOMERS ?? 0);

/** Records the stored bytes each read returns, at Dexie's lowest level (one entry per IndexedDB request). */
function recordReads(db: LogDb) {
  const reads: { table: string; bytes: number }[] = [];
  const size = (rows: unknown[]) => rows.reduce<number>((n, row) => n + ((row as { data?: Uint8Array } | undefined)?.data?.length ?? 0), 0);
  db.use({
    stack: 'dbcore',
    name: 'read-sizes',
    create: (down: DBCore) => ({
      ...down,
      table: (name: string) => {
        const table = down.table(name);
        const note = <T>(result: T, rows: unknown[]) => (reads.push({ table: name, bytes: size(rows) }), result);
        return {
          ...table,
          get: async (req) => {
            const row: unknown = await table.get(req);
            return note(row, [row]);
          },
          getMany: async (req) => {
            const rows = await table.getMany(req);
            return note(rows, rows);
          },
          query: async (req) => {
            const res = await table.query(req);
            return note(res, req.values ? res.result : []);
          },
        };
      },
    }),
  });
  return reads;
}

describe.runIf(customers > 0)('snapshot read sizes', () => {
  it(`${customers} sample customers`, { timeout: 1_200_000 }, async () => {
    const wsId = scope.workspaceId();
    const db = scope.logDb(wsId);
    const reads = recordReads(db);
    const doc = new Y.Doc();
    const ws = new Workspace(wsId, doc, 'member-a');
    // As the app's sample loader writes it: a transaction, and so a log row, per thousand customers.
    const writes: Promise<unknown>[] = [];
    doc.on('update', (update: Uint8Array) => writes.push(db.updates.add({ data: update, at: Date.now() })));
    const sample = generateSampleWorkspace({ customers, seed: 1, now: new Date('2025-01-01'), memberId: 'member-a' });
    const contactsOf = new Map<string, typeof sample.contacts>();
    for (const c of sample.contacts) contactsOf.set(c.customerId, [...(contactsOf.get(c.customerId) ?? []), c]);
    ws.quiet = true;
    for (let i = 0; i < sample.customers.length; i += 1000) {
      ws.transact(() => {
        for (const { id, ...c } of sample.customers.slice(i, i + 1000)) {
          createCustomer(ws, c, id);
          for (const contact of contactsOf.get(id) ?? []) createContact(ws, contact);
        }
      });
    }
    const edits = sample.customers.filter((_, i) => i % 10 === 0);
    // Some history, so the delete set (the last piece) is not empty: each edit replaces an earlier
    // one, interleaved so that the deleted items do not make one range.
    ws.transact(() => edits.forEach(({ id }) => ['called', 'called back'].forEach((notes) => updateCustomer(ws, id, { notes }))));
    const whole = Y.encodeStateAsUpdate(doc).length;

    const lines = [`customers ${customers}, contacts ${sample.contacts.length}, whole state ${(whole / 2 ** 20).toFixed(1)} MB`];
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const measureLoad = async (label: string) => {
      reads.length = 0;
      const started = performance.now();
      const { doc: loaded } = await loadDoc(db, identityCodec, wsId);
      const ms = performance.now() - started;
      expect(loaded.getMap('customers').size).toBe(customers);
      loaded.destroy();
      const largest = (table: string) => Math.max(0, ...reads.filter((r) => r.table === table).map((r) => r.bytes));
      const count = (table: string) => reads.filter((r) => r.table === table).length;
      lines.push(
        `${label}: ${await db.updates.count()} log rows; reads: ${count('snapshotPieces')} of pieces (largest ${kb(largest('snapshotPieces'))}), ` +
          `${count('updates')} of updates (largest ${kb(largest('updates'))}), ${count('snapshots')} of snapshot rows (largest ${kb(largest('snapshots'))}); ` +
          `load ${ms.toFixed(0)} ms in Node + fake-indexeddb`,
      );
    };

    await Promise.all(writes);
    let started = performance.now();
    await compactLog(db, identityCodec);
    const compactMs = performance.now() - started;
    const [meta] = await db.snapshots.toArray();
    const sizes = (await db.snapshotPieces.toArray()).map((p) => p.data.length);
    const sorted = [...sizes].sort((a, b) => a - b);
    lines.push(
      `snapshot: ${sizes.length} pieces, ${((meta!.bytes ?? 0) / 2 ** 20).toFixed(1)} MB, metadata row ${JSON.stringify(meta).length} B; compaction ${compactMs.toFixed(0)} ms`,
      `piece size: median ${kb(sorted[sorted.length >> 1]!)}, p95 ${kb(sorted[Math.floor(sorted.length * 0.95)]!)}, max ${kb(sorted[sorted.length - 1]!)}, last (delete set) ${kb(sizes[sizes.length - 1]!)}`,
    );
    await measureLoad('after the first compaction (import rows still in the log)');

    ws.transact(() => edits.slice(0, 50).forEach(({ id }) => updateCustomer(ws, id, { notes: 'later' })));
    await Promise.all(writes);
    started = performance.now();
    await compactLog(db, identityCodec);
    lines.push(`second compaction ${(performance.now() - started).toFixed(0)} ms`);
    await measureLoad('after the second (import rows trimmed)');
    console.log(lines.join('\n'));
  });
});

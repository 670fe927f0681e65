import { generateSampleWorkspace } from '../domain/sample-data';
import { sampleHistoryOf, sampleProducts, type SampleHistory } from '../domain/sample-history';
import type { CollectionName } from './layout';
import { insertRecord } from './record-commands';
import type { Workspace } from './workspace';

/** Customers per transaction: with their history (~30 records each) a batch is ~15k records. */
export const SAMPLE_BATCH = 500;

const historyCollections: readonly (keyof SampleHistory & CollectionName)[] = ['orders', 'refunds', 'interactions', 'feedback', 'complaints', 'tasks'];

export interface SampleWriteOptions {
  /** The clock the sample's dates count back from; the workspace's own by default. */
  now?: Date;
  /** Called after each batch with how many customers are written. */
  onProgress?: (written: number, total: number) => void;
}

/**
 * Writes a sample workspace of `count` customers with their contacts and two years of history,
 * and the product catalogue. Seeded, so the same sample (and the same benchmark workspace) comes
 * out every time. Written through the same record helpers as any edit, a transaction per batch
 * with a pause between, so a large sample neither freezes the page nor becomes one enormous
 * update, and each batch's history is generated only when it is written; marked quiet, so it
 * adds no "created" entry per record to the history.
 */
export async function writeSample(ws: Workspace, count: number, seed: number, options: SampleWriteOptions = {}): Promise<void> {
  const now = options.now ?? new Date(ws.now());
  const sample = generateSampleWorkspace({ customers: count, seed, now, memberId: ws.memberId });
  const historyOptions = { seed, now, memberId: ws.memberId };
  const products = sampleProducts(historyOptions);
  const contactsOf = new Map<string, typeof sample.contacts>();
  for (const c of sample.contacts) contactsOf.set(c.customerId, [...(contactsOf.get(c.customerId) ?? []), c]);
  const quietly = (write: () => void) => {
    ws.quiet = true;
    try {
      ws.transact(write);
    } finally {
      ws.quiet = false;
    }
  };
  for (let i = 0; i === 0 || i < sample.customers.length; i += SAMPLE_BATCH) {
    quietly(() => {
      // The catalogue goes with the first batch: a small sample stays one update.
      if (i === 0) for (const { id, ...p } of products) insertRecord(ws, 'products', p, id);
      sample.customers.slice(i, i + SAMPLE_BATCH).forEach((customer, offset) => {
        const { id, ...fields } = customer;
        insertRecord(ws, 'customers', fields, id);
        const contacts = contactsOf.get(id) ?? [];
        for (const { id: contactId, ...contact } of contacts) insertRecord(ws, 'contacts', contact, contactId);
        const history = sampleHistoryOf(customer, contacts.map((c) => c.id), i + offset, products, historyOptions);
        for (const name of historyCollections) for (const { id: recordId, ...record } of history[name]) insertRecord(ws, name, record, recordId);
      });
    });
    const written = Math.min(i + SAMPLE_BATCH, sample.customers.length);
    options.onProgress?.(written, sample.customers.length);
    if (written < sample.customers.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SAMPLE_BATCH, writeSample } from '../../../src/workspace/sample-commands';
import { activityLog, collection, type CollectionName } from '../../../src/workspace/layout';
import { readRecordsWhere } from '../../../src/workspace/record-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { generateSampleWorkspace } from '../../../src/domain/sample-data';
import { sampleHistoryOf, sampleProducts } from '../../../src/domain/sample-history';
import { recordUpdates } from '../support/ydoc';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const COLLECTIONS: CollectionName[] = ['customers', 'contacts', 'products', 'orders', 'refunds', 'interactions', 'feedback', 'complaints', 'tasks'];

describe('writeSample', () => {
  it('writes the generated sample with its history in one transaction per batch, every record readable and none logged', async () => {
    const customers = SAMPLE_BATCH * 2 + 10;
    const doc = new Y.Doc();
    const ws = new Workspace('ws-1', doc, 'member-a', () => NOW);
    const updates = recordUpdates(doc);
    const progress: number[] = [];
    await writeSample(ws, customers, 5, { onProgress: (written) => progress.push(written) });
    updates.stop();

    expect(updates.updates).toHaveLength(3);
    expect(progress).toEqual([SAMPLE_BATCH, SAMPLE_BATCH * 2, customers]);
    expect(activityLog(doc).length).toBe(0);

    // What one generation makes, customer by customer, is what the batches wrote.
    const options = { customers, seed: 5, now: NOW, memberId: 'member-a' };
    const sample = generateSampleWorkspace(options);
    const expected: Partial<Record<CollectionName, number>> = { customers, contacts: sample.contacts.length, products: sampleProducts(options).length };
    sample.customers.forEach((c, i) => {
      const contacts = sample.contacts.filter((k) => k.customerId === c.id).map((k) => k.id);
      const h = sampleHistoryOf(c, contacts, i, sampleProducts(options), options);
      for (const [name, records] of Object.entries(h)) expected[name as CollectionName] = (expected[name as CollectionName] ?? 0) + records.length;
    });
    for (const name of COLLECTIONS) {
      expect(collection(doc, name).size, name).toBe(expected[name]);
      // Readable: a record its schema refused would be quarantined and skipped here.
      expect(readRecordsWhere(ws, name, () => true), name).toHaveLength(expected[name]!);
    }
  });

  it('writes the catalogue with a small sample in a single update', async () => {
    const doc = new Y.Doc();
    const ws = new Workspace('ws-1', doc, 'member-a', () => NOW);
    const updates = recordUpdates(doc);
    await writeSample(ws, 20, 1);
    updates.stop();
    expect(updates.updates).toHaveLength(1);
    expect(collection(doc, 'products').size).toBeGreaterThan(30);
    expect(collection(doc, 'orders').size).toBeGreaterThan(20);
  });
});

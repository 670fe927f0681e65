import { generateSampleWorkspace } from '../domain/sample-data';
import { createContact, createCustomer } from './customer-commands';
import type { Workspace } from './workspace';

const BATCH = 1000;

/**
 * Writes a sample workspace of `count` customers and their contacts. Seeded, so the same sample
 * (and the same benchmark workspace) comes out every time. Written in transactions of a thousand
 * customers with a pause between, so a large sample neither freezes the page nor becomes one
 * enormous update; marked quiet, so it adds no "created" entry per record to the history.
 */
export async function writeSample(ws: Workspace, count: number, seed: number): Promise<void> {
  const sample = generateSampleWorkspace({ customers: count, seed, now: new Date(), memberId: ws.memberId });
  const contactsOf = new Map<string, typeof sample.contacts>();
  for (const c of sample.contacts) contactsOf.set(c.customerId, [...(contactsOf.get(c.customerId) ?? []), c]);
  for (let i = 0; i < sample.customers.length; i += BATCH) {
    ws.quiet = true;
    try {
      ws.transact(() => {
        for (const { id, ...c } of sample.customers.slice(i, i + BATCH)) {
          createCustomer(ws, c, id);
          for (const contact of contactsOf.get(id) ?? []) createContact(ws, contact);
        }
      });
    } finally {
      ws.quiet = false;
    }
    if (i + BATCH < sample.customers.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

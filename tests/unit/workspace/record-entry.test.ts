import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EntryProblem, readEntry, readSettings } from '../../../src/workspace/record-entry';
import { collection, settingsMap } from '../../../src/workspace/layout';
import { newRecordMap } from '../../../src/workspace/record-map';
import { createCustomer, purgeCustomer } from '../../../src/workspace/customer-commands';
import { createContact } from '../../../src/workspace/contact-commands';
import { readRecordById } from '../../../src/workspace/record-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { contactFields, customerFields, customerRecord } from '../support/fixtures';

function attached(value: unknown): unknown {
  // Yjs types read their content only once they are in a document.
  const doc = new Y.Doc();
  doc.getMap('m').set('v', value);
  return doc.getMap('m').get('v');
}

describe('readEntry', () => {
  it('reads a record map as its fields', () => {
    const map = attached(newRecordMap(customerRecord({ tags: ['b', 'a'] })));
    expect(readEntry('01960000-0000-7000-8000-000000000001', map)).toEqual({ record: expect.objectContaining({ name: '王建国', tags: ['a', 'b'] }) });
  });

  it('is plain data a worker can receive, whatever the entry held', () => {
    for (const value of ['x', 1, null, new Y.Text('t'), new Y.Map(), [1], { a: 1 }]) {
      const read = readEntry('k', attached(value));
      expect(structuredClone(read)).toEqual(read);
    }
  });

  it('names the field a bound was passed under by a short label', () => {
    const map = new Y.Map<unknown>();
    map.set('base', {});
    map.set('k'.repeat(90_000), 'x'.repeat(20_000));
    map.set('z'.repeat(90_000), 'y'.repeat(100_001));
    const read = readEntry('k', attached(map));
    expect('refused' in read && Object.keys(read.refused)[0]!.length).toBeLessThan(80);
  });

  it('names a CRDT type in the preview without reading it', () => {
    const read = readEntry('k', attached(new Y.Text('secret')));
    expect(read).toEqual({ refused: { '': EntryProblem.notRecord }, preview: '[Y.Text]' });
  });
});

describe('readSettings', () => {
  it('keeps the plain values and refuses the others one by one', () => {
    const doc = new Y.Doc();
    const settings = settingsMap(doc);
    settings.set('name', 'Shop');
    settings.set('theme', new Y.Text('x'));
    const { values, refused } = readSettings(settings);
    expect(values).toEqual({ name: 'Shop' });
    expect(refused.map((r) => r.key)).toEqual(['theme']);
  });
});

describe('commands next to a quarantined entry', () => {
  it('reads nothing for it and still deletes a customer with its contacts', () => {
    const ws = new Workspace('ws', new Y.Doc(), 'member-a');
    const id = createCustomer(ws, customerFields());
    const contact = createContact(ws, contactFields({ customerId: id }));
    ws.doc.transact(() => collection(ws.doc, 'contacts').set('01960000-0000-7000-8000-0000000000ff', 'garbage' as never));
    expect(readRecordById(ws, 'contacts', '01960000-0000-7000-8000-0000000000ff')).toBeUndefined();
    expect(() => purgeCustomer(ws, id)).not.toThrow();
    expect(collection(ws.doc, 'contacts').has(contact)).toBe(false);
    expect(collection(ws.doc, 'customers').has(id)).toBe(false);
  });
});

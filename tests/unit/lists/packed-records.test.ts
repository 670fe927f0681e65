import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packRecords, packTexts, unpackRecords, unpackTexts, type RecordCodec } from '../../../src/lists/packed-records';
import { listRowCodec } from '../../../src/lists/list-row';
import type { ListRow } from '../../../src/lists/list-row';

interface Sample {
  id: string;
  note: string | null;
  tags: string[];
  count: number;
  on: boolean;
}
const fields: RecordCodec<Sample> = {
  write(r, to) {
    to.text(r.id);
    to.text(r.note);
    to.texts(r.tags);
    to.number(r.count);
    to.flag(r.on);
  },
  read: (from) => ({ id: from.text(), note: from.textOrNull(), tags: from.texts(), count: from.number(), on: from.flag() }),
};

describe('packed records', () => {
  it('give back exactly the records packed, whatever their text holds', () => {
    const record = fc.record({
      id: fc.string({ unit: 'binary' }),
      note: fc.option(fc.string({ unit: 'binary' }), { nil: null }),
      tags: fc.array(fc.string({ unit: 'binary' })),
      count: fc.oneof(fc.integer(), fc.double({ noNaN: true })),
      on: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        expect(unpackRecords<Sample>(packRecords(records, fields), fields)).toEqual(records);
      }),
    );
  });

  it('keep a list of texts, including empty ones and NUL characters', () => {
    const list = ['', '王建国', 'a\u0000b', '', '😀'];
    expect(unpackTexts(packTexts(list))).toEqual(list);
    expect(unpackTexts(packTexts([]))).toEqual([]);
  });

  it('keep a list row field for field', () => {
    const row = { id: 'c1', kind: 'company', name: '明远贸易', nameKey: 'ming yuan', city: '', cityKey: '', status: 'lead', ownerId: null, tags: ['VIP', ''], phone: '+8613800000000', email: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', alive: true, reachable: false, lastPurchaseAt: '2026-03-01', openComplaints: 2 } satisfies ListRow;
    expect(unpackRecords(packRecords([row], listRowCodec), listRowCodec)).toEqual([row]);
  });

  it('refuse a packing that does not fit the fields instead of inventing records', () => {
    const packed = packRecords<Sample>([{ id: 'a', note: null, tags: ['x'], count: 1, on: true }], fields);
    expect(() => unpackRecords(packed, listRowCodec)).toThrow();
    expect(() => unpackRecords({ ...packed, count: 2 }, fields)).toThrow();
    expect(() => unpackRecords({ ...packed, text: `${packed.text}!` }, fields)).toThrow();
    expect(() => unpackRecords({ ...packed, lengths: [1] as never }, fields)).toThrow();
  });
});

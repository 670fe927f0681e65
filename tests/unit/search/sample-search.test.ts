import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { generateSampleWorkspace } from '../../../src/domain/sample-data';
import { contactSearchDoc, customerSearchDoc, SearchIndex, type SearchDoc } from '../../../src/search';

/** The app's sample data, as the projection would hand it to the search worker. */
function sampleDocs(customers: number): SearchDoc[] {
  const sample = generateSampleWorkspace({ customers, seed: 1, now: new Date('2026-01-01'), memberId: 'm' });
  const names = new Map(sample.customers.map((c) => [c.id, c.name]));
  return [
    ...sample.customers.map((c) => customerSearchDoc(c)),
    ...sample.contacts.map((c, i) => contactSearchDoc({ ...c, id: `${c.customerId}/contact-${i}` }, names.get(c.customerId)!)),
  ];
}

const docs = sampleDocs(400);
const index = new SearchIndex();
index.addMany(docs);
const found = (query: string, id: string) => index.search(query, { limit: 5000 }).hits.some((h) => h.id === id);

const chinesePeople = docs.filter((d) => d.kind === 'customer' && /^[\u4e00-\u9fff]{2,4}$/.test(d.name)).slice(0, 30);
const englishPeople = docs.filter((d) => d.kind === 'customer' && /^[A-Z][a-z]+ [A-Z][a-z]{4,}$/.test(d.name)).slice(0, 30);
const withPhones = docs.filter((d) => d.phones.length > 0).slice(0, 60);
const withEmails = docs.filter((d) => d.emails.length > 0).slice(0, 30);

const syllables = (name: string) => pinyin(name, { toneType: 'none', type: 'array', v: true, surname: 'head' });

describe('the sample workspace: every customer is found every way', () => {
  it.each(chinesePeople.map((d) => [d.name, d] as const))('%s by given name, pinyin and initials', (_, d) => {
    const s = syllables(d.name);
    expect(found(d.name.slice(1), d.id)).toBe(true);
    expect(found(s.join(''), d.id)).toBe(true);
    expect(found(s.join(' '), d.id)).toBe(true);
    expect(found(s.map((x) => x[0]).join(''), d.id)).toBe(true);
    expect(index.search(s.join(''), { limit: 1 }).hits[0]!.score).toBeGreaterThanOrEqual(5000);
  });

  it.each(englishPeople.map((d) => [d.name, d] as const))('%s by prefix and with a typo', (_, d) => {
    const last = d.name.split(' ')[1]!.toLowerCase();
    expect(found(last.slice(0, 3), d.id)).toBe(true);
    expect(found(`${last.slice(0, 2)}${last[3]}${last[2]}${last.slice(4)}`, d.id)).toBe(true);
  });

  it.each(withPhones.map((d) => [d.phones[0]!, d] as const))('%s by fragments', (e164, d) => {
    const digits = e164.slice(1);
    expect(found(digits.slice(2, 9), d.id)).toBe(true);
    expect(found(`+${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 9)}`, d.id)).toBe(true);
    expect(found(`${digits.slice(-8, -4)}-${digits.slice(-4)}`, d.id)).toBe(true);
  });

  it.each(withEmails.map((d) => [d.emails[0]!, d] as const))('%s by address', (email, d) => {
    expect(found(email, d.id)).toBe(true);
    expect(found(email.slice(0, 8), d.id)).toBe(true);
  });

  it('finds a company’s contacts by any part of a Chinese company name or a word of an English one', () => {
    const zh = docs.find((d) => d.kind === 'contact' && /[\u4e00-\u9fff]/.test(d.company))!;
    const en = docs.find((d) => d.kind === 'contact' && /^[A-Z]/.test(d.company))!;
    expect(found(zh.company.slice(2, 6), zh.id)).toBe(true);
    expect(found(en.company.split(' ')[1]!, en.id)).toBe(true);
  });
});

describe('the sample workspace: saved and loaded', () => {
  it('answers every query the same way', () => {
    const loaded = SearchIndex.fromJSON(structuredClone(index.toJSON()));
    const queries = [...chinesePeople.map((d) => d.name.slice(1)), ...englishPeople.map((d) => d.name.slice(0, 4)), '王', 's', '+86 138', '有限公司', 'example.com', 'vip'];
    for (const q of queries) expect(loaded.search(q), q).toEqual(index.search(q));
  });
});

import { describe, expect, it } from 'vitest';
import { generateSampleWorkspace, type SampleOptions } from '../../../src/domain/sample-data';
import { customerSchema } from '../../../src/domain/customer';
import { contactSchema } from '../../../src/domain/contact';
import { isE164, normalisePhone } from '../../../src/domain/phone-number';
import { normaliseEmail } from '../../../src/domain/email';
import { SeededRandom } from '../../../src/domain/seeded-random';
import { meta } from '../support/fixtures';

const options = (overrides: Partial<SampleOptions> = {}): SampleOptions => ({
  customers: 200,
  seed: 1,
  now: new Date('2026-03-01T08:00:00.000Z'),
  memberId: 'member-a',
  ...overrides,
});

const CJK = /[\u4e00-\u9fff]/;

describe('generateSampleWorkspace(200)', () => {
  const sample = generateSampleWorkspace(options());

  it('makes exactly the customers asked for', () => {
    expect(sample.customers).toHaveLength(200);
    expect(new Set(sample.customers.map((c) => c.id)).size).toBe(200);
  });

  it('is deterministic for a seed', () => {
    expect(generateSampleWorkspace(options())).toEqual(sample);
  });

  it('differs for another seed', () => {
    const other = generateSampleWorkspace(options({ seed: 2 }));
    expect(other.customers.map((c) => c.name)).not.toEqual(sample.customers.map((c) => c.name));
  });

  it('is half Chinese and half English names', () => {
    const chinese = sample.customers.filter((c) => CJK.test(c.name));
    const english = sample.customers.filter((c) => /^[A-Za-z][A-Za-z .]*$/.test(c.name));
    expect(chinese).toHaveLength(100);
    expect(english).toHaveLength(100);
  });

  it('has both people and companies, and contacts only for companies', () => {
    const kinds = new Set(sample.customers.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['person', 'company']));
    const companies = new Set(sample.customers.filter((c) => c.kind === 'company').map((c) => c.id));
    expect(sample.contacts.length).toBeGreaterThanOrEqual(companies.size);
    for (const contact of sample.contacts) expect(companies.has(contact.customerId)).toBe(true);
  });

  it('every customer passes the customer schema unchanged', () => {
    for (const customer of sample.customers) {
      const record = { ...meta({ id: customer.id }), ...customer };
      const parsed = customerSchema.safeParse(record);
      expect(parsed.error?.issues, customer.name).toBeUndefined();
      expect(parsed.data).toEqual(record);
    }
  });

  it('every contact passes the contact schema unchanged', () => {
    for (const [i, contact] of sample.contacts.entries()) {
      const record = { ...meta({ id: `contact-${i}` }), ...contact };
      const parsed = contactSchema.safeParse(record);
      expect(parsed.error?.issues, contact.name).toBeUndefined();
      expect(parsed.data).toEqual(record);
    }
  });

  it('every phone is a valid E.164 number', () => {
    const phones = [...sample.customers, ...sample.contacts].flatMap((r) => r.phones.map((p) => p.number));
    expect(phones.length).toBeGreaterThan(150);
    for (const number of phones) {
      expect(isE164(number), number).toBe(true);
      expect(normalisePhone(number, 'CN'), number).toBe(number);
    }
  });

  it('every email is already normalised', () => {
    for (const address of [...sample.customers, ...sample.contacts].flatMap((r) => r.emails.map((e) => e.address))) {
      expect(normaliseEmail(address)).toBe(address);
    }
  });

  it('ids sort in creation order', () => {
    const ids = sample.customers.map((c) => c.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it('owners are the given member or nobody', () => {
    expect(new Set(sample.customers.map((c) => c.ownerId))).toEqual(new Set(['member-a', null]));
  });

  it('birthdays and founding dates lie in the past', () => {
    for (const c of sample.customers) {
      for (const date of [c.birthday, c.foundedOn]) if (date) expect(date < '2026-03-01').toBe(true);
    }
  });

  it('has one deliberate near-duplicate: the same company typed in twice, not an exact copy', () => {
    const pair = sample.customers.filter((c) => c.name === '北京金桥餐饮管理有限公司');
    expect(pair).toHaveLength(2);
    const [a, b] = pair as [(typeof pair)[number], (typeof pair)[number]];
    const { id: _a, ...fieldsA } = a;
    const { id: _b, ...fieldsB } = b;
    expect(fieldsA).not.toEqual(fieldsB);
    // The boss's mobile, typed "+86 138 0013 8000" on one and "13800138000" on the other, is one stored number.
    expect(normalisePhone('+86 138 0013 8000', 'CN')).toBe(normalisePhone('13800138000', 'CN'));
    const phonesOf = (c: typeof a) => c.phones.map((p) => p.number);
    expect(phonesOf(a).filter((n) => phonesOf(b).includes(n))).toEqual(['+8613800138000']);
    expect(a.address.street).not.toBe(b.address.street);
    expect(a.address.street.replace(/\s/g, '')).toBe(b.address.street.replace(/\s/g, ''));
    expect(a.address.city).toBe(b.address.city);
  });

  it('has no other Chinese company twice: a second one of the same name is a branch (分公司)', () => {
    const names = sample.customers.filter((c) => c.kind === 'company' && CJK.test(c.name)).map((c) => c.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    expect(twice).toEqual(['北京金桥餐饮管理有限公司']);
    expect(names.some((n) => n.endsWith('分公司'))).toBe(true);
  });

  it('has birthdays in the coming week', () => {
    const week = Array.from({ length: 7 }, (_, d) => new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(5, 10));
    expect(sample.customers.filter((c) => c.birthday && week.includes(c.birthday.slice(5))).length).toBeGreaterThan(0);
  });

  it.each([0, 1, 7])('works for %i customers', (n) => {
    expect(generateSampleWorkspace(options({ customers: n })).customers).toHaveLength(n);
  });
});

describe('SeededRandom', () => {
  it('repeats its sequence for a seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('stays within bounds', () => {
    const rng = new SeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
      expect(rng.next()).toBeLessThan(1);
    }
    expect(rng.digits(8)).toMatch(/^\d{8}$/);
  });

  it('makes uuid-v7-shaped ids', () => {
    expect(new SeededRandom(1).id(Date.parse('2026-03-01T00:00:00Z'))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

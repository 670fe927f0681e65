import type { CustomerFields, CustomerStatus, CustomerSource, CompanySize } from './customer';
import type { ContactFields, ContactRole } from './contact';
import { normalisePhone } from './phone-number';
import { SeededRandom } from './seeded-random';
import * as w from './sample-names';

export interface SampleOptions {
  customers: number;
  seed: number;
  now: Date;
  memberId: string;
}

export interface SampleWorkspace {
  customers: (CustomerFields & { id: string })[];
  contacts: ContactFields[];
}

const statuses: CustomerStatus[] = ['active', 'active', 'active', 'lead', 'lead', 'inactive', 'lost'];
const sources: CustomerSource[] = ['referral', 'walk_in', 'website', 'wechat', 'phone', 'event', 'advertising'];
const sizes: CompanySize[] = ['1-9', '10-49', '50-249', '250-999'];
const roles: ContactRole[] = ['decision_maker', 'purchaser', 'finance', 'customer_admin', 'other'];

/** Realistic, repeatable workspaces: half Chinese and half English, 40% companies with contacts. */
export function generateSampleWorkspace(options: SampleOptions): SampleWorkspace {
  const rng = new SeededRandom(options.seed);
  const out: SampleWorkspace = { customers: [], contacts: [] };
  const start = options.now.getTime() - 400 * 86_400_000;
  for (let i = 0; i < options.customers; i++) {
    const chinese = i % 2 === 0;
    const company = rng.chance(0.4);
    const id = rng.id(start + i * 1000);
    const customer = chinese ? chineseCustomer(rng, company, options) : englishCustomer(rng, company, options);
    out.customers.push({ ...customer, id });
    if (company) {
      for (let c = rng.int(1, 3); c > 0; c--) out.contacts.push(contactFor(rng, id, chinese, c === 1));
    }
  }
  return out;
}

function base(rng: SeededRandom, options: SampleOptions): Pick<CustomerFields, 'status' | 'source' | 'ownerId' | 'custom'> {
  return { status: rng.pick(statuses), source: rng.chance(0.8) ? rng.pick(sources) : null, ownerId: rng.chance(0.7) ? options.memberId : null, custom: {} };
}

function pastDate(rng: SeededRandom, now: Date, minYears: number, maxYears: number): string {
  const d = new Date(now.getTime() - rng.int(minYears * 365, maxYears * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function tags(rng: SeededRandom, list: readonly string[]): string[] {
  const set = new Set<string>();
  for (let n = rng.int(0, 3); n > 0; n--) set.add(rng.pick(list));
  return [...set];
}

/** Numbers come from fictional or common ranges and are checked, so every sample phone is valid. */
function phone(make: () => string): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const e164 = normalisePhone(make(), 'CN');
    if (e164) return e164;
  }
  throw new Error('sample phone pattern produces no valid numbers');
}

const cnMobile = (rng: SeededRandom) => phone(() => `+86 1${rng.pick(['38', '39', '50', '58', '86', '88', '37', '36'])}${rng.digits(8)}`);

function chineseCustomer(rng: SeededRandom, company: boolean, options: SampleOptions): CustomerFields {
  const [city, region] = rng.pick(w.zhCities);
  const address = { street: `${rng.pick(w.zhStreets)}${rng.int(1, 999)}号`, city, region, postalCode: rng.digits(6), country: 'CN' };
  if (company) {
    const [trade, industry] = rng.pick(w.zhIndustries);
    return {
      ...base(rng, options),
      kind: 'company',
      name: `${city}${rng.pick(w.zhBrandWords)}${trade}有限公司`,
      phones: [{ label: 'work', number: phone(() => `+86 ${rng.pick(['10', '21', '20', '755', '571', '28'])} ${rng.int(5, 8)}${rng.digits(7)}`) }],
      emails: rng.chance(0.6) ? [{ label: 'work', address: `info${rng.int(1, 999)}@example.cn` }] : [],
      address, tags: tags(rng, w.zhTags), birthday: null, foundedOn: pastDate(rng, options.now, 2, 30),
      notes: rng.pick(w.zhNotes), industry, size: rng.pick(sizes),
    };
  }
  return {
    ...base(rng, options),
    kind: 'person',
    name: `${rng.pick(w.zhSurnames)}${rng.pick(w.zhGiven)}`,
    phones: rng.chance(0.92) ? [{ label: 'mobile', number: cnMobile(rng) }] : [],
    emails: rng.chance(0.3) ? [{ label: 'personal', address: `user${rng.int(100, 99999)}@example.com` }] : [],
    address, tags: tags(rng, w.zhTags), birthday: rng.chance(0.6) ? pastDate(rng, options.now, 18, 70) : null, foundedOn: null,
    notes: rng.pick(w.zhNotes), industry: '', size: null,
  };
}

function englishCustomer(rng: SeededRandom, company: boolean, options: SampleOptions): CustomerFields {
  const [city, region, country, area] = rng.pick(w.enCities);
  const tel = () => phone(() => (country === 'US' ? `+1 ${area} 555 01${rng.digits(2)}` : `+44 7911 ${rng.digits(6)}`));
  const address = { street: `${rng.int(1, 400)} ${rng.pick(w.enStreets)}`, city, region, postalCode: country === 'US' ? rng.digits(5) : `M${rng.int(1, 9)} ${rng.int(1, 9)}AB`, country };
  if (company) {
    const [trade, industry] = rng.pick(w.enIndustries);
    const brand = rng.pick(w.enBrandWords);
    return {
      ...base(rng, options),
      kind: 'company',
      name: `${brand} ${trade} ${rng.pick(w.enSuffixes)}`,
      phones: [{ label: 'work', number: tel() }],
      emails: [{ label: 'work', address: `hello@${brand.toLowerCase()}${rng.int(1, 99)}.example.com` }],
      address, tags: tags(rng, w.enTags), birthday: null, foundedOn: pastDate(rng, options.now, 2, 40),
      notes: rng.pick(w.enNotes), industry, size: rng.pick(sizes),
    };
  }
  const first = rng.pick(w.enFirst);
  const last = rng.pick(w.enLast);
  return {
    ...base(rng, options),
    kind: 'person',
    name: `${first} ${last}`,
    phones: rng.chance(0.85) ? [{ label: 'mobile', number: tel() }] : [],
    emails: rng.chance(0.8) ? [{ label: 'personal', address: `${first}.${last}${rng.int(1, 999)}@example.com`.toLowerCase() }] : [],
    address, tags: tags(rng, w.enTags), birthday: rng.chance(0.5) ? pastDate(rng, options.now, 18, 70) : null, foundedOn: null,
    notes: rng.pick(w.enNotes), industry: '', size: null,
  };
}

function contactFor(rng: SeededRandom, customerId: string, chinese: boolean, first: boolean): ContactFields {
  const name = chinese ? `${rng.pick(w.zhSurnames)}${rng.pick(w.zhGiven)}` : `${rng.pick(w.enFirst)} ${rng.pick(w.enLast)}`;
  return {
    customerId,
    name,
    jobTitle: rng.pick(chinese ? w.zhTitles : w.enTitles),
    department: rng.pick(chinese ? w.zhDepartments : w.enDepartments),
    role: first ? 'decision_maker' : rng.pick(roles),
    phones: [{ label: 'mobile', number: chinese ? cnMobile(rng) : phone(() => `+1 212 555 01${rng.digits(2)}`) }],
    emails: rng.chance(0.7) ? [{ label: 'work', address: `contact${rng.int(1, 99999)}@example.com` }] : [],
    notes: '',
  };
}

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
  contacts: (ContactFields & { id: string })[];
}

const statuses: CustomerStatus[] = ['active', 'active', 'active', 'lead', 'lead', 'inactive', 'lost'];
const sources: CustomerSource[] = ['referral', 'walk_in', 'website', 'wechat', 'phone', 'event', 'advertising'];
const sizes: CompanySize[] = ['1-9', '10-49', '50-249', '250-999'];
const roles: ContactRole[] = ['decision_maker', 'purchaser', 'finance', 'customer_admin', 'other'];

/**
 * Realistic, repeatable workspaces: half Chinese and half English, 40% companies with contacts.
 * The main stream of random numbers draws exactly what it always drew, so a seed keeps its
 * customers; ids of contacts, the near-duplicate, branch names and this week's birthdays come
 * from a second stream.
 */
export function generateSampleWorkspace(options: SampleOptions): SampleWorkspace {
  const rng = new SeededRandom(options.seed);
  const extra = new SeededRandom(options.seed ^ 0x00c0ffee);
  const out: SampleWorkspace = { customers: [], contacts: [] };
  const start = options.now.getTime() - 400 * 86_400_000;
  const companies = new Map<string, number>();
  let planted = false;
  for (let i = 0; i < options.customers; i++) {
    const chinese = i % 2 === 0;
    const company = rng.chance(0.4);
    const id = rng.id(start + i * 1000);
    let customer = chinese ? chineseCustomer(rng, company, options) : englishCustomer(rng, company, options);
    if (chinese && company) {
      const first = companies.get(customer.name);
      if (first !== undefined && !planted) {
        planted = true;
        const pair = nearDuplicatePair(out.customers[first]!, customer);
        out.customers[first] = pair.original;
        customer = pair.duplicate;
      } else if (first !== undefined) {
        customer = { ...customer, name: branchName(customer.name, customer.address.city, companies) };
      }
      companies.set(customer.name, i);
    }
    if (customer.kind === 'person' && customer.birthday && extra.chance(0.03)) customer = { ...customer, birthday: birthdayThisWeek(customer.birthday, options.now, extra) };
    out.customers.push({ ...customer, id });
    if (company) {
      for (let c = rng.int(1, 3); c > 0; c--) out.contacts.push({ ...contactFor(rng, id, chinese, c === 1), id: extra.id(start + i * 1000 + c) });
    }
  }
  return out;
}

/**
 * The same company typed in twice, as happens when two colleagues meet the same buyer: one
 * typed the boss's mobile as "+86 138 0013 8000", the other as "13800138000" (both store
 * +8613800138000, which is how a duplicate check can find them), the street a little
 * differently, no e-mail and no owner. The names are the same, as on a business licence.
 */
function nearDuplicatePair(original: CustomerFields & { id: string }, later: CustomerFields): { original: CustomerFields & { id: string }; duplicate: CustomerFields } {
  const boss = (typed: string) => ({ label: 'mobile' as const, number: normalisePhone(typed, 'CN')! });
  const street = original.address.street;
  return {
    original: { ...original, phones: [...original.phones, boss('+86 138 0013 8000')] },
    duplicate: {
      ...later,
      name: original.name,
      phones: [boss('13800138000')],
      emails: [],
      address: { ...original.address, street: street.replace(/(\d+)号$/, ' $1 号'), postalCode: '' },
      ownerId: null,
      industry: original.industry,
      notes: '',
    },
  };
}

/** Another company of the same registered name in the city is a branch (分公司) of it. */
function branchName(name: string, city: string, taken: ReadonlyMap<string, number>): string {
  const districts = w.zhDistricts[city as keyof typeof w.zhDistricts] ?? [];
  for (const d of districts) if (!taken.has(`${name}${d}分公司`)) return `${name}${d}分公司`;
  for (let n = 2; ; n++) if (!taken.has(`${name}第${n}分公司`)) return `${name}第${n}分公司`;
}

/** Moves a birthday (keeping the year) into the next seven days, so Today has some to show. */
function birthdayThisWeek(birthday: string, now: Date, rng: SeededRandom): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + rng.int(0, 6));
  const md = `${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  // 29 February only exists in leap years: a day earlier keeps the date valid.
  const year = Number(birthday.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${birthday.slice(0, 4)}-${md === '02-29' && !leap ? '02-28' : md}`;
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

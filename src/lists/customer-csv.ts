import Papa from 'papaparse';
import type { CompanySize, Customer, CustomerKind, CustomerSource, CustomerStatus } from '../domain/customer';
import type { Contact, ContactRole } from '../domain/contact';
import type { CustomFieldDef, CustomValue } from '../domain/custom-field';
import { safeCell, VALUE_SEPARATOR } from './csv-cell';

export const csvColumns = [
  'name',
  'kind',
  'status',
  'phones',
  'emails',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'tags',
  'owner',
  'source',
  'birthday',
  'foundedOn',
  'industry',
  'size',
  'contacts',
  'notes',
  'createdAt',
  'updatedAt',
  'lastPurchase',
] as const;
export type CsvColumn = (typeof csvColumns)[number];

/** The words of the user's language a CSV is written in; lists/ has no i18n, so the UI passes them. */
export interface CsvWords {
  headers: Record<CsvColumn, string>;
  kinds: Record<CustomerKind, string>;
  statuses: Record<CustomerStatus, string>;
  sources: Record<CustomerSource, string>;
  sizes: Record<CompanySize, string>;
  roles: Record<ContactRole, string>;
  /** A country's name from its ISO code. */
  country: (code: string) => string;
  /** "name (a, b)" with the brackets and list separator of the language. */
  aside: (text: string, notes: string[]) => string;
}

export interface CustomerCsvInput {
  customers: Customer[];
  /** Live contacts of these customers, in the order they are listed under each customer. */
  contacts: Contact[];
  /** The workspace's custom fields, one column each after the built-in ones, in this order. */
  customFields: Pick<CustomFieldDef, 'id' | 'label'>[];
  /** The date of each customer's last paid order, as the list's column shows it. */
  lastPurchases?: Map<string, string>;
  memberName: (id: string) => string;
  words: CsvWords;
  /** Codes instead of words (kind, status, source, size, country, role), and timestamps as stored: for a program to read back. */
  raw: boolean;
}

/**
 * Customers as CSV: RFC 4180 (papaparse quotes commas, quotes and line breaks; CRLF line ends),
 * with a UTF-8 byte order mark so that Excel reads Chinese text. Headers are in the user's
 * language, values in words unless `raw`. Contacts are one cell, a line per contact
 * (docs/csv-export.md gives every column and the choices made).
 */
export function customersToCsv(input: CustomerCsvInput): string {
  const { words, raw } = input;
  const contactsOf = groupBy(input.contacts, (c) => c.customerId);
  const word = <K extends string>(table: Record<K, string>, code: K | null) => (code === null ? '' : raw ? code : table[code]);
  const builtIn = (c: Customer): Record<CsvColumn, string> => ({
    name: c.name,
    kind: word(words.kinds, c.kind),
    status: word(words.statuses, c.status),
    phones: c.phones.map((p) => p.number).join(VALUE_SEPARATOR),
    emails: c.emails.map((e) => e.address).join(VALUE_SEPARATOR),
    street: c.address.street,
    city: c.address.city,
    region: c.address.region,
    postalCode: c.address.postalCode,
    country: !c.address.country || raw ? c.address.country : words.country(c.address.country),
    tags: c.tags.join(VALUE_SEPARATOR),
    owner: c.ownerId ? input.memberName(c.ownerId) : '',
    source: word(words.sources, c.source),
    birthday: c.birthday ?? '',
    foundedOn: c.foundedOn ?? '',
    industry: c.industry,
    size: word(words.sizes, c.size),
    contacts: (contactsOf.get(c.id) ?? []).map((k) => contactLine(k, words, raw)).join('\n'),
    notes: c.notes,
    createdAt: raw ? c.createdAt : localTime(c.createdAt),
    updatedAt: raw ? c.updatedAt : localTime(c.updatedAt),
    lastPurchase: input.lastPurchases?.get(c.id) ?? '',
  });
  const rows = input.customers.map((c) => {
    const cells = builtIn(c);
    return [...csvColumns.map((col) => cells[col]), ...input.customFields.map((f) => customCell(c.custom[f.id]))].map((v) => safeCell(v, !raw));
  });
  const fields = [...csvColumns.map((c) => words.headers[c]), ...input.customFields.map((f) => f.label)].map((v) => safeCell(v, !raw));
  // A guarded cell is quoted, so its apostrophe or tab is plainly part of the value to any reader.
  return '\uFEFF' + Papa.unparse({ fields, data: rows }, { newline: '\r\n', quotes: (value: unknown) => typeof value === 'string' && /^['\t]/.test(value) });
}

/** "Wang Fang (Buyer, Purchaser) +8613800138000, wang@example.cn": a contact on one line of the Contacts cell. */
function contactLine(contact: Contact, words: CsvWords, raw: boolean): string {
  const role = contact.role === 'other' ? '' : raw ? contact.role : words.roles[contact.role];
  const notes = [contact.jobTitle, contact.department, role].filter(Boolean);
  const name = !notes.length ? contact.name : raw ? `${contact.name} (${notes.join(', ')})` : words.aside(contact.name, notes);
  const reach = [...contact.phones.map((p) => p.number), ...contact.emails.map((e) => e.address)].join(', ');
  return reach ? `${name} ${reach}` : name;
}

function customCell(value: CustomValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** "2026-12-08 09:16" in the device's time zone: a form every spreadsheet reads as a date and time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

import Papa from 'papaparse';
import type { Customer } from '../domain/customer';

export const csvColumns = ['name', 'kind', 'status', 'phones', 'emails', 'city', 'address', 'tags', 'owner', 'source', 'birthday', 'notes', 'createdAt', 'updatedAt'] as const;
export type CsvColumn = (typeof csvColumns)[number];

/**
 * Customers as CSV (papaparse quotes commas, quotes and line breaks in names and notes). Headers
 * come in the user's language; phones stay in E.164 so another program reads them unambiguously.
 * A UTF-8 byte order mark makes Excel read Chinese text correctly.
 */
export function customersToCsv(customers: Customer[], headers: Record<CsvColumn, string>, memberName: (id: string) => string): string {
  const rows = customers.map((c) => ({
    name: c.name,
    kind: c.kind,
    status: c.status,
    phones: c.phones.map((p) => p.number).join('; '),
    emails: c.emails.map((e) => e.address).join('; '),
    city: c.address.city,
    address: [c.address.street, c.address.region, c.address.postalCode, c.address.country].filter(Boolean).join(', '),
    tags: c.tags.join('; '),
    owner: c.ownerId ? memberName(c.ownerId) : '',
    source: c.source ?? '',
    birthday: c.birthday ?? c.foundedOn ?? '',
    notes: c.notes,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));
  // A cell starting with = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /^[=+\-@\t\r]/.test(v) ? `'${v}` : v])));
  return '\uFEFF' + Papa.unparse({ fields: csvColumns.map((c) => headers[c]), data: safe.map((r) => csvColumns.map((c) => r[c])) });
}

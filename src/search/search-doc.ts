import type { Customer } from '../domain/customer';
import type { Contact } from '../domain/contact';

/** What the search index knows of a customer or a contact: only the fields people search by. */
export interface SearchDoc {
  /** Customer id or contact id. */
  id: string;
  kind: 'customer' | 'contact';
  /** The customer it belongs to: itself for a customer. */
  customerId: string;
  name: string;
  /** For a contact, its company's (customer's) name; '' otherwise. */
  company: string;
  /** E.164, as stored. */
  phones: string[];
  emails: string[];
  city: string;
  tags: string[];
  notes: string;
}

export const searchFields = ['name', 'company', 'phone', 'email', 'city', 'tags', 'notes'] as const;
export type SearchField = (typeof searchFields)[number];

/** One bit per field, in the order of searchFields; an index entry carries the fields a term came from. */
export const FIELD_BITS: Record<SearchField, number> = { name: 1, company: 2, phone: 4, email: 8, city: 16, tags: 32, notes: 64 };
/**
 * Set, besides the name bit, on what the name starts with (its first word, its first characters
 * and their pinyin): only a match carrying it can be an exact or prefix match of the name, so
 * the rest of a 100k-match result is ranked without looking at any text.
 */
export const NAME_START = 128;

// One frozen list per combination of fields, shared by every hit: a search may return 100k hits.
const fieldLists = Array.from({ length: 128 }, (_, mask) => Object.freeze(searchFields.filter((f) => (mask & FIELD_BITS[f]) !== 0)));

/** The fields in a mask (other bits are ignored). */
export function fieldsOfMask(mask: number): readonly SearchField[] {
  return fieldLists[mask & 127]!;
}

export function customerSearchDoc(c: Pick<Customer, 'id' | 'name' | 'phones' | 'emails' | 'address' | 'tags' | 'notes'>): SearchDoc {
  return {
    id: c.id,
    kind: 'customer',
    customerId: c.id,
    name: c.name,
    company: '',
    phones: c.phones.map((p) => p.number),
    emails: c.emails.map((e) => e.address),
    city: c.address.city,
    tags: [...c.tags],
    notes: c.notes,
  };
}

/** `companyName` is the name of the customer the contact belongs to. */
export function contactSearchDoc(c: Pick<Contact, 'id' | 'customerId' | 'name' | 'phones' | 'emails' | 'notes'>, companyName: string): SearchDoc {
  return {
    id: c.id,
    kind: 'contact',
    customerId: c.customerId,
    name: c.name,
    company: companyName,
    phones: c.phones.map((p) => p.number),
    emails: c.emails.map((e) => e.address),
    city: '',
    tags: [],
    notes: c.notes,
  };
}

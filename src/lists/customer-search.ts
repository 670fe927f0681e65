import { SearchIndex, type SearchIndexJson } from '../search/search-index';
import type { SearchDoc } from '../search/search-doc';
import type { CustomerMatches, Matcher } from './customer-list';
import { packRecords, unpackRecords, type PackedRecords, type RecordCodec } from './packed-records';

/** How a contact's document is kept when the list saves its state. */
const contactCodec: RecordCodec<SearchDoc> = {
  write(d, to) {
    for (const text of [d.id, d.customerId, d.name, d.company, d.city, d.notes]) to.text(text);
    for (const list of [d.phones, d.emails, d.tags]) to.texts(list);
  },
  read: (from) => ({
    id: from.text(),
    kind: 'contact',
    customerId: from.text(),
    name: from.text(),
    company: from.text(),
    city: from.text(),
    notes: from.text(),
    phones: from.texts(),
    emails: from.texts(),
    tags: from.texts(),
  }),
};

/**
 * The search index as the list uses it: customers and their contacts, where a contact found
 * stands for its customer, and a company's new name reaches its contacts' entries.
 */
export class CustomerSearch implements Matcher {
  #index = new SearchIndex();
  #names = new Map<string, string>();
  #contacts = new Map<string, Map<string, SearchDoc>>();
  #contactOwner = new Map<string, string>();

  upsertCustomer(doc: SearchDoc): void {
    const renamed = this.#names.has(doc.id) && this.#names.get(doc.id) !== doc.name;
    this.#names.set(doc.id, doc.name);
    this.#index.add(doc);
    // A copy: re-adding a contact moves it within the map being walked.
    if (renamed) for (const contact of [...(this.#contacts.get(doc.id)?.values() ?? [])]) this.upsertContact({ ...contact, company: doc.name });
  }

  removeCustomer(id: string): void {
    this.#names.delete(id);
    this.#index.remove(id);
  }

  upsertContact(doc: SearchDoc): void {
    this.removeContact(doc.id);
    let of = this.#contacts.get(doc.customerId);
    if (!of) this.#contacts.set(doc.customerId, (of = new Map()));
    of.set(doc.id, doc);
    this.#contactOwner.set(doc.id, doc.customerId);
    this.#index.add(doc);
  }

  removeContact(id: string): void {
    const owner = this.#contactOwner.get(id);
    if (owner === undefined) return;
    this.#contactOwner.delete(id);
    this.#contacts.get(owner)?.delete(id);
    this.#index.remove(id);
  }

  /** What `restore` needs to go on where this left off: the index, and each contact as indexed. */
  toJSON(): CustomerSearchJson {
    const contacts = [...this.#contacts.values()].flatMap((of) => [...of.values()]);
    return { index: this.#index.toJSON(), contacts: packRecords(contacts, contactCodec) };
  }

  /** `names`: each live customer's id and name. Throws on an index saved by another version. */
  restore(json: CustomerSearchJson, names: Iterable<readonly [string, string]>): void {
    const index = SearchIndex.fromJSON(json.index);
    const contacts = unpackRecords<SearchDoc>(json.contacts, contactCodec);
    this.clear();
    this.#index = index;
    for (const [id, name] of names) this.#names.set(id, name);
    for (const doc of contacts) {
      let of = this.#contacts.get(doc.customerId);
      if (!of) this.#contacts.set(doc.customerId, (of = new Map()));
      of.set(doc.id, doc);
      this.#contactOwner.set(doc.id, doc.customerId);
    }
  }

  clear(): void {
    this.#index = new SearchIndex();
    this.#names.clear();
    this.#contacts.clear();
    this.#contactOwner.clear();
  }

  /**
   * Every customer found, best first; a customer found through a contact appears once, at its
   * best. Numbers in a typed array, not hits: a one-letter query finds 40k customers at 100k.
   */
  search(query: string): CustomerMatches {
    return this.#index.searchCustomers(query);
  }

  get customerIds(): readonly string[] {
    return this.#index.customerIds;
  }
}

export interface CustomerSearchJson {
  index: SearchIndexJson;
  contacts: PackedRecords;
}

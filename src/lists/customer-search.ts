import { SearchIndex } from '../search/search-index';
import type { SearchDoc } from '../search/search-doc';
import type { Matcher } from './customer-list';

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

  clear(): void {
    this.#index = new SearchIndex();
    this.#names.clear();
    this.#contacts.clear();
    this.#contactOwner.clear();
  }

  /** Every match, best first; a customer found through a contact appears once, at its best. */
  search(query: string) {
    return this.#index.search(query, { limit: Infinity }).hits.map((h) => ({ customerId: h.customerId, score: h.score }));
  }
}

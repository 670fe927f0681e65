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
  /** Changes taken while deferring and not yet indexed, oldest first. */
  #backlog: (() => void)[] = [];
  #done = 0;
  #deferring = false;

  /**
   * While on, changes wait in a backlog until catchUp(): indexing a teammate's whole workspace
   * as it arrives competed with writing it for the device's cores. Whatever reads the index
   * (a search, the saved state) catches up first, so it never answers from a stale index.
   */
  defer(on: boolean): void {
    this.#deferring = on;
    if (!on) this.catchUp();
  }

  /** Changes waiting to be indexed. */
  get behind(): number {
    return this.#backlog.length - this.#done;
  }

  /** Indexes what waits, for at most `budgetMs`; true once nothing waits. */
  catchUp(budgetMs = Infinity): boolean {
    const until = performance.now() + budgetMs;
    const backlog = this.#backlog;
    while (this.#done < backlog.length) {
      try {
        backlog[this.#done++]!();
      } catch (error) {
        // One record the index cannot take must not fail whichever search comes next.
        console.warn('search index: a change was not indexed', error);
      }
      if ((this.#done & 63) === 0 && performance.now() >= until) break;
    }
    if (this.#done < backlog.length) return false;
    this.#backlog = [];
    this.#done = 0;
    return true;
  }

  #later(change: () => void) {
    if (this.#deferring) this.#backlog.push(change);
    else change();
  }

  upsertCustomer(doc: SearchDoc): void {
    this.#later(() => this.#upsertCustomer(doc));
  }

  removeCustomer(id: string): void {
    this.#later(() => this.#removeCustomer(id));
  }

  upsertContact(doc: SearchDoc): void {
    this.#later(() => this.#upsertContact(doc));
  }

  removeContact(id: string): void {
    this.#later(() => this.#removeContact(id));
  }

  #upsertCustomer(doc: SearchDoc): void {
    const renamed = this.#names.has(doc.id) && this.#names.get(doc.id) !== doc.name;
    this.#names.set(doc.id, doc.name);
    this.#index.add(doc);
    // A copy: re-adding a contact moves it within the map being walked.
    if (renamed) for (const contact of [...(this.#contacts.get(doc.id)?.values() ?? [])]) this.#upsertContact({ ...contact, company: doc.name });
  }

  #removeCustomer(id: string): void {
    this.#names.delete(id);
    this.#index.remove(id);
  }

  #upsertContact(doc: SearchDoc): void {
    this.#removeContact(doc.id);
    let of = this.#contacts.get(doc.customerId);
    if (!of) this.#contacts.set(doc.customerId, (of = new Map()));
    of.set(doc.id, doc);
    this.#contactOwner.set(doc.id, doc.customerId);
    this.#index.add(doc);
  }

  #removeContact(id: string): void {
    const owner = this.#contactOwner.get(id);
    if (owner === undefined) return;
    this.#contactOwner.delete(id);
    this.#contacts.get(owner)?.delete(id);
    this.#index.remove(id);
  }

  /** What `restore` needs to go on where this left off: the index, and each contact as indexed. */
  toJSON(): CustomerSearchJson {
    this.catchUp();
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
    this.#backlog = [];
    this.#done = 0;
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
    this.catchUp();
    return this.#index.searchCustomers(query);
  }

  get customerIds(): readonly string[] {
    this.catchUp();
    return this.#index.customerIds;
  }
}

export interface CustomerSearchJson {
  index: SearchIndexJson;
  contacts: PackedRecords;
}

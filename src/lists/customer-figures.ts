import type { ComplaintRow, OrderRow } from '../storage/read-db';
import { orderCountsAsSpent } from '../domain/order';
import { noExtras, type CustomerExtras } from './list-row';
import { packTexts, unpackTexts, type PackedRecords } from './packed-records';

/** The figures as saved with the list's state (list-snapshot.ts). */
export interface FiguresState {
  /** Triples: order id, customer id, ordered on; for the paid orders (orderCountsAsSpent). */
  purchases: PackedRecords;
  /** Pairs: complaint id, customer id; for the open complaints. */
  openComplaints: PackedRecords;
  /** Pairs: order or complaint id, customer id; for every order and complaint. */
  owners: PackedRecords;
}

/**
 * What the list filters by from other collections, per customer: the dates of its paid orders
 * (as Key figures' last purchase: pending, cancelled and deleted ones left out) and its open complaints, kept up to date from each
 * projected batch of orders and complaints.
 */
export class CustomerFigures {
  #purchases = new Map<string, Map<string, string>>();
  #openComplaints = new Map<string, Set<string>>();
  #ownerOf = new Map<string, string>();

  /** Takes in a batch of orders or complaints; returns the customers whose figures may have changed. */
  apply(table: 'orders' | 'complaints', rows: (OrderRow | ComplaintRow)[], gone: string[]): Set<string> {
    const touched = new Set<string>();
    const forget = (id: string) => {
      const customerId = this.#ownerOf.get(id);
      if (customerId === undefined) return;
      this.#ownerOf.delete(id);
      this.#purchases.get(customerId)?.delete(id);
      this.#openComplaints.get(customerId)?.delete(id);
      touched.add(customerId);
    };
    for (const id of gone) forget(id);
    for (const row of rows) {
      forget(row.id);
      this.#ownerOf.set(row.id, row.customerId);
      touched.add(row.customerId);
      if (table === 'orders') {
        const order = row as OrderRow;
        if (order.alive === 1 && orderCountsAsSpent(order)) this.#addPurchase(order.customerId, order.id, order.orderedOn);
      } else {
        const complaint = row as ComplaintRow;
        if (complaint.alive === 1 && complaint.open === 1) this.#addOpenComplaint(complaint.customerId, complaint.id);
      }
    }
    return touched;
  }

  extras(customerId: string): CustomerExtras {
    const dates = this.#purchases.get(customerId);
    const open = this.#openComplaints.get(customerId)?.size ?? 0;
    if (!dates?.size && !open) return noExtras;
    let last: string | null = null;
    for (const on of dates?.values() ?? []) if (last === null || on > last) last = on;
    return { lastPurchaseAt: last, openComplaints: open };
  }

  clear(): void {
    this.#purchases.clear();
    this.#openComplaints.clear();
    this.#ownerOf.clear();
  }

  toState(): FiguresState {
    const purchases: string[] = [];
    for (const [customerId, dates] of this.#purchases) for (const [orderId, on] of dates) purchases.push(orderId, customerId, on);
    const openComplaints: string[] = [];
    for (const [customerId, ids] of this.#openComplaints) for (const id of ids) openComplaints.push(id, customerId);
    return { purchases: packTexts(purchases), openComplaints: packTexts(openComplaints), owners: packTexts([...this.#ownerOf].flat()) };
  }

  /** Throws on a state that cannot be unpacked; the caller then reads the tables. */
  restore(state: FiguresState): void {
    const [purchases, openComplaints, owners] = [state.purchases, state.openComplaints, state.owners].map(unpackTexts) as [string[], string[], string[]];
    this.clear();
    for (let i = 0; i < purchases.length; i += 3) this.#addPurchase(purchases[i + 1]!, purchases[i]!, purchases[i + 2]!);
    for (let i = 0; i < openComplaints.length; i += 2) this.#addOpenComplaint(openComplaints[i + 1]!, openComplaints[i]!);
    for (let i = 0; i < owners.length; i += 2) this.#ownerOf.set(owners[i]!, owners[i + 1]!);
  }

  #addPurchase(customerId: string, orderId: string, on: string) {
    let dates = this.#purchases.get(customerId);
    if (!dates) this.#purchases.set(customerId, (dates = new Map()));
    dates.set(orderId, on);
  }

  #addOpenComplaint(customerId: string, id: string) {
    let open = this.#openComplaints.get(customerId);
    if (!open) this.#openComplaints.set(customerId, (open = new Set()));
    open.add(id);
  }
}

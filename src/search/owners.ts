/**
 * Dense numbers for the customers documents belong to (a customer and its contacts share one),
 * so a result is deduplicated per customer with a typed array, and a list can keep its rows
 * under these numbers instead of looking up id strings for every match of a broad query.
 *
 * A number, once given, keeps its customer for as long as this object lives: numbers are only
 * ever added. When the index renumbers (compaction drops customers that have no documents left)
 * it makes a new Owners, so a consumer that cached anything per number checks `ids` identity.
 */
export class Owners {
  /** Numbers by customer id, made when first needed: a loaded index may only ever be searched. */
  private numbers: Map<string, number> | null = null;

  /** `ids`: customer id by number; its identity changes exactly when the numbering does. */
  constructor(readonly ids: string[] = []) {}

  get size(): number {
    return this.ids.length;
  }

  /** The number of a customer id, given one the first time it is seen. */
  key(customerId: string): number {
    this.numbers ??= new Map(this.ids.map((id, n) => [id, n]));
    let n = this.numbers.get(customerId);
    if (n === undefined) {
      n = this.ids.length;
      this.numbers.set(customerId, n);
      this.ids.push(customerId);
    }
    return n;
  }
}

/** mulberry32: tiny, fast and good enough for repeatable sample data (not for secrets). */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** A deterministic uuid-v7-shaped id whose time part follows `ms`, so samples sort by creation. */
  id(ms: number): string {
    const hex = (n: number, len: number) => n.toString(16).padStart(len, '0').slice(-len);
    const time = hex(ms, 12);
    const r = () => hex(this.int(0, 0xffff), 4);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${r().slice(1)}-${hex(0x8000 | this.int(0, 0x3fff), 4)}-${r()}${r()}${r()}`;
  }
}

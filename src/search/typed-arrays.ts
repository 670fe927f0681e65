type Growable = Uint8Array<ArrayBuffer> | Int32Array<ArrayBuffer>;

/** A copy of `a` in a new array of `size` elements, the rest zero: how the typed columns grow. */
export function grown<T extends Growable>(a: T, size: number): T {
  const bigger = new (a.constructor as new (length: number) => T)(size);
  bigger.set(a as never);
  return bigger;
}

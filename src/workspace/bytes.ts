/** The parts one after another, in the array `into` returns for their total length (by default a new one). */
export function joined(parts: Uint8Array[], into: (length: number) => Uint8Array = (length) => new Uint8Array(length)): Uint8Array {
  const out = into(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

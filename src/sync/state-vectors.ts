import * as Y from 'yjs';

/** The document's state vector as a map of client id → clock. */
export function stateVectorOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Whether a replica with state vector `theirs` has every change counted in `mine`. */
export function holdsAll(theirs: ReadonlyMap<number, number>, mine: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of mine) if ((theirs.get(client) ?? 0) < clock) return false;
  return true;
}

/** A state vector as a plain object, to travel in awareness JSON. */
export function svToJson(sv: ReadonlyMap<number, number>): Record<string, number> {
  return Object.fromEntries([...sv].map(([client, clock]) => [String(client), clock]));
}

export function svFromJson(value: unknown): Map<number, number> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out = new Map<number, number>();
  for (const [key, clock] of Object.entries(value)) {
    const client = Number(key);
    if (!Number.isSafeInteger(client) || typeof clock !== 'number' || !Number.isSafeInteger(clock) || clock < 0) return null;
    out.set(client, clock);
  }
  return out;
}

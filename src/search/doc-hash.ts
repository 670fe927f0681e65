import type { SearchDoc } from './search-doc';

// Two 32-bit lanes (FNV-1a and a polynomial hash), kept in module state so hashing makes no garbage.
let fnv = 0;
let poly = 0;

function mix(s: string): void {
  let h = fnv;
  let g = poly;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    g = (Math.imul(g, 31) + c) | 0;
  }
  // A separator, so ['ab', 'c'] and ['a', 'bc'] differ.
  fnv = Math.imul(h ^ 0xffff, 0x01000193);
  poly = (Math.imul(g, 31) + 0xffff) | 0;
}

function mixAll(list: readonly string[]): void {
  for (const s of list) mix(s);
  mix('');
}

/**
 * 53 bits (one exact double) of what the index reads from a document, so that re-adding an
 * unchanged document (a projection re-sends a customer whose status changed) costs no
 * re-indexing. The id is not hashed: it is the key the hash is stored under.
 */
export function hashDoc(doc: SearchDoc): number {
  fnv = 0x811c9dc5;
  poly = 0;
  mix(doc.kind);
  mix(doc.customerId === doc.id ? '' : doc.customerId);
  mix(doc.name);
  mix(doc.company);
  mix(doc.city);
  mix(doc.notes);
  mixAll(doc.phones);
  mixAll(doc.emails);
  mixAll(doc.tags);
  return (fnv >>> 0) * 0x200000 + ((poly >>> 0) & 0x1fffff);
}

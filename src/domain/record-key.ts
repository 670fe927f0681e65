/**
 * A record's key in its collection is its id (record-meta.ts: 1 to 64 characters). A key from a
 * peer may be anything, up to megabytes: it is checked before it is used as a table key, and
 * shown or stored under a bounded label.
 */
const MAX_ID = 64;

// Control characters never occur in an id (uuidv7, or a member id) and break a line of text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function isRecordKey(key: string): boolean {
  return key.length >= 1 && key.length <= MAX_ID && !CONTROL.test(key);
}

/** FNV-1a, 32 bits: two long keys with the same start still get different labels. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The key itself when it is an id; otherwise a short, printable label that names it. */
export function recordKeyLabel(key: string): string {
  if (isRecordKey(key)) return key;
  const start = [...key.slice(0, 40)].map((c) => (CONTROL.test(c) ? '?' : c)).join('');
  return `${start}… (${key.length}, #${hash(key)})`;
}

import { v7 } from 'uuid';

/** Time-sortable ids (uuidv7), so ids created on different devices never collide and sort by creation. */
export function newId(): string {
  return v7();
}

/** A short, stable suffix for showing an id to people (e.g. a default device name). */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(-4).toUpperCase();
}

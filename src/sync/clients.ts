import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../workspace/origins';

/** Top-level map of the workspace doc: Yjs client id (as a decimal string) -> member id. */
export const CLIENTS_MAP = 'clients';

/**
 * Records which member writes with this doc instance's Yjs client id, so conflicts (which only
 * know client ids) can name people. Each opened Y.Doc gets a fresh random client id, so the app
 * calls this once per doc instance, when it opens the workspace (after loading it from the log,
 * before the person can edit), and again if it ever replaces the doc. It writes only when the
 * entry is missing, so calling it again is free.
 */
export function registerClient(doc: Y.Doc, memberId: string, origin: unknown = LOCAL_ORIGIN): void {
  const clients = doc.getMap<string>(CLIENTS_MAP);
  const key = String(doc.clientID);
  if (clients.has(key)) return;
  doc.transact(() => clients.set(key, memberId), origin);
}

/** The member who wrote with a Yjs client id, if that client registered (see registerClient). */
export function memberOfClient(doc: Y.Doc, clientId: number): string | undefined {
  const member = doc.getMap<unknown>(CLIENTS_MAP).get(String(clientId));
  return typeof member === 'string' ? member : undefined;
}

import type * as Y from 'yjs';
import { destructiveCount, isBulkChange, type RecordChange } from '../domain/history-entries';
import { LOAD_ORIGIN, LOCAL_ORIGIN } from '../workspace/origins';
import { changesOfTransaction } from '../workspace/transaction-changes';
import { memberOfClient } from '../sync/clients';

/** A change from another device that took many records out of view at once. */
export interface BulkChangeAlert {
  /** When it arrived (ms): the history page opens at the entry holding this moment. */
  at: number;
  /** Writers of its new content, when known; a pure delete names none (see `via`). */
  authors: string[];
  /** Teammates connected when it arrived. */
  via: string[];
  /** Records taken out of view (deleted, removed, quarantined). */
  count: number;
  /** The collection most of them are in. */
  collection: string;
}

const MAX_ALERTS = 10;

const MAX_IDS = 50;
const MAX_ID_LENGTH = 64;

const isIds = (v: unknown): v is string[] => Array.isArray(v) && v.length <= MAX_IDS && v.every((x) => typeof x === 'string' && x.length <= MAX_ID_LENGTH);

/** Member ids come from the document and the connection (a peer chooses them): cut to what isIds accepts, or the saved flag is refused after a restart. */
const boundedIds = (ids: Iterable<string>): string[] => [...new Set([...ids].map((id) => id.slice(0, MAX_ID_LENGTH)))].sort().slice(0, MAX_IDS);

function isAlert(v: unknown): v is BulkChangeAlert {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return Number.isSafeInteger(a.at) && Number.isSafeInteger(a.count) && typeof a.collection === 'string' && a.collection.length <= 40 && isIds(a.authors) && isIds(a.via);
}

/**
 * Watches changes that arrive from other devices (peers, change files) and raises an alert when
 * one transaction deletes, removes or breaks more than BULK_CHANGE_THRESHOLD records. It reads
 * Yjs's own record of what the transaction changed, validating only records that existed
 * before, so a teammate's whole workspace arriving costs it next to nothing.
 */
export class BulkChangeWatch {
  #alerts: BulkChangeAlert[] = [];
  #listeners = new Set<() => void>();
  #started = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly peersOnline: () => string[],
  ) {}

  start() {
    if (this.#started) return;
    this.#started = true;
    this.doc.on('afterTransaction', this.#onTransaction);
  }

  stop() {
    this.doc.off('afterTransaction', this.#onTransaction);
    this.#listeners.clear();
  }

  /** Alerts not dismissed yet, newest first. */
  get alerts(): readonly BulkChangeAlert[] {
    return this.#alerts;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Alerts kept from an earlier session (a device pref); whatever is not an alert is dropped. */
  restore(saved: unknown) {
    if (!Array.isArray(saved)) return;
    const valid = saved.filter(isAlert).slice(0, MAX_ALERTS);
    this.#alerts = [...this.#alerts, ...valid].slice(0, MAX_ALERTS);
    this.#emit();
  }

  dismiss(alert: BulkChangeAlert) {
    this.#alerts = this.#alerts.filter((a) => a !== alert);
    this.#emit();
  }

  #emit() {
    for (const listener of this.#listeners) listener();
  }

  #onTransaction = (tr: Y.Transaction) => {
    if (tr.local || tr.origin === LOCAL_ORIGIN || tr.origin === LOAD_ORIGIN || tr.changed.size === 0) return;
    let changes: RecordChange[];
    try {
      changes = changesOfTransaction(this.doc, tr);
    } catch (error) {
      console.error(error);
      return;
    }
    if (!isBulkChange('peer', changes)) return;
    const byCollection = new Map<string, number>();
    for (const c of changes) if (c.kind === 'deleted' || c.kind === 'removed' || c.kind === 'broken') byCollection.set(c.collection, (byCollection.get(c.collection) ?? 0) + 1);
    const [collection] = [...byCollection].sort((a, b) => b[1] - a[1])[0]!;
    const authors = new Set<string>();
    for (const [client, clock] of tr.afterState) {
      if ((tr.beforeState.get(client) ?? 0) === clock) continue;
      const member = memberOfClient(this.doc, client);
      if (member) authors.add(member);
    }
    this.#alerts = [{ at: Date.now(), authors: boundedIds(authors), via: boundedIds(this.peersOnline()), count: destructiveCount(changes), collection }, ...this.#alerts].slice(0, MAX_ALERTS);
    this.#emit();
  };
}


import * as Y from 'yjs';
import { Workspace } from '../workspace/workspace';
import type { CommandContext, Removable } from '../workspace/command-context';
import { CustomerCommands } from '../workspace/customer-commands';
import { ContactCommands } from '../workspace/contact-commands';
import { InteractionCommands } from '../workspace/interaction-commands';
import { ProductCommands } from '../workspace/product-commands';
import { OrderCommands } from '../workspace/order-commands';
import { RefundCommands } from '../workspace/refund-commands';
import { FeedbackCommands } from '../workspace/feedback-commands';
import { ComplaintCommands } from '../workspace/complaint-commands';
import { TaskCommands } from '../workspace/task-commands';
import { TrashCommands } from '../workspace/trash-commands';
import { WorkspaceSettingsCommands } from '../workspace/workspace-settings-commands';
import { CrmSettingsCommands } from '../workspace/crm-settings-commands';
import { ConnectionSettingsCommands } from '../workspace/connection-settings-commands';
import { CustomFieldCommands } from '../workspace/custom-field-commands';
import { MemberCommands } from '../workspace/member-commands';
import { writeSample } from '../workspace/sample-commands';
import type { WorkspaceStore } from '../storage/workspace-store';
import type { Queries } from '../storage/queries';
import { pacer } from '../storage/pacing';
import { ReadOnlyError } from '../storage/errors';
import type { StoreUsage } from '../storage/storage-usage';
import { openListSource, type ListSource } from '../lists/list-client';
import { customersToCsv, type CsvWords } from '../lists/customer-csv';
import { SaveStatus } from './save-status';
import { memoryPrefs, type Prefs } from './prefs';
import { SavedViews } from './saved-views';
import type { SyncService } from './sync-service';
import { FormSaves } from './form-saves';
import { WorkspaceHistory } from './workspace-history';
import { SampleLoad } from './sample-load';

const BULK_BATCH = 1000;

/** The customer 360 records a timeline entry can be deleted (and restored) from. */
export type CrmCollection = 'interactions' | 'products' | 'orders' | 'refunds' | 'feedback' | 'complaints' | 'tasks';

/**
 * The one door the UI uses to change a workspace. Each command validates a draft with the
 * domain schemas, applies it as one Yjs transaction, and resolves once the update is durable.
 */
export class WorkspaceSession {
  readonly workspace: Workspace;
  readonly queries: Queries;
  /** Follows the update log and every other store of the workspace (store.health). */
  readonly saveStatus: SaveStatus;
  /** Set once the workspace keys are derived; null while it starts or when sync failed to start. */
  sync: SyncService | null = null;
  /** Settles once the document is loaded and sync started (set by whoever opened the session). */
  opened: Promise<void>;
  /** Heavy loading (the document, the list worker) starts after this (set by whoever opened the session). */
  startAfter: Promise<void> = Promise.resolve();
  /** Called by the first screen once it shows: loading may start. */
  firstScreenShown: () => void = () => {};
  /** The save of every form that edits an existing record. */
  readonly forms: FormSaves;
  /** How far a sample load has got (customers written), for the list's progress line. */
  readonly sampleLoad = new SampleLoad();
  readonly customers: CustomerCommands;
  readonly contacts: ContactCommands;
  readonly interactions: InteractionCommands;
  readonly products: ProductCommands;
  readonly orders: OrderCommands;
  readonly refunds: RefundCommands;
  readonly feedback: FeedbackCommands;
  readonly complaints: ComplaintCommands;
  readonly tasks: TaskCommands;
  /** Trash across record types: what a delete takes with it, restore from the Trash page. */
  readonly trash: TrashCommands;
  readonly settings: WorkspaceSettingsCommands;
  readonly crmSettings: CrmSettingsCommands;
  /** The team's relays and STUN/TURN servers (Settings → Connections). */
  readonly connections: ConnectionSettingsCommands;
  readonly customFields: CustomFieldCommands;
  readonly members: MemberCommands;

  constructor(
    readonly id: string,
    readonly store: WorkspaceStore,
    memberId: string,
  ) {
    this.workspace = new Workspace(id, store.doc, memberId);
    this.queries = store.queries;
    this.saveStatus = new SaveStatus(store.health);
    const commit = <T>(command: () => T) => this.#commit(command);
    this.forms = new FormSaves(this.workspace, commit, store.conflicts);
    const ctx: CommandContext = {
      ws: this.workspace,
      commit,
      forms: this.forms,
      loaded: () => this.#loaded(),
      clock: () => new Date(),
      inBatches: (ids, run) => this.#inBatches(ids, run),
    };
    this.settings = new WorkspaceSettingsCommands(ctx);
    this.crmSettings = new CrmSettingsCommands(ctx);
    this.connections = new ConnectionSettingsCommands(ctx);
    this.customFields = new CustomFieldCommands(ctx);
    this.members = new MemberCommands(ctx);
    this.customers = new CustomerCommands(ctx, () => this.settings.current());
    this.contacts = new ContactCommands(ctx, () => this.settings.current());
    this.interactions = new InteractionCommands(ctx);
    this.products = new ProductCommands(ctx);
    // After the projection has caught up, the index knows every refund this device has seen.
    this.refunds = new RefundCommands(ctx, async (orderId) => {
      await store.projection.idle();
      return store.queries.refunds.idsOfOrder(orderId);
    });
    this.orders = new OrderCommands(ctx, this.refunds.ofOrder);
    this.feedback = new FeedbackCommands(ctx);
    this.complaints = new ComplaintCommands(ctx, () => this.crmSettings.current().complaintSlaDays);
    this.tasks = new TaskCommands(ctx);
    this.trash = new TrashCommands(ctx);
    this.views = new SavedViews(this.workspace, commit, () => this.prefs);
    this.history = new WorkspaceHistory(store, this.workspace, commit, () => this.prefs);
    this.opened = store.loaded.then(() => {});
    this.opened.catch(() => {}); // whoever opened the session reports a failed load
  }

  /** The Trash pair (remove, restore) of a customer 360 collection. */
  removable(name: CrmCollection): Removable {
    return this[name];
  }

  /** Commands write to the document, so they wait for it to be loaded (at 100k customers a few seconds after the list shows). */
  #loaded() {
    return this.store.loaded;
  }

  /**
   * True while storage is full, or while the document is of a layout a newer Kehu wrote
   * (StorageHealth.readOnlyReason): the workspace reads and exports as usual, and every command
   * is refused with ReadOnlyError, carrying the reason, before it changes anything (a change that
   * cannot be kept, or that the newer app would misread, must not look accepted).
   */
  get readOnly(): boolean {
    return this.store.health.readOnly;
  }

  #writable() {
    if (this.readOnly) throw new ReadOnlyError(this.store.health.readOnlyReason ?? undefined);
  }

  /** Runs a command and waits until it is committed to IndexedDB before reporting "saved". */
  async #commit<T>(command: () => T): Promise<T> {
    await this.#loaded();
    this.#writable();
    const result = command();
    await this.saveStatus.track(this.store.log.flushed());
    return result;
  }

  /** Loads a seeded sample workspace (see writeSample). */
  async loadSampleData(count = 200, seed = 1) {
    await this.#loaded();
    this.#writable();
    // Tracked from the first batch: a large sample takes minutes, and "All changes saved" while
    // it is still being written would not be true.
    this.sampleLoad.set({ written: 0, total: count });
    try {
      // Started a microtask later, so the status says "saving" before the first batch is written.
      const written = Promise.resolve().then(() => writeSample(this.workspace, count, seed, { onProgress: (done, total) => this.sampleLoad.set({ written: done, total }) }));
      // The status follows the log only: a sample refused halfway is the caller's error, not a failed save.
      await this.saveStatus.track(written.then(
        () => this.store.log.flushed(),
        () => this.store.log.flushed(),
      ));
      await written;
    } finally {
      this.sampleLoad.set(null);
    }
  }

  /** Folds the change log into a snapshot now (it also happens by itself, in a worker). */
  compactStorage() {
    return this.store.log.compact();
  }

  /** What each store of this workspace holds on this device. */
  storageUsage(): Promise<StoreUsage[]> {
    return this.store.usage();
  }

  /** Drops what can be derived again (the list's saved state) or old reports of refused messages. */
  freeSpace(what: 'list' | 'problems'): Promise<void> {
    return this.store.freeSpace(what);
  }

  /** After space was freed: writes what failed (kept updates, the read tables, this device's settings) and leaves read-only if all of it went in. */
  async retryWrites(): Promise<void> {
    await this.store.retryWrites();
    // Any write of the device's database tells whether it has room again (prefs report to health).
    if (this.store.health.problem('device')) await this.prefs.set('storageCheckedAt', Date.now());
  }

  /**
   * Everything this device holds of the workspace, as a file to take elsewhere: a `.kehu` change
   * file of the whole document (what it holds in memory too) when the workspace key is at hand,
   * otherwise the raw stored log. Reads only, so it works while storage is full.
   */
  async exportData(): Promise<{ blob: Blob; kind: 'changes' | 'raw' }> {
    if (this.sync) {
      const bytes = await this.sync.exportChanges();
      return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), kind: 'changes' };
    }
    return { blob: await this.store.exportRawLog(), kind: 'raw' };
  }

  #list: ListSource | null = null;
  /** This device's preferences (set by whoever opened the session); personal views live there. */
  prefs: Prefs = memoryPrefs();
  /** Saved views of the customer list, shared or personal. */
  readonly views: SavedViews;
  /** What changed when and by whom, previews of the past, and restoring records from it. */
  readonly history: WorkspaceHistory;

  /** Calls `listener` with how many records are still on their way into the read tables, whenever that changes. */
  onRecordsPreparing(listener: (records: number) => void): () => void {
    return this.store.projection.onUnwritten(listener);
  }

  /** The customer list and search (a worker holding every customer in memory), opened on first use. */
  customerList(): ListSource {
    return (this.#list ??= openListSource(this.id, this.store.projection, this.startAfter, this.store.health));
  }

  async #inBatches(ids: string[], run: (batch: string[]) => void) {
    await this.#loaded();
    this.#writable();
    const pace = pacer();
    for (let i = 0; i < ids.length; i += BULK_BATCH) {
      run(ids.slice(i, i + BULK_BATCH));
      await pace();
    }
    await this.saveStatus.track(this.store.log.flushed());
  }

  /** The customers as CSV text, with their contacts and custom fields, in the user's words (or codes when `raw`). */
  async customersCsv(ids: string[], words: CsvWords, options: { raw: boolean }): Promise<string> {
    const [customers, contacts, customFields, memberList, lastPurchases] = await Promise.all([
      this.queries.customers.byIds(ids),
      this.queries.contacts.ofCustomers(ids),
      this.queries.customFieldList(),
      this.queries.memberList(),
      this.queries.orders.lastPurchases(ids),
    ]);
    const members = new Map(memberList.map((m) => [m.id, m.name]));
    return customersToCsv({ customers, contacts, customFields, lastPurchases, memberName: (id) => members.get(id) ?? id, words, raw: options.raw });
  }

  conflicts(recordId: string) {
    return this.store.conflicts.forRecord(recordId);
  }

  dismissConflict(id: number) {
    return this.store.conflicts.dismiss(id);
  }

  /** Changes that arrived another way than a peer connection (a change file); durable when this resolves. */
  applyRemoteUpdate(update: Uint8Array, origin: unknown) {
    return this.#commit(() => Y.applyUpdate(this.workspace.doc, update, origin));
  }

  #closed = false;

  /** True from the moment close() is called: nothing may start sync for this session any more. */
  get closed(): boolean {
    return this.#closed;
  }

  close() {
    this.#closed = true;
    this.#list?.close();
    this.#list = null;
    this.history.close();
    this.sync?.destroy();
    this.sync = null;
    return this.store.close();
  }
}

import { customerDraftSchema, type CustomerDraft, type CustomerFields } from '../domain/customer';
import { contactDraftSchema, type ContactDraft } from '../domain/contact';
import { customFieldDefFieldsSchema, type CustomFieldDefFields } from '../domain/custom-field';
import { workspaceSettingsDraftSchema, workspaceSettingsSchema, type WorkspaceSettings } from '../domain/workspace-settings';
import { parseWith, type ParseResult } from '../domain/field-errors';
import { todayCalendarDate } from '../domain/dates';
import { Workspace } from '../workspace/workspace';
import { settingsMap } from '../workspace/layout';
import { readSettings } from '../workspace/record-entry';
import * as customers from '../workspace/customer-commands';
import * as settings from '../workspace/settings-commands';
import { writeSample } from '../workspace/sample-commands';
import type { WorkspaceStore } from '../storage/workspace-store';
import type { Queries } from '../storage/queries';
import { SaveStatus } from './save-status';
import { readRecordById, readRecordsWhere } from '../workspace/record-commands';
import { memoryPrefs, type Prefs } from './prefs';
import { SavedViews } from './saved-views';
import * as Y from 'yjs';
import type { SyncService } from './sync-service';
import { CrmCommands } from './crm-session';
import { FormSaves } from './form-saves';
import { openListSource, type ListSource } from '../lists/list-client';
import { customersToCsv, type CsvColumn } from '../lists/customer-csv';
import { customerStatuses } from '../domain/customer';
import { tagSchema } from '../domain/tags';
import { z } from 'zod';
import { pacer } from '../storage/pacing';
import { ReadOnlyError } from '../storage/errors';
import type { StoreUsage } from '../storage/storage-usage';
import { WorkspaceHistory } from './workspace-history';

const BULK_BATCH = 1000;

const bulkChangeSchema = z.object({
  addTag: tagSchema.optional(),
  removeTag: tagSchema.optional(),
  ownerId: z.string().max(64).nullable().optional(),
  status: z.enum(customerStatuses).optional(),
});

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
  /** Interactions, orders, refunds, feedback, complaints, tasks: the customer 360 commands. */
  readonly crm: CrmCommands;
  /** The save of every form that edits an existing record. */
  readonly forms: FormSaves;

  constructor(
    readonly id: string,
    readonly store: WorkspaceStore,
    memberId: string,
  ) {
    this.workspace = new Workspace(id, store.doc, memberId);
    this.queries = store.queries;
    this.saveStatus = new SaveStatus(store.health);
    this.forms = new FormSaves(this.workspace, (command) => this.#commit(command), store.conflicts);
    this.crm = new CrmCommands(
      this.workspace,
      (command) => this.#commit(command),
      // After the projection has caught up, the index knows every refund this device has seen.
      async (orderId) => {
        await store.projection.idle();
        return store.queries.crm.refundIdsOfOrder(orderId);
      },
      this.forms,
    );
    this.views = new SavedViews(this.workspace, (command) => this.#commit(command), () => this.prefs);
    this.history = new WorkspaceHistory(store, this.workspace, (command) => this.#commit(command), () => this.prefs);
    this.opened = store.loaded.then(() => {});
    this.opened.catch(() => {}); // whoever opened the session reports a failed load
  }

  /** Commands write to the document, so they wait for it to be loaded (at 100k customers a few seconds after the list shows). */
  #loaded() {
    return this.store.loaded;
  }

  settings(): WorkspaceSettings {
    // Each value checked on its own: one a peer wrote badly falls back to its default, never throws.
    return workspaceSettingsSchema.parse(readSettings(settingsMap(this.workspace.doc)).values) as WorkspaceSettings;
  }

  /**
   * True while storage is full: the workspace reads and exports as usual, and every command is
   * refused with ReadOnlyError before it changes anything (a change that cannot be kept must not
   * look accepted).
   */
  get readOnly(): boolean {
    return this.store.health.readOnly;
  }

  #writable() {
    if (this.readOnly) throw new ReadOnlyError();
  }

  /** Runs a command and waits until it is committed to IndexedDB before reporting "saved". */
  async #commit<T>(command: () => T): Promise<T> {
    await this.#loaded();
    this.#writable();
    const result = command();
    await this.saveStatus.track(this.store.log.flushed());
    return result;
  }

  #customFieldDefs() {
    return readRecordsWhere(this.workspace, 'customFields', (d) => !d.deletedAt) as (CustomFieldDefFields & { id: string })[];
  }

  parseCustomer(draft: CustomerDraft): ParseResult<CustomerFields> {
    const schema = customerDraftSchema({ region: this.settings().defaultRegion, today: todayCalendarDate(), customFields: this.#customFieldDefs() });
    return parseWith(schema, draft);
  }

  async createCustomer(draft: CustomerDraft): Promise<ParseResult<string>> {
    await this.#loaded();
    const parsed = this.parseCustomer(draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.#commit(() => customers.createCustomer(this.workspace, parsed.value)) };
  }

  /** `original` is the draft as the form opened: the save merges what the person changed since into the record as it is now. */
  async updateCustomer(id: string, draft: CustomerDraft, original: CustomerDraft): Promise<ParseResult<string[]>> {
    await this.#loaded();
    const parsed = this.parseCustomer(draft);
    if (!parsed.ok) return parsed;
    const before = this.parseCustomer(original);
    return { ok: true, value: await this.forms.save('customers', id, before.ok ? before.value : null, parsed.value) };
  }

  deleteCustomer(id: string) {
    return this.#commit(() => customers.deleteCustomer(this.workspace, id));
  }

  restoreCustomer(id: string) {
    return this.#commit(() => customers.restoreCustomer(this.workspace, id));
  }

  purgeCustomer(id: string) {
    return this.#commit(() => customers.purgeCustomer(this.workspace, id));
  }

  async createContact(customerId: string, draft: ContactDraft): Promise<ParseResult<string>> {
    await this.#loaded();
    const parsed = parseWith(contactDraftSchema(this.settings().defaultRegion), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.#commit(() => customers.createContact(this.workspace, { ...parsed.value, customerId })) };
  }

  async updateContact(id: string, draft: ContactDraft, original: ContactDraft): Promise<ParseResult<string[]>> {
    await this.#loaded();
    const schema = contactDraftSchema(this.settings().defaultRegion);
    const parsed = parseWith(schema, draft);
    if (!parsed.ok) return parsed;
    const before = parseWith(schema, original);
    const contact = readRecordById(this.workspace, 'contacts', id);
    const shownOn = typeof contact?.customerId === 'string' ? contact.customerId : id;
    return { ok: true, value: await this.forms.save('contacts', id, before.ok ? before.value : null, parsed.value, shownOn) };
  }

  deleteContact(id: string) {
    return this.#commit(() => customers.deleteContact(this.workspace, id));
  }

  restoreContact(id: string) {
    return this.#commit(() => customers.restoreContact(this.workspace, id));
  }

  async updateSettings(draft: { name: string; defaultRegion: string }): Promise<ParseResult<WorkspaceSettings>> {
    await this.#loaded();
    const parsed = parseWith(workspaceSettingsDraftSchema, draft);
    if (!parsed.ok) return parsed;
    await this.#commit(() => settings.updateSettings(this.workspace, parsed.value));
    return parsed;
  }

  async createCustomField(draft: { label: string; type: string; options: string[] }): Promise<ParseResult<string>> {
    await this.#loaded();
    const parsed = parseWith(customFieldDefFieldsSchema, draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.#commit(() => settings.createCustomField(this.workspace, parsed.value)) };
  }

  deleteCustomField(id: string) {
    return this.#commit(() => settings.deleteCustomField(this.workspace, id));
  }

  setMemberName(name: string) {
    return this.#commit(() => settings.upsertMember(this.workspace, name));
  }

  /** Loads a seeded sample workspace (see writeSample). */
  async loadSampleData(count = 200, seed = 1) {
    await this.#loaded();
    this.#writable();
    await writeSample(this.workspace, count, seed);
    await this.saveStatus.track(this.store.log.flushed());
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

  /**
   * One change to many customers, in transactions of a thousand with pauses between, so
   * changing 100k customers neither freezes the page nor becomes one enormous update.
   */
  async bulkUpdate(ids: string[], draft: customers.BulkChange): Promise<ParseResult<number>> {
    const parsed = parseWith(bulkChangeSchema, draft);
    if (!parsed.ok) return parsed;
    let changed = 0;
    await this.#inBatches(ids, (batch) => (changed += customers.bulkUpdateCustomers(this.workspace, batch, parsed.value)));
    return { ok: true, value: changed };
  }

  bulkDelete(ids: string[]) {
    return this.#inBatches(ids, (batch) => customers.setCustomersDeleted(this.workspace, batch, true));
  }

  bulkRestore(ids: string[]) {
    return this.#inBatches(ids, (batch) => customers.setCustomersDeleted(this.workspace, batch, false));
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

  /** The customers as CSV text, with headers in the user's language. */
  async customersCsv(ids: string[], headers: Record<CsvColumn, string>): Promise<string> {
    const rows = await this.queries.customersByIds(ids);
    const members = new Map((await this.queries.memberList()).map((m) => [m.id, m.name]));
    return customersToCsv(rows, headers, (id) => members.get(id) ?? id);
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

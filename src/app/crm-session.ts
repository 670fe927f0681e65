import type { z } from 'zod';
import { parseWith, type ParseResult } from '../domain/field-errors';
import { newId } from '../domain/ids';
import { todayCalendarDate } from '../domain/dates';
import { crmSettingsDraftSchema, crmSettingsSchema, type CrmSettings } from '../domain/crm-settings';
import { interactionDraftSchema, type InteractionDraft } from '../domain/interaction';
import { productDraftSchema, type ProductDraft } from '../domain/product';
import { orderDraftSchema, orderStatuses, orderSubtotal, orderTotal, type Order, type OrderDraft, type OrderStatus } from '../domain/order';
import { promisedRefunds, refundDraftContext, refundDraftSchema, refundMachine, type Refund, type RefundDraft, type RefundStatus } from '../domain/refund';
import { feedbackDraftSchema, type FeedbackDraft } from '../domain/feedback';
import { complaintDraftSchema, complaintMachine, type ComplaintDraft, type ComplaintStatus } from '../domain/complaint';
import { taskDonePatch, taskDraftSchema, taskFromNextStep, type TaskDraft } from '../domain/task';
import { agreedStatus, collectSteps, proposeStep, stepKey, stepValue, type StatusMachine } from '../domain/status-steps';
import { markVerifiedPatch } from '../domain/verification';
import { ErrorCode } from '../domain/error-codes';
import { settingsMap, type CollectionName } from '../workspace/layout';
import { readSettings } from '../workspace/record-entry';
import { insertRecord, patchRecord, readRecordById, readRecordsWhere, restoreRecord, softDeleteRecord } from '../workspace/record-commands';
import type { Workspace } from '../workspace/workspace';
import type { FormSaves } from './form-saves';

/** How a session commits: validated commands become one transaction, durable when this resolves. */
export type Commit = <T>(command: () => T) => Promise<T>;

const formError = (code: string): { ok: false; errors: Record<string, string> } => ({ ok: false, errors: { '': code } });

/** The customer 360 records a timeline entry can be deleted (and restored) from. */
export type CrmCollection = 'interactions' | 'products' | 'orders' | 'refunds' | 'feedback' | 'complaints' | 'tasks';

/** What an edit of a complaint may change: its status only moves through steps. */
const complaintEditable = ['title', 'description', 'severity', 'category', 'assigneeId', 'dueDate'] as const;

/**
 * Commands of the customer 360 records: interactions, products, orders, refunds and returns,
 * feedback, complaints and tasks. Each validates a form's draft with the domain schema, then
 * writes one transaction (with its activity log entries) through the workspace layer.
 */
export class CrmCommands {
  constructor(
    private readonly ws: Workspace,
    private readonly commit: Commit,
    /** Ids of an order's refunds, found by index (the read tables), so no command scans every refund. */
    private readonly refundIdsOf: (orderId: string) => Promise<string[]>,
    /** Edits merge into the record as it is now (see FormSaves). */
    private readonly forms: FormSaves,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  settings(): CrmSettings {
    // A value a peer wrote badly (not an object, out of bounds) counts as no settings: the defaults.
    const crm = readSettings(settingsMap(this.ws.doc)).values.crm;
    return crmSettingsSchema.parse(typeof crm === 'object' && crm !== null && !Array.isArray(crm) ? crm : {});
  }

  async updateSettings(draft: unknown): Promise<ParseResult<CrmSettings>> {
    const parsed = parseWith(crmSettingsDraftSchema, draft);
    if (!parsed.ok) return parsed;
    const next = { ...this.settings(), ...parsed.value };
    await this.commit(() => this.ws.transact(() => settingsMap(this.ws.doc).set('crm', next)));
    return { ok: true, value: next };
  }

  #today() {
    return todayCalendarDate(this.clock());
  }

  /** An order's refunds as the document holds them (the truth), looked up by the indexed ids. */
  async #refundsOf(orderId: string): Promise<Refund[]> {
    const ids = await this.refundIdsOf(orderId);
    return ids.flatMap((refundId) => {
      const r = readRecordById(this.ws, 'refunds', refundId);
      return r && r.orderId === orderId && !r.deletedAt ? [r as unknown as Refund] : [];
    });
  }

  /** The interaction schema; the picked contact must be one of the customer's. */
  #interactionSchema(customerId: unknown, draft: InteractionDraft) {
    // Only the picked contact is looked up: a customer's contacts are not scanned for.
    const picked = draft.contactId ? readRecordById(this.ws, 'contacts', draft.contactId) : undefined;
    const contactIds = picked && picked.customerId === customerId && !picked.deletedAt ? [draft.contactId] : [];
    return interactionDraftSchema({ now: this.clock(), contactIds });
  }

  /** A live (not deleted) record of the collection, or undefined. */
  #live(name: CollectionName, id: string) {
    const record = readRecordById(this.ws, name, id);
    return record && !record.deletedAt ? record : undefined;
  }

  /**
   * Saves an edit form: what the person changed since `base` (the form's fields as it opened,
   * null if they no longer parse) merges into the record as it is now; what changed meanwhile
   * is noted on the customer's page.
   */
  async #update(name: CollectionName, id: string, fields: object, base: object | null): Promise<ParseResult<string>> {
    const customerId = readRecordById(this.ws, name, id)?.customerId;
    await this.forms.save(name, id, base, fields, typeof customerId === 'string' ? customerId : id);
    return { ok: true, value: id };
  }

  /** The form's draft as it opened, parsed like the save; null when it is not given or no longer parses. */
  #base<S extends z.ZodType>(schema: S, original: unknown): z.output<S> | null {
    if (original === undefined) return null;
    const parsed = parseWith(schema, original);
    return parsed.ok ? parsed.value : null;
  }

  /** A follow-up with a next step also creates the task for it, in the same transaction. */
  async logInteraction(customerId: string, draft: InteractionDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(this.#interactionSchema(customerId, draft), draft);
    if (!parsed.ok) return parsed;
    const id = newId();
    await this.commit(() =>
      this.ws.transact(() => {
        insertRecord(this.ws, 'interactions', { ...parsed.value, customerId }, id);
        const task = taskFromNextStep({ ...parsed.value, customerId, id });
        if (task) insertRecord(this.ws, 'tasks', task);
      }),
    );
    return { ok: true, value: id };
  }

  /** Corrects a logged interaction; a next step added here does not create another task. */
  async updateInteraction(id: string, draft: InteractionDraft, original?: InteractionDraft): Promise<ParseResult<string>> {
    const record = this.#live('interactions', id);
    if (!record) return formError(ErrorCode.invalid);
    const parsed = parseWith(this.#interactionSchema(record.customerId, draft), draft);
    if (!parsed.ok) return parsed;
    const base = original ? this.#base(this.#interactionSchema(record.customerId, original), original) : null;
    return this.#update('interactions', id, parsed.value, base);
  }

  async saveProduct(draft: ProductDraft, id?: string, original?: ProductDraft): Promise<ParseResult<string>> {
    const otherSkus = readRecordsWhere(this.ws, 'products', (p) => p.id !== id && !p.deletedAt).map((p) => String(p.sku ?? ''));
    const parsed = parseWith(productDraftSchema({ otherSkus }), draft);
    if (!parsed.ok) return parsed;
    if (id) return this.#update('products', id, parsed.value, this.#base(productDraftSchema({ otherSkus: [] }), original));
    return { ok: true, value: await this.commit(() => insertRecord(this.ws, 'products', parsed.value)) };
  }

  async createOrder(customerId: string, draft: OrderDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(orderDraftSchema({ today: this.#today() }), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.commit(() => insertRecord(this.ws, 'orders', { ...parsed.value, customerId })) };
  }

  /** Refused when the new total is below what was already refunded (or promised) on the order. */
  async updateOrder(id: string, draft: OrderDraft, original?: OrderDraft): Promise<ParseResult<string>> {
    if (!this.#live('orders', id)) return formError(ErrorCode.invalid);
    const parsed = parseWith(orderDraftSchema({ today: this.#today() }), draft);
    if (!parsed.ok) return parsed;
    const refunds = await this.#refundsOf(id);
    const promised = promisedRefunds(id, refunds);
    if (orderTotal(parsed.value) < promised) {
      // The discount is to blame when the items alone still cover the refunds.
      const field = orderSubtotal(parsed.value) >= promised ? 'discount' : 'lines';
      return { ok: false, errors: { [field]: ErrorCode.orderBelowRefunds } };
    }
    return this.#update('orders', id, parsed.value, this.#base(orderDraftSchema({ today: this.#today() }), original));
  }

  async setOrderStatus(id: string, status: OrderStatus): Promise<ParseResult<string[]>> {
    if (!orderStatuses.includes(status)) return formError(ErrorCode.choiceInvalid);
    return { ok: true, value: await this.commit(() => patchRecord(this.ws, 'orders', id, { status })) };
  }

  /** Refused when the amount is above what is still refundable on the order. */
  async requestRefund(orderId: string, draft: RefundDraft): Promise<ParseResult<string>> {
    const order = readRecordById(this.ws, 'orders', orderId) as Order | undefined;
    if (!order || order.deletedAt) return formError(ErrorCode.orderNotRefundable);
    const refunds = await this.#refundsOf(orderId);
    const parsed = parseWith(refundDraftSchema(refundDraftContext(order, refunds)), draft);
    if (!parsed.ok) return parsed;
    const fields = { ...parsed.value, orderId, customerId: order.customerId, currency: order.currency };
    return { ok: true, value: await this.commit(() => insertRecord(this.ws, 'refunds', fields)) };
  }

  /** Approve, complete or reject: one more step in the refund's history, stamped with who and when. */
  refundStep(id: string, to: RefundStatus, note = ''): Promise<ParseResult<string>> {
    return this.#step('refunds', refundMachine, id, to, note);
  }

  async addFeedback(customerId: string, draft: FeedbackDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(feedbackDraftSchema({ today: this.#today() }), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.commit(() => insertRecord(this.ws, 'feedback', { ...parsed.value, customerId })) };
  }

  async updateFeedback(id: string, draft: FeedbackDraft, original?: FeedbackDraft): Promise<ParseResult<string>> {
    if (!this.#live('feedback', id)) return formError(ErrorCode.invalid);
    const schema = feedbackDraftSchema({ today: this.#today() });
    const parsed = parseWith(schema, draft);
    if (!parsed.ok) return parsed;
    return this.#update('feedback', id, parsed.value, this.#base(schema, original));
  }

  async openComplaint(customerId: string, draft: ComplaintDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(complaintDraftSchema({ today: this.#today(), sla: this.settings().complaintSlaDays }), draft);
    if (!parsed.ok) return parsed;
    return { ok: true, value: await this.commit(() => insertRecord(this.ws, 'complaints', { ...parsed.value, customerId })) };
  }

  /** Title, description, severity, category, assignee and due date; never the status (steps only). */
  async updateComplaint(id: string, draft: ComplaintDraft, original?: ComplaintDraft): Promise<ParseResult<string>> {
    if (!this.#live('complaints', id)) return formError(ErrorCode.invalid);
    const schema = complaintDraftSchema({ today: this.#today(), sla: this.settings().complaintSlaDays });
    const parsed = parseWith(schema, draft);
    if (!parsed.ok) return parsed;
    const editable = (value: typeof parsed.value): object => Object.fromEntries(complaintEditable.map((k) => [k, value[k]]));
    const base = this.#base(schema, original);
    return this.#update('complaints', id, editable(parsed.value), base && editable(base));
  }

  /** In progress, resolved (with the resolution as note), closed, or reopened: the history keeps every step. */
  complaintStep(id: string, to: ComplaintStatus, note = ''): Promise<ParseResult<string>> {
    return this.#step('complaints', complaintMachine, id, to, note);
  }

  async #step<S extends string>(name: 'refunds' | 'complaints', machine: StatusMachine<S>, id: string, to: S, note: string): Promise<ParseResult<string>> {
    const record = readRecordById(this.ws, name, id);
    if (!record) return formError(ErrorCode.invalid);
    const agreed = agreedStatus(machine, collectSteps(record, machine));
    const proposal = proposeStep(machine, agreed, to, { id: newId(), by: this.ws.memberId, at: this.ws.now(), note: note.trim().slice(0, 2000) });
    if (!proposal.ok) return formError(proposal.error);
    const { step } = proposal;
    await this.commit(() => patchRecord(this.ws, name, id, { [stepKey(step.id)]: stepValue(step) }));
    return { ok: true, value: step.id };
  }

  async saveTask(draft: TaskDraft, id?: string, original?: TaskDraft): Promise<ParseResult<string>> {
    const parsed = parseWith(taskDraftSchema, draft);
    if (!parsed.ok) return parsed;
    if (id) return this.#update('tasks', id, parsed.value, this.#base(taskDraftSchema, original));
    const fields = { ...parsed.value, interactionId: null, done: false, doneAt: null, doneBy: null };
    return { ok: true, value: await this.commit(() => insertRecord(this.ws, 'tasks', fields)) };
  }

  setTaskDone(id: string, done: boolean) {
    return this.commit(() => patchRecord(this.ws, 'tasks', id, taskDonePatch(done, { by: this.ws.memberId, at: this.ws.now() })));
  }

  /** "Mark verified": someone checked the customer's details; stamps who and when. */
  markVerified(customerId: string) {
    return this.commit(() => patchRecord(this.ws, 'customers', customerId, markVerifiedPatch({ by: this.ws.memberId, at: this.ws.now() })));
  }

  remove(name: CrmCollection, id: string) {
    return this.commit(() => softDeleteRecord(this.ws, name, id));
  }

  /** Undoes `remove`: the record is back where it was, with every field it had. */
  restore(name: CrmCollection, id: string) {
    return this.commit(() => restoreRecord(this.ws, name, id));
  }
}


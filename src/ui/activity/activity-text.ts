import type { ActivityEntry } from '../../domain/activity';
import { toDecimalText } from '../../domain/money';
import { isCalendarDate, isIsoTimestamp } from '../../domain/dates';
import { t, i18n } from '../../i18n/i18n.svelte';

/** What a history entry needs to read well: member and custom-field names, the usual currency. */
export interface ActivityContext {
  member: (id: string) => string;
  customField: (id: string) => string | undefined;
  /** Amounts in the history carry no currency: they are shown in the workspace's default's digits. */
  currency: string;
}

const fieldKeys: Record<string, Record<string, string>> = {
  // A person's name is 姓名 in Chinese, a company's 名称; an entry does not say which kind its customer is.
  customers: { kind: 'customer.kind.label', name: 'customer.name' },
  contacts: { name: 'fields.personName', jobTitle: 'contact.jobTitle', department: 'contact.department', role: 'contact.role' },
  interactions: {
    type: 'fields.type',
    occurredAt: 'interaction.date',
    memberId: 'interaction.member',
    contactId: 'interaction.contact',
    summary: 'interaction.summary',
    outcome: 'interaction.outcome',
    nextStep: 'interaction.nextStep',
    nextStepDue: 'interaction.nextStepDue',
  },
  products: { sku: 'product.sku', unitPrice: 'product.unitPrice', currency: 'product.currency', category: 'product.category', active: 'product.active' },
  orders: {
    status: 'order.status',
    orderedOn: 'order.date',
    lines: 'refund.lines',
    discount: 'order.discount',
    currency: 'order.currency',
    channel: 'order.channel',
    paymentMethod: 'order.paymentMethod',
  },
  refunds: {
    type: 'refund.type',
    reason: 'refund.reason',
    reasonText: 'refund.reasonText',
    amount: 'refund.amount',
    method: 'refund.method',
    lineIds: 'refund.lines',
    dueDate: 'refund.dueDate',
    status: 'refund.status',
  },
  feedback: { receivedOn: 'feedback.date', satisfaction: 'feedback.satisfaction', nps: 'feedback.nps', comment: 'feedback.comment', channel: 'feedback.channel' },
  complaints: {
    title: 'complaint.subject',
    description: 'complaint.description',
    severity: 'complaint.severity',
    category: 'complaint.category',
    assigneeId: 'complaint.assignee',
    dueDate: 'complaint.dueDate',
    status: 'complaint.status',
  },
  tasks: { title: 'task.name', dueDate: 'task.dueDate', dueTime: 'task.dueTime', assigneeId: 'task.assignee', customerId: 'task.customer', done: 'task.done' },
  customFields: { label: 'customFields.label', type: 'customFields.type', options: 'customFields.options' },
};

const genericKeys: Record<string, string> = {
  name: 'fields.name',
  phones: 'fields.phone',
  emails: 'fields.email',
  notes: 'fields.notes',
  tags: 'customer.tags',
  source: 'customer.source',
  status: 'customer.status',
  ownerId: 'customer.owner',
  birthday: 'customer.birthday',
  foundedOn: 'customer.foundedOn',
  industry: 'customer.industry',
  size: 'customer.size',
  orderId: 'crm.activity.fields.order',
  customerId: 'task.customer',
  verifiedAt: 'crm.activity.fields.verifiedAt',
  verifiedBy: 'crm.activity.fields.verifiedBy',
  doneAt: 'crm.activity.fields.doneAt',
  doneBy: 'crm.activity.fields.doneBy',
};

const enumKeys: Record<string, string> = {
  'customers.status': 'customer.statuses',
  'customers.source': 'customer.sources',
  'customers.kind': 'customer.kind',
  'contacts.role': 'contact.roles',
  'interactions.type': 'interaction.types',
  'orders.status': 'order.statuses',
  'orders.channel': 'order.channels',
  'orders.paymentMethod': 'order.paymentMethods',
  'refunds.type': 'refund.types',
  'refunds.reason': 'refund.reasons',
  'refunds.method': 'refund.methods',
  'refunds.status': 'refund.statuses',
  'feedback.channel': 'feedback.channels',
  'complaints.status': 'complaint.statuses',
  'complaints.severity': 'complaint.severities',
  'complaints.category': 'complaint.categories',
  'customFields.type': 'customFields.types',
};

const memberFields = new Set(['ownerId', 'assigneeId', 'memberId', 'verifiedBy', 'doneBy']);
const REGION_CODE = /^[A-Z]{2}$/;
const moneyFields = new Set(['unitPrice', 'amount', 'discount']);
const MAX_TEXT = 120;

/** The record types people filter the history by, in the order the app shows them. */
export const activityCollections = ['customers', 'contacts', 'interactions', 'orders', 'refunds', 'feedback', 'complaints', 'tasks', 'products', 'customFields'] as const;

export function collectionLabel(collection: string): string {
  const key = `problems.collections.${collection}`;
  const label = t(key);
  return label === key ? collection : label;
}

export function fieldLabel(collection: string, field: string, ctx: ActivityContext): string {
  const [head = field, ...rest] = field.split('.');
  if (head === 'address' && rest.length) {
    const key = `address.${rest.join('.')}`;
    const label = t(key);
    return label === key ? field : `${t('address.title')} · ${label}`;
  }
  if (head === 'custom' && rest.length) return ctx.customField(rest.join('.')) ?? t('customFields.title');
  const key = fieldKeys[collection]?.[field] ?? genericKeys[field];
  return key ? t(key) : field;
}

const cut = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

function itemText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  const o = item as Record<string, unknown>;
  const main = o.number ?? o.address ?? o.description ?? o.name ?? o.label;
  if (typeof main !== 'string') return JSON.stringify(item);
  return typeof o.quantity === 'number' ? `${main} × ${o.quantity}` : main;
}

/** A stored value as a person reads it: names for members, words for choices, local dates. */
export function valueText(collection: string, field: string, value: unknown, ctx: ActivityContext): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'boolean') return t(value ? 'crm.activity.yes' : 'crm.activity.no');
  if (typeof value === 'number') return moneyFields.has(field) ? toDecimalText(value, ctx.currency) : i18n.number(value);
  if (typeof value === 'string') {
    if (memberFields.has(field)) return ctx.member(value);
    // The country is stored as its code: "中国", "China", not "CN".
    if (field === 'address.country' && REGION_CODE.test(value)) return i18n.regionName(value);
    const enumKey = enumKeys[`${collection}.${field}`];
    if (enumKey) {
      const key = `${enumKey}.${value}`;
      const label = t(key);
      if (label !== key) return label;
    }
    if (isCalendarDate(value)) return i18n.date(value);
    if (isIsoTimestamp(value)) return i18n.date(value, 'datetime');
    return cut(value);
  }
  if (Array.isArray(value)) return value.length ? cut(value.map(itemText).join(', ')) : t('common.none');
  return cut(JSON.stringify(value));
}

/** "Name: 王伟 → 王建国", "Tag added: VIP"; empty for a creation, deletion or restore. */
export function changeText(entry: ActivityEntry, ctx: ActivityContext): string {
  if (entry.kind !== 'update' || !entry.field) return '';
  if (entry.field === 'tags') {
    return entry.new !== null ? t('activity.tagAdded', { tag: String(entry.new) }) : t('activity.tagRemoved', { tag: String(entry.old) });
  }
  // Status steps logged before they carried the status they left: the new status alone, not "— →".
  if (entry.field === 'status' && entry.old === null && (entry.collection === 'refunds' || entry.collection === 'complaints')) {
    return t('common.labelled', { label: fieldLabel(entry.collection, entry.field, ctx), value: valueText(entry.collection, entry.field, entry.new, ctx) });
  }
  return t('activity.change', {
    field: fieldLabel(entry.collection, entry.field, ctx),
    old: valueText(entry.collection, entry.field, entry.old, ctx),
    new: valueText(entry.collection, entry.field, entry.new, ctx),
  });
}

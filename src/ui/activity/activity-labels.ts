import type { ActivityRow, CustomFieldRow } from '../../storage/read-db';
import type { Member } from '../../domain/member';
import { isCalendarDate, isIsoTimestamp } from '../../domain/dates';
import { i18n, t } from '../../i18n/i18n.svelte';
import { maybeT, memberName } from '../records/format';
import { toDecimalText } from '../../domain/money';

/** The message section of each collection's own words (statuses, channels…). */
const sections: Record<string, string> = {
  customers: 'customer',
  contacts: 'contact',
  interactions: 'interaction',
  orders: 'order',
  refunds: 'refund',
  feedback: 'feedback',
  complaints: 'complaint',
  tasks: 'task',
};

/** Fields whose label is not simply `<section>.<field>`. */
const labels: Record<string, Record<string, string>> = {
  customers: {
    name: 'customer.name',
    ownerId: 'customer.owner',
    kind: 'customer.kind.label',
    notes: 'fields.notes',
    phones: 'fields.phone',
    emails: 'fields.email',
    address: 'address.title',
    verifiedAt: 'c360.history.verifiedAt',
    verifiedBy: 'c360.history.verifiedBy',
  },
  contacts: { name: 'fields.personName', notes: 'fields.notes', phones: 'fields.phone', emails: 'fields.email' },
  interactions: { occurredAt: 'interaction.date', memberId: 'interaction.member', contactId: 'interaction.contact', type: 'fields.type' },
  orders: { orderedOn: 'order.date', lines: 'refund.lines', notes: 'fields.notes' },
  refunds: { lineIds: 'refund.lines' },
  feedback: { receivedOn: 'feedback.date' },
  complaints: { title: 'complaint.subject', assigneeId: 'complaint.assignee' },
  tasks: { title: 'task.name', assigneeId: 'task.assignee', notes: 'fields.notes', done: 'task.done' },
};

/** Fields holding one of a list of choices: the message group that names each choice. */
const choices: Record<string, string> = {
  status: 'statuses',
  source: 'sources',
  kind: 'kind',
  role: 'roles',
  channel: 'channels',
  paymentMethod: 'paymentMethods',
  type: 'types',
  reason: 'reasons',
  method: 'methods',
  severity: 'severities',
  category: 'categories',
};

const memberFields = new Set(['ownerId', 'memberId', 'assigneeId', 'verifiedBy', 'doneBy']);
const REGION_CODE = /^[A-Z]{2}$/;

/** A field as people read it: "Name", "Address: City", a custom field's own label; else its key. */
export function fieldLabel(collection: string, field: string, customFields: readonly CustomFieldRow[]): string {
  if (field.startsWith('custom.')) return customFields.find((f) => f.id === field.slice(7))?.label ?? field;
  if (field.startsWith('address.')) return i18n.labelled(t('address.title'), maybeT(field) ?? field.slice(8));
  const key = labels[collection]?.[field] ?? `${sections[collection] ?? collection}.${field}`;
  return maybeT(key) ?? field;
}

function itemText(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const text = v.number ?? v.address ?? v.description ?? v.name;
    if (typeof text === 'string') return typeof v.quantity === 'number' ? t('c360.lineText', { description: text, quantity: v.quantity }) : text;
    return JSON.stringify(value);
  }
  return String(value);
}

/** An old or new value of a change, in words: a choice's name, a member's name, a date. */
/** Amounts are stored in minor units: with the workspace currency, 6000 reads 60.00 (as on the Activity page). */
const moneyFields = new Set(['unitPrice', 'amount', 'discount']);

export function valueText(collection: string, field: string, value: unknown, members: readonly Member[], currency?: string): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('sync.empty');
  const section = sections[collection] ?? collection;
  if (typeof value === 'string') {
    if (memberFields.has(field)) return memberName(members, value);
    // The country is stored as its code: "中国", "China", not "CN".
    if (field === 'address.country' && REGION_CODE.test(value)) return i18n.regionName(value);
    const group = choices[field];
    if (group) {
      const text = maybeT(`${section}.${group}.${value}`);
      if (text) return text;
    }
    if (isCalendarDate(value)) return i18n.date(value);
    if (isIsoTimestamp(value)) return i18n.date(value, 'datetime');
    return value;
  }
  if (typeof value === 'boolean') return field === 'done' ? t(value ? 'task.done' : 'task.reopen') : String(value);
  if (typeof value === 'number') return currency && moneyFields.has(field) ? toDecimalText(value, currency) : i18n.number(value);
  if (Array.isArray(value)) return value.map(itemText).join(', ');
  return itemText(value);
}

/** One line of the record history, e.g. "Name: Old → New", "Tag added: vip", "Created: Order". */
export function changeText(entry: ActivityRow, members: readonly Member[], customFields: readonly CustomFieldRow[], currency?: string): string {
  const record = maybeT(`problems.collections.${entry.collection}`) ?? entry.collection;
  if (entry.kind !== 'update' || !entry.field) return i18n.labelled(t(`activity.kinds.${entry.kind}`), record);
  const prefix = entry.collection === 'customers' ? '' : `${record} · `;
  if (entry.field === 'tags') {
    const tag = String(entry.new ?? entry.old ?? '');
    return prefix + (entry.new !== null ? t('activity.tagAdded', { tag }) : t('activity.tagRemoved', { tag }));
  }
  const field = fieldLabel(entry.collection, entry.field, customFields);
  // A status step logged before entries carried the status it left (domain/activity.ts): the new one alone.
  if (entry.field === 'status' && entry.old === null && entry.collection !== 'customers') {
    return prefix + t('c360.history.set', { field, value: valueText(entry.collection, entry.field, entry.new, members, currency) });
  }
  return (
    prefix +
    t('activity.change', {
      field,
      old: valueText(entry.collection, entry.field, entry.old, members, currency),
      new: valueText(entry.collection, entry.field, entry.new, members, currency),
    })
  );
}

import type { ListRow } from '../../../src/lists/list-row';
import { nameSortKey, textSortKey } from '../../../src/domain/sort-key';
import type { CustomerDraft, CustomerDraftContext, CustomerFields } from '../../../src/domain/customer';
import { emptyCustomerDraft } from '../../../src/domain/customer';
import type { ContactDraft, ContactFields } from '../../../src/domain/contact';
import { emptyContactDraft } from '../../../src/domain/contact';
import type { RecordMeta } from '../../../src/domain/record-meta';

export const T0 = '2026-03-01T08:00:00.000Z';
export const T1 = '2026-03-02T09:30:00.000Z';

/** The meta fields the workspace layer stamps on every record. */
export function meta(overrides: Partial<RecordMeta> = {}): RecordMeta {
  return {
    id: '01960000-0000-7000-8000-000000000001',
    createdAt: T0,
    createdBy: 'member-a',
    updatedAt: T0,
    updatedBy: 'member-a',
    deletedAt: null,
    ...overrides,
  };
}

/** A valid, fully normalised person, as stored. */
export function customerFields(overrides: Partial<CustomerFields> = {}): CustomerFields {
  return {
    kind: 'person',
    name: '王建国',
    phones: [{ label: 'mobile', number: '+8613800138000' }],
    emails: [{ label: 'personal', address: 'wang@example.com' }],
    address: { street: '人民路1号', city: '杭州', region: '浙江省', postalCode: '310000', country: 'CN' },
    source: 'referral',
    status: 'active',
    ownerId: null,
    tags: ['VIP'],
    birthday: '1980-05-17',
    foundedOn: null,
    notes: '',
    industry: '',
    size: null,
    custom: {},
    ...overrides,
  };
}

export function customerRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...meta(), ...customerFields(), ...overrides };
}

export function contactFields(overrides: Partial<ContactFields> = {}): ContactFields {
  return {
    customerId: '01960000-0000-7000-8000-0000000000c1',
    name: '李娜',
    jobTitle: '采购经理',
    department: '采购部',
    role: 'purchaser',
    phones: [{ label: 'mobile', number: '+8613900139000' }],
    emails: [],
    notes: '',
    ...overrides,
  };
}

export function contactRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...meta({ id: '01960000-0000-7000-8000-0000000000d1' }), ...contactFields(), ...overrides };
}

/** A valid person draft as a form would hold it (free text, not yet normalised). */
export function customerDraft(overrides: Partial<CustomerDraft> = {}): CustomerDraft {
  return {
    ...emptyCustomerDraft('person'),
    name: '王建国',
    phones: [{ label: 'mobile', number: '138 0013 8000' }],
    emails: [{ label: 'personal', address: 'wang@example.com' }],
    status: 'active',
    ...overrides,
  };
}

export function contactDraft(overrides: Partial<ContactDraft> = {}): ContactDraft {
  return { ...emptyContactDraft(), name: '李娜', role: 'purchaser', ...overrides };
}

export const draftContext: CustomerDraftContext = { region: 'CN', today: '2026-06-15', customFields: [] };

/** Stepping clock for deterministic createdAt/updatedAt stamps. */
export function steppingClock(start = Date.parse(T0), stepMs = 1000): () => Date {
  let t = start - stepMs;
  return () => new Date((t += stepMs));
}

/** A customer list row with plain defaults; a test sets what it looks at. */
export function listRow(fields: Partial<ListRow> & { id: string; name: string }): ListRow {
  return {
    kind: 'person',
    nameKey: nameSortKey(fields.name),
    city: '',
    cityKey: textSortKey(fields.city ?? ''),
    status: 'active',
    ownerId: null,
    tags: [],
    phone: null,
    email: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    alive: true,
    reachable: true,
    lastPurchaseAt: null,
    openComplaints: 0,
    ...fields,
  };
}

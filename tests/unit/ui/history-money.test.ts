import { describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../../../src/domain/activity';

// The words come from the UI's i18n; it sets <html lang>, absent in Node.
vi.stubGlobal('document', { documentElement: {} });
const labels = await import('../../../src/ui/activity/activity-labels');

const entry = (patch: Partial<ActivityEntry>): ActivityEntry => ({
  id: 'a1',
  at: '2026-06-15T08:00:00.000Z',
  by: 'm1',
  collection: 'refunds',
  recordId: 'r1',
  customerId: 'c1',
  kind: 'update',
  field: 'amount',
  old: 6000,
  new: 2500,
  ...patch,
});

describe('the customer History reads amounts as money', () => {
  // An edited refund read "Amount: 6,000 → 2,500": the minor units it is stored in.
  it('a refund amount and an order discount in the workspace currency', () => {
    expect(labels.changeText(entry({}), [], [], 'CNY')).toBe('Refund or return · Amount: 60.00 → 25.00');
    expect(labels.changeText(entry({ collection: 'orders', field: 'discount', old: 0, new: 550 }), [], [], 'CNY')).toBe('Order · Discount: 0.00 → 5.50');
  });

  it('other numbers stay numbers', () => {
    expect(labels.changeText(entry({ collection: 'feedback', field: 'score', old: 3, new: 5 }), [], [], 'CNY')).toMatch(/3 → 5$/);
  });
});

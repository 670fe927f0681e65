import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../../../src/domain/activity';

// The words come from the UI's i18n; it sets <html lang>, absent in Node.
vi.stubGlobal('document', { documentElement: {} });
const { i18n } = await import('../../../src/i18n/i18n.svelte');
const labels = await import('../../../src/ui/activity/activity-labels');
const text = await import('../../../src/ui/activity/activity-text');

afterEach(() => {
  i18n.locale = 'en';
});

const entry = (patch: Partial<ActivityEntry>): ActivityEntry => ({
  id: 'a1',
  at: '2026-06-15T08:00:00.000Z',
  by: 'm1',
  collection: 'customers',
  recordId: 'c1',
  customerId: 'c1',
  kind: 'update',
  field: 'name',
  old: null,
  new: null,
  ...patch,
});
const ctx = { member: () => 'Li Na', customField: () => undefined, currency: 'CNY' };
/** The customer page's History (activity-labels.ts) and the Activity page (activity-text.ts). */
const both = (e: ActivityEntry) => [labels.changeText(e, [], []), text.changeText(e, ctx)];

describe('history and activity lines', () => {
  // The issue: the country read "CN", the code it is stored as.
  it.each([
    ['en', 'Address: Country: China → Japan', 'Address · Country: China → Japan'],
    ['zh-CN', '地址：国家或地区：中国 → 日本', '地址 · 国家或地区：中国 → 日本'],
  ] as const)('a country in %s is its name in that language', (locale, history, activity) => {
    i18n.locale = locale;
    expect(both(entry({ field: 'address.country', old: 'CN', new: 'JP' }))).toEqual([history, activity]);
  });

  // The issue: "Status: — → Approved".
  it('a refund status step reads from the status it left', () => {
    expect(both(entry({ collection: 'refunds', recordId: 'r1', field: 'status', old: 'requested', new: 'approved' }))).toEqual([
      'Refund or return · Status: Requested → Approved',
      'Status: Requested → Approved',
    ]);
  });

  it('a step logged before entries carried the old status shows the new one alone, not "—"', () => {
    const lines = both(entry({ collection: 'complaints', recordId: 'k1', field: 'status', old: null, new: 'resolved' }));
    for (const line of lines) expect(line).not.toContain('—');
    expect(lines[1]).toBe('Status: Resolved');
  });

  // Issue 21: edits of a custom field's definition are logged; they read as any other change.
  it.each([
    ['en', 'Field label: Tier → Level', 'Choices: gold, silver → gold'],
    ['zh-CN', null, null],
  ] as const)('a custom field definition change reads in %s', (locale, label, options) => {
    i18n.locale = locale;
    const field = (f: string, old: unknown, next: unknown) => text.changeText(entry({ collection: 'customFields', recordId: 'f1', customerId: null, field: f, old: old as never, new: next as never }), ctx);
    const lines = [field('label', 'Tier', 'Level'), field('options', ['gold', 'silver'], ['gold'])];
    if (label) expect(lines).toEqual([label, options]);
    for (const line of lines) expect(line).not.toMatch(/^(label|options):/);
  });
});

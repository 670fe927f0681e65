import { describe, expect, it, vi } from 'vitest';
import type { TrashRow } from '../../../src/storage/trash-queries';

// trash-row.ts reads the UI's i18n; it sets <html lang>, absent in Node.
vi.stubGlobal('document', { documentElement: {} });
const { eachRecord } = await import('../../../src/ui/pages/trash-row');

const row = (type: TrashRow['type'], id: string): TrashRow => ({ type, id, deletedAt: '2026-12-08T00:00:00Z', deletedBy: 'me', trashedWith: null, customerName: null, record: {} });

describe('eachRecord (Restore selected / Delete selected forever)', () => {
  it('goes on after a failure and says which failed', async () => {
    const seen: string[] = [];
    const result = await eachRecord([row('orders', 'o1'), row('customers', 'c1'), row('customers', 'c2')], async (r) => {
      seen.push(r.id);
      if (r.id === 'c1') throw new Error('refused');
    });
    expect(result.done).toBe(2);
    expect(result.failed.map((r) => r.id)).toEqual(['c1']);
    // Customers first: what went with one may need it back first.
    expect(seen).toEqual(['c1', 'c2', 'o1']);
  });
});

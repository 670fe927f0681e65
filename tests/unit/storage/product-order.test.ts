import { afterEach, describe, expect, it } from 'vitest';
import { ProductQueries } from '../../../src/storage/product-queries';
import type { ProductRow } from '../../../src/storage/read-db';
import { StorageScope, firstValue } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

describe('products by name', () => {
  // Issue 21: products sorted by code point (Zebra before apple, 上 before 北) while names sort by pinyin.
  it('the Products page and the pickers list them as customer names sort: pinyin among Latin ones, case-insensitive', async () => {
    const db = scope.readDb(scope.workspaceId());
    const names = ['上海礼盒', 'Zebra tea', '北京烤鸭', 'apple pie', '龙井茶', 'Lemon', 'Gone'];
    await db.products.bulkPut(names.map((name, i) => ({ id: `p${i}`, name, alive: name === 'Gone' ? 0 : 1 }) as unknown as ProductRow));
    const listed = await firstValue(new ProductQueries(db).list());
    expect(listed.map((p) => p.name)).toEqual(['apple pie', '北京烤鸭', 'Lemon', '龙井茶', '上海礼盒', 'Zebra tea']);
  });
});

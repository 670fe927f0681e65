import { describe, expect, it } from 'vitest';
import { emptyProductDraft, productDraftSchema, productSchema, productToDraft, type ProductDraft, type ProductFields } from '../../../src/domain/product';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';

const fields = (overrides: Partial<ProductFields> = {}): ProductFields => ({
  name: '明前龙井 250g',
  sku: 'LJ-250',
  unitPrice: 38800,
  currency: 'CNY',
  category: '绿茶',
  active: true,
  ...overrides,
});

describe('productSchema (records read from the document)', () => {
  it('accepts a minimal product and fills the defaults', () => {
    expect(productSchema.parse({ ...meta(), name: 'Tea', unitPrice: 100, currency: 'CNY' })).toEqual({
      ...meta(),
      name: 'Tea',
      sku: '',
      unitPrice: 100,
      currency: 'CNY',
      category: '',
      active: true,
    });
  });

  it('accepts a full product unchanged and keeps unknown fields', () => {
    const record = { ...meta(), ...fields({ active: false }), barcode: '6901234567892' };
    expect(productSchema.parse(record)).toEqual(record);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no name', { name: '' }],
    ['a price in yuan with decimals', { unitPrice: 388.5 }],
    ['a negative price', { unitPrice: -1 }],
    ['no currency', { currency: undefined }],
    ['a SKU over 64 characters', { sku: 's'.repeat(65) }],
  ])('rejects a product with %s', (_, patch) => {
    expect(productSchema.safeParse({ ...meta(), ...fields(), ...patch }).success).toBe(false);
  });
});

describe('productDraftSchema', () => {
  const parse = (d: ProductDraft, otherSkus: string[] = ['GT-100']) => parseWith(productDraftSchema({ otherSkus }), d);
  const draft = (overrides: Partial<ProductDraft> = {}): ProductDraft => ({ ...emptyProductDraft('CNY'), name: '明前龙井 250g', unitPrice: '388', ...overrides });

  it('parses the price in the chosen currency', () => {
    expect(parse(draft({ sku: ' LJ-250 ', unitPrice: '¥388.00', category: ' 绿茶 ' }))).toEqual({ ok: true, value: fields() });
    expect(parse(draft({ currency: 'jpy', unitPrice: '5,000' }))).toMatchObject({ ok: true, value: { currency: 'JPY', unitPrice: 5000 } });
  });

  it.each<[string, Partial<ProductDraft>, string, string]>([
    ['no name', { name: '' }, 'name', ErrorCode.required],
    ['no price', { unitPrice: '' }, 'unitPrice', ErrorCode.required],
    ['a price that is not money', { unitPrice: 'ask' }, 'unitPrice', ErrorCode.amountInvalid],
    ['fractions of a fen', { unitPrice: '1.001' }, 'unitPrice', ErrorCode.amountDecimals],
    ['an unknown currency', { currency: 'XXY' }, 'currency', ErrorCode.currencyInvalid],
    ['a SKU another product has (any case)', { sku: 'gt-100' }, 'sku', ErrorCode.skuTaken],
    ['a category over 100 characters', { category: 'c'.repeat(101) }, 'category', ErrorCode.tooLong],
  ])('rejects %s', (_, patch, field, code) => {
    expect(parse(draft(patch))).toEqual({ ok: false, errors: { [field]: code } });
  });

  it('many products may have no SKU', () => {
    expect(parse(draft({ sku: '' }), ['', ' ']).ok).toBe(true);
  });

  it('a stored product round-trips through the form unchanged', () => {
    expect(parse(productToDraft(fields({ unitPrice: 5, active: false })), ['LJ-500'])).toEqual({ ok: true, value: fields({ unitPrice: 5, active: false }) });
  });
});

import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { recordMetaShape, type RecordMeta } from './record-meta';
import { amountSchema, currencyCodeSchema, isCurrencyCode, parseMoney, toDecimalText } from './money';

const name = z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.name, ErrorCode.tooLong));
const sku = z.string().transform(cleanText).pipe(z.string().max(TEXT_LIMITS.sku, ErrorCode.tooLong));
const category = z.string().transform(cleanText).pipe(z.string().max(TEXT_LIMITS.shortText, ErrorCode.tooLong));

export interface ProductFields {
  name: string;
  /** Optional: small shops often have none. When given, unique in the workspace (case-insensitive). */
  sku: string;
  unitPrice: number;
  currency: string;
  category: string;
  /** Inactive products stay on past orders but are no longer offered for new ones. */
  active: boolean;
}
export type Product = ProductFields & RecordMeta;

export const productSchema = z.looseObject({
  ...recordMetaShape,
  name,
  sku: sku.default(''),
  unitPrice: amountSchema,
  currency: currencyCodeSchema,
  category: category.default(''),
  active: z.boolean().catch(true).default(true),
});

export interface ProductDraft {
  name: string;
  sku: string;
  unitPrice: string;
  currency: string;
  category: string;
  active: boolean;
}

export interface ProductDraftContext {
  /** SKUs of the other products (not the one being edited). */
  otherSkus: readonly string[];
}

export function productDraftSchema(ctx: ProductDraftContext) {
  const taken = new Set(ctx.otherSkus.map((s) => cleanText(s).toLocaleLowerCase()).filter(Boolean));
  return z
    .object({
      name,
      sku: sku.refine((s) => !taken.has(s.toLocaleLowerCase()), ErrorCode.skuTaken),
      unitPrice: z.string(),
      currency: z.string().transform((s) => s.trim().toUpperCase()),
      category,
      active: z.boolean(),
    })
    .superRefine((draft, zctx) => {
      if (typeof draft.currency !== 'string' || !isCurrencyCode(draft.currency)) {
        zctx.addIssue({ code: 'custom', message: ErrorCode.currencyInvalid, path: ['currency'] });
        return;
      }
      if (typeof draft.unitPrice !== 'string') return;
      const price = parseMoney(draft.unitPrice, draft.currency);
      if ('error' in price) zctx.addIssue({ code: 'custom', message: price.error, path: ['unitPrice'] });
    })
    .transform((draft): ProductFields => {
      const price = parseMoney(draft.unitPrice, draft.currency);
      return { ...draft, unitPrice: 'value' in price ? price.value : 0 };
    });
}

export function emptyProductDraft(currency: string): ProductDraft {
  return { name: '', sku: '', unitPrice: '', currency, category: '', active: true };
}

export function productToDraft(p: ProductFields): ProductDraft {
  return { name: p.name, sku: p.sku, unitPrice: toDecimalText(p.unitPrice, p.currency), currency: p.currency, category: p.category, active: p.active };
}

import { parseWith, type ParseResult } from '../domain/field-errors';
import { productDraftSchema, type ProductDraft } from '../domain/product';
import { parsedBase, removable, saveEdit, type CommandContext } from './command-context';
import { insertRecord, readRecordsWhere } from './record-commands';

/** The product catalogue that order lines pick from. */
export class ProductCommands {
  readonly remove;
  readonly restore;

  constructor(private readonly ctx: CommandContext) {
    ({ remove: this.remove, restore: this.restore } = removable(ctx, 'products'));
  }

  /** Adds a product, or with `id` edits it; a SKU is unique among the live products. */
  async save(draft: ProductDraft, id?: string, original?: ProductDraft): Promise<ParseResult<string>> {
    const { ws } = this.ctx;
    const otherSkus = readRecordsWhere(ws, 'products', (p) => p.id !== id && !p.deletedAt).map((p) => String(p.sku ?? ''));
    const parsed = parseWith(productDraftSchema({ otherSkus }), draft);
    if (!parsed.ok) return parsed;
    if (id) return saveEdit(this.ctx, 'products', id, parsed.value, parsedBase(productDraftSchema({ otherSkus: [] }), original));
    return { ok: true, value: await this.ctx.commit(() => insertRecord(ws, 'products', parsed.value)) };
  }
}

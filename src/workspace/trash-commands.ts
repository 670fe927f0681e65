import type { LinkedType } from '../domain/record-links';
import type { CommandContext } from './command-context';
import type { CollectionName } from './layout';
import { restoreTrashed, trashCounts, trashRecord } from './record-trash';
import { linkIndexOf } from './link-index';

/** Trash across record types: what a delete takes with it, and restore from the Trash page. */
export class TrashCommands {
  constructor(private readonly ctx: CommandContext) {
    // Who names whom is read once the document is in, a slice at a time, so that a delete reads
    // a customer's orders by its id instead of a pass over every order (link-index.ts).
    void ctx
      .loaded()
      .then(() => linkIndexOf(ctx.ws.doc).warm())
      .catch(() => {});
  }

  /** What a remove would take to Trash with the record, by type ({} for nothing): the confirmation names it. */
  async goesWith(name: CollectionName, id: string): Promise<Partial<Record<LinkedType, number>>> {
    await this.ctx.loaded();
    return trashCounts(this.ctx.ws, name, id);
  }

  remove(name: CollectionName, id: string): Promise<void> {
    return this.ctx.commit(() => trashRecord(this.ctx.ws, name, id));
  }

  restore(name: CollectionName, id: string): Promise<void> {
    return this.ctx.commit(() => restoreTrashed(this.ctx.ws, name, id));
  }
}

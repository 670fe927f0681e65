import type { LinkedType } from '../domain/record-links';
import type { CommandContext } from './command-context';
import type { CollectionName } from './layout';
import { restoreTrashed, trashCounts, trashRecord } from './record-trash';

/** Trash across record types: what a delete takes with it, and restore from the Trash page. */
export class TrashCommands {
  constructor(private readonly ctx: CommandContext) {}

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

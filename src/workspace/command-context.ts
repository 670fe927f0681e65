import type { z } from 'zod';
import { parseWith, type ParseResult } from '../domain/field-errors';
import { todayCalendarDate } from '../domain/dates';
import type { CollectionName } from './layout';
import { readRecordById } from './record-commands';
import { restoreTrashed, trashRecord } from './record-trash';
import type { Workspace } from './workspace';

/** How a session commits: validated commands become one transaction, durable when this resolves. */
export type Commit = <T>(command: () => T) => Promise<T>;

/** The save of an edit form (the app's FormSaves): merges what the person changed since `base` into the record as it is now. */
export interface EditSaver {
  save(name: CollectionName, id: string, base: object | null, edited: object, shownOn?: string): Promise<string[]>;
}

/** What every entity's commands are given by the session that composes them. */
export interface CommandContext {
  readonly ws: Workspace;
  readonly commit: Commit;
  readonly forms: EditSaver;
  /** Resolves once the document is loaded: commands that read it before writing wait for it. */
  readonly loaded: () => Promise<unknown>;
  readonly clock: () => Date;
  /** Runs `run` over `ids` a thousand at a time with pauses between, durable when this resolves. */
  readonly inBatches: (ids: string[], run: (batch: string[]) => void) => Promise<void>;
}

export const formError = (code: string): { ok: false; errors: Record<string, string> } => ({ ok: false, errors: { '': code } });

export const todayOf = (ctx: CommandContext) => todayCalendarDate(ctx.clock());

/** A live (not deleted) record of the collection, or undefined. */
export function liveRecord(ctx: CommandContext, name: CollectionName, id: string) {
  const record = readRecordById(ctx.ws, name, id);
  return record && !record.deletedAt ? record : undefined;
}

/** The form's draft as it opened, parsed like the save; null when it is not given or no longer parses. */
export function parsedBase<S extends z.ZodType>(schema: S, original: unknown): z.output<S> | null {
  if (original === undefined) return null;
  const parsed = parseWith(schema, original);
  return parsed.ok ? parsed.value : null;
}

/**
 * Saves an edit form: what the person changed since `base` (the form's fields as it opened,
 * null if they no longer parse) merges into the record as it is now; what changed meanwhile
 * is noted on the customer's page.
 */
export async function saveEdit(ctx: CommandContext, name: CollectionName, id: string, fields: object, base: object | null): Promise<ParseResult<string>> {
  const customerId = readRecordById(ctx.ws, name, id)?.customerId;
  await ctx.forms.save(name, id, base, fields, typeof customerId === 'string' ? customerId : id);
  return { ok: true, value: id };
}

/** Moving a record to Trash and back: what every entity's commands offer. */
export interface Removable {
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
}

/**
 * The Trash pair of one collection: `restore` undoes `remove`, with every field the record had,
 * and with the records that went to Trash with it (domain/record-links.ts decides which).
 */
export function removable(ctx: CommandContext, name: CollectionName): Removable {
  return {
    remove: (id) => ctx.commit(() => trashRecord(ctx.ws, name, id)),
    restore: (id) => ctx.commit(() => restoreTrashed(ctx.ws, name, id)),
  };
}

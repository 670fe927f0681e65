import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { recordMetaShape, type RecordMeta } from './record-meta';

/** A named list: its filter and order as URL parameters (list-filter.ts), and the columns shown. */
export interface SavedViewFields {
  name: string;
  query: string;
  columns: string[];
}
export type SavedView = SavedViewFields & RecordMeta;

const name = z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.label, ErrorCode.tooLong));
const fields = {
  name,
  query: z.string().max(TEXT_LIMITS.query, ErrorCode.tooLong),
  columns: z.array(z.string().max(40)).max(20),
};

export const savedViewFieldsSchema = z.object(fields);

/** Shared views live in the workspace document; unknown fields from newer versions are kept. */
export const savedViewSchema = z.looseObject({ ...recordMetaShape, ...fields, query: fields.query.default(''), columns: fields.columns.default([]) });

/** Personal views stay on this device: no record metadata, just an id. */
export const personalViewSchema = z.object({ id: z.string().min(1).max(64), ...fields });
export type PersonalView = z.infer<typeof personalViewSchema>;

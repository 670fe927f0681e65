import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { recordMetaShape, type RecordMeta } from './record-meta';

export const displayNameSchema = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.label, ErrorCode.tooLong));

/** A member is one device of a teammate; its id is stamped on every record it creates or edits. */
export const memberSchema = z.looseObject({ ...recordMetaShape, name: displayNameSchema });
export type Member = RecordMeta & { name: string };

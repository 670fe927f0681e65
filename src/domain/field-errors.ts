import type { z } from 'zod';
import { ErrorCode } from './error-codes';

/** Field path ("phones.1.number") -> message key; the first problem of each field wins. */
export type FieldErrors = Record<string, string>;

const knownCodes = new Set<string>(Object.values(ErrorCode));

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    // Built-in zod messages are English sentences; people get our translated keys instead.
    errors[path] ??= knownCodes.has(issue.message) ? issue.message : fallbackCode(issue);
  }
  return errors;
}

function fallbackCode(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return ErrorCode.choiceInvalid;
  if (issue.code === 'too_big') return ErrorCode.tooLong;
  return ErrorCode.invalid;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: toFieldErrors(result.error) };
}

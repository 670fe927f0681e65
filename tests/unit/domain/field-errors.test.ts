import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith, toFieldErrors } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

describe('toFieldErrors', () => {
  const schema = z.object({
    name: z.string().min(1, ErrorCode.required),
    kind: z.enum(['a', 'b']),
    short: z.string().max(2),
    count: z.number(),
    list: z.array(z.object({ value: z.string().min(1, ErrorCode.required).max(3, ErrorCode.tooLong) })),
  });

  it('keys errors by dotted path and maps zod built-in messages to our keys', () => {
    const result = schema.safeParse({ name: '', kind: 'c', short: 'abc', count: 'x', list: [{ value: 'ok' }, { value: '' }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toFieldErrors(result.error)).toEqual({
      name: ErrorCode.required,
      kind: ErrorCode.choiceInvalid,
      short: ErrorCode.tooLong,
      count: ErrorCode.invalid,
      'list.1.value': ErrorCode.required,
    });
  });

  it('keeps the first problem of a field', () => {
    const twice = z.string().superRefine((_, ctx) => {
      ctx.addIssue({ code: 'custom', message: ErrorCode.tooLong });
      ctx.addIssue({ code: 'custom', message: ErrorCode.required });
    });
    const result = parseWith(z.object({ f: twice }), { f: 'x' });
    expect(result).toEqual({ ok: false, errors: { f: ErrorCode.tooLong } });
  });

  it('passes a valid value through', () => {
    expect(parseWith(z.string().trim(), ' x ')).toEqual({ ok: true, value: 'x' });
  });
});

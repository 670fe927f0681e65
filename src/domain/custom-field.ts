import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';
import { isCalendarDate } from './dates';
import { recordMetaShape, type RecordMeta } from './record-meta';

export const customFieldTypes = ['text', 'number', 'date', 'choice'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];
export type CustomValue = string | number | null;

export const customFieldDefShape = {
  label: z.string().transform(cleanText).pipe(z.string().min(1, ErrorCode.required).max(TEXT_LIMITS.label, ErrorCode.tooLong)),
  type: z.enum(customFieldTypes, { error: ErrorCode.choiceInvalid }),
  options: z.array(z.string().transform(cleanText).pipe(z.string().min(1).max(TEXT_LIMITS.label))).max(50).default([]),
};

export const customFieldDefFieldsSchema = z.object(customFieldDefShape).superRefine((def, ctx) => {
  if (def.type === 'choice' && def.options.length === 0) {
    ctx.addIssue({ code: 'custom', message: ErrorCode.required, path: ['options'] });
  }
});
export type CustomFieldDefFields = z.output<typeof customFieldDefFieldsSchema>;

export const customFieldDefSchema = z.looseObject({ ...recordMetaShape, ...customFieldDefShape });
export type CustomFieldDef = CustomFieldDefFields & RecordMeta;

/**
 * What a form gives: text for every type; an empty string means "no value". `held` is the value
 * the record holds already: a choice since taken out of the field stays valid for the record that
 * has it (saved unchanged, it is kept); only a new value must be one of the current choices.
 */
export function parseCustomValue(def: CustomFieldDefFields, raw: string, held: CustomValue = null): { value: CustomValue } | { error: string } {
  const text = raw.trim();
  if (!text) return { value: null };
  switch (def.type) {
    case 'text':
      return text.length > 500 ? { error: ErrorCode.tooLong } : { value: text };
    case 'number': {
      const n = Number(text.replace(/[,\s]/g, ''));
      return Number.isFinite(n) ? { value: n } : { error: ErrorCode.numberInvalid };
    }
    case 'date':
      return isCalendarDate(text) ? { value: text } : { error: ErrorCode.dateInvalid };
    case 'choice':
      return def.options.includes(text) || text === held ? { value: text } : { error: ErrorCode.choiceInvalid };
  }
}

/** A choice the record holds that the field no longer offers (shown, marked, and kept if untouched). */
export function isRemovedChoice(def: Pick<CustomFieldDefFields, 'type' | 'options'>, value: string): boolean {
  return def.type === 'choice' && value !== '' && !def.options.includes(value);
}

export const customValueSchema = z.union([z.string().max(TEXT_LIMITS.customValue), z.number().finite(), z.null()]);

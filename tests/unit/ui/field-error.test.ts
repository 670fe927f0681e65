import { describe, expect, it } from 'vitest';
import { errorAria } from '../../../src/ui/components/field-error';

describe('errorAria', () => {
  it('marks a field with a message invalid and points it at the FieldError of the same id', () => {
    expect(errorAria('cf-name', 'errors.required')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'cf-name-error' });
  });

  it('clears both attributes once the message is gone, so a fixed field is not read as invalid', () => {
    expect(errorAria('cf-name', undefined)).toEqual({ 'aria-invalid': undefined, 'aria-describedby': undefined });
    expect(errorAria('cf-name', '')).toEqual({ 'aria-invalid': undefined, 'aria-describedby': undefined });
  });
});

/**
 * Ties a field to the message `<FieldError id="{id}-error">` shows under it: the field is marked
 * invalid (FormSubmit moves focus to the first such field) and a screen reader reads the message
 * with it. Spread onto the input: `<input id="x" {...errorAria('x', errors.x)} />`.
 */
export function errorAria(id: string, error: string | undefined): { 'aria-invalid': 'true' | undefined; 'aria-describedby': string | undefined } {
  return { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
}

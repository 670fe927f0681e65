import { tick } from 'svelte';
import type { ParseResult } from '../../domain/field-errors';
import { handleError } from '../state/handle-error';

/**
 * The submit cycle the record forms share (customer 360, products, tasks): run the session
 * command; when it refuses, keep the draft as typed, show each message next to its field and move
 * focus to the first one.
 */
export class FormSubmit {
  errors = $state<Record<string, string>>({});
  saving = $state(false);

  async run(form: HTMLElement | undefined, command: () => Promise<ParseResult<unknown>>): Promise<boolean> {
    if (this.saving) return false;
    this.saving = true;
    try {
      const result = await command();
      this.errors = result.ok ? {} : result.errors;
      if (!result.ok) {
        await tick();
        form?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
      }
      return result.ok;
    } catch (error) {
      handleError(error, 'errors.saveFailed');
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** Messages of paths no field shows (the whole form, a list): one alert at the top. */
  formLevel(shown: (path: string) => boolean): string | undefined {
    return Object.entries(this.errors).find(([path]) => !shown(path))?.[1];
  }
}

import type { ParseResult } from '../../domain/field-errors';
import { t } from '../../i18n/i18n.svelte';
import { toasts } from '../state/toasts.svelte';

/** A status step that was refused (someone changed it meanwhile, on another device): say why. */
export function reportRefusal(result: ParseResult<unknown>): boolean {
  if (result.ok) return true;
  toasts.show(t(Object.values(result.errors)[0] ?? 'errors.invalid'), { tone: 'error', ms: 8000 });
  return false;
}

import { ReadOnlyError, SaveFailedError } from '../../storage/errors';
import { NewerFormatError } from '../../domain/record-versions';
import { LinkRefusedError } from '../../domain/record-links';
import { t } from '../../i18n/i18n.svelte';
import { toasts } from './toasts.svelte';

/** The one funnel for unexpected errors at the UI edge: log for developers, translate for people. */
export function handleError(error: unknown, messageKey: string): void {
  // A refusal while storage is full, not a failure: nothing was changed, and the banner says why.
  if (error instanceof ReadOnlyError) {
    toasts.show(t(error.reason === 'newer-format' ? 'errors.readOnlyNewer' : 'errors.readOnly'), { tone: 'error', ms: 10_000 });
    return;
  }
  // Records a newer version of Kehu wrote: refused before anything changed, and the banner says why.
  if (error instanceof NewerFormatError) {
    const type = error.recordType === 'settings.crm' ? 'settings' : error.recordType;
    toasts.show(t('errors.newerFormat', { type: t(`problems.collections.${type}`) }), { tone: 'error', ms: 10_000 });
    return;
  }
  // A delete or restore that the links between records refuse (domain/record-links.ts): nothing changed.
  if (error instanceof LinkRefusedError) {
    toasts.show(linkRefusal(error), { tone: 'error', ms: 10_000 });
    return;
  }
  console.error(error);
  const detail = error instanceof SaveFailedError ? t(error.reason === 'quota' ? 'errors.storageFull' : 'errors.saveFailed') : '';
  toasts.show(detail ? `${t(messageKey)} ${detail}` : t(messageKey), { tone: 'error', ms: 10_000 });
}

function linkRefusal(error: LinkRefusedError): string {
  if (error.code === 'linked') {
    if (error.recordType === 'products') return t('trash.refused.productOnOrders', { count: error.count });
    return t('trash.refused.linked', { thing: t(`trash.things.${error.recordType}`), count: error.count });
  }
  return t(`trash.refused.${error.code}`, { parent: t(`trash.things.${error.linkedType}`) });
}

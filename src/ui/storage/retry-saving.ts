import type { WorkspaceSession } from '../../app/session';
import { t } from '../../i18n/i18n.svelte';
import { toasts } from '../state/toasts.svelte';

/** Writes again what failed once space may have been freed; says whether it all went in. */
export async function retrySaving(session: WorkspaceSession): Promise<void> {
  try {
    await session.retryWrites();
    toasts.show(t('storage.retried'));
  } catch (error) {
    console.warn('still cannot save', error);
    toasts.show(t('storage.stillFull'), { tone: 'error', ms: 10_000 });
  }
}

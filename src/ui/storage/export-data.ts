import type { WorkspaceSession } from '../../app/session';
import { t } from '../../i18n/i18n.svelte';
import { download } from '../state/download';
import { handleError } from '../state/handle-error';
import { toasts } from '../state/toasts.svelte';

/** Downloads everything this device holds of the workspace (session.exportData); reads only, so it works while storage is full. */
export async function exportWorkspaceData(session: WorkspaceSession): Promise<void> {
  try {
    const { blob, kind } = await session.exportData();
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const name = safeSettingsName(session) || 'kehu';
    download(blob, kind === 'changes' ? `${name}-${stamp}.kehu` : `kehu-raw-log-${session.id}.json`);
    toasts.show(t('storage.exported'));
  } catch (error) {
    handleError(error, 'storage.exportFailed');
  }
}

function safeSettingsName(session: WorkspaceSession): string {
  try {
    return session.settings().name.replace(/[\\/:*?"<>|]+/g, '_');
  } catch {
    return '';
  }
}

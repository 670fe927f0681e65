import type { WorkspaceSession } from '../../app/session';
import { t } from '../../i18n/i18n.svelte';
import { download } from '../state/download';
import { handleError } from '../state/handle-error';
import { toasts } from '../state/toasts.svelte';
import { appState } from '../state/app-state.svelte';
import { changeFileName, workspaceLabel } from '../state/export-file-name';

/** Downloads everything this device holds of the workspace (session.exportData); reads only, so it works while storage is full. */
export async function exportWorkspaceData(session: WorkspaceSession): Promise<void> {
  try {
    const { blob, kind } = await session.exportData();
    const name = workspaceLabel(settingsName(session), appState.workspaces, session.id, t('workspace.defaultName'));
    download(blob, kind === 'changes' ? changeFileName(name, new Date()) : `kehu-raw-log-${session.id}.json`);
    toasts.show(t('storage.exported'));
  } catch (error) {
    handleError(error, 'storage.exportFailed');
  }
}

/** Empty while the document is not loaded (or cannot be read: this export works then too). */
function settingsName(session: WorkspaceSession): string {
  try {
    return session.settings.current().name;
  } catch {
    return '';
  }
}

import { chosenWorkspaceName } from '../../domain/workspace-settings';

/**
 * The workspace name that files and links carry: its own setting once the document has loaded,
 * else the name this device lists it under, else the translated default (also when no name was
 * chosen). Before the settings loaded, an export was named "-2026-12-07-20-19.kehu".
 */
export function workspaceLabel(settingsName: string | null | undefined, listed: readonly { id: string; name: string }[], id: string, fallback: string): string {
  return [settingsName, listed.find((w) => w.id === id)?.name].map(chosenWorkspaceName).find((name) => name !== '') ?? fallback;
}

/** `<name>-YYYY-MM-DD-HH-MM.kehu` (UTC); characters a file system refuses become "_". */
export function changeFileName(label: string, at: Date): string {
  // eslint-disable-next-line no-control-regex -- control characters are refused by file systems too
  const safe = label.replace(/[\u0000-\u001f\\/:*?"<>|]+/g, '_');
  const stamp = at.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `${safe}-${stamp}.kehu`;
}

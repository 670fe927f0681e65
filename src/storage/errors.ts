/** Typed storage failures; the UI turns each into a translated message at one place. */
export class SaveFailedError extends Error {
  override name = 'SaveFailedError';
  constructor(readonly reason: 'quota' | 'unknown', options?: { cause?: unknown }) {
    super(reason === 'quota' ? 'Storage is full: the change is kept in memory but not saved' : 'The change could not be saved', options);
  }
}

export class WorkspaceOpenError extends Error {
  override name = 'WorkspaceOpenError';
  constructor(
    readonly workspaceId: string,
    readonly unreadable: { kind: 'snapshot' | 'update'; key: number }[],
    options?: { cause?: unknown },
  ) {
    super(`Workspace ${workspaceId} has ${unreadable.length} unreadable stored part(s)`, options);
  }
}

/**
 * A command refused while the workspace is read-only: nothing was changed (see
 * StorageHealth.readOnlyReason). `quota`: storage is full; `newer-format`: a newer version of
 * Kehu saved the workspace.
 */
export class ReadOnlyError extends Error {
  override name = 'ReadOnlyError';
  constructor(readonly reason: 'quota' | 'newer-format' = 'quota') {
    super(reason === 'quota' ? 'Storage is full: the workspace is read-only until space is freed' : 'A newer version of Kehu saved this workspace: it is read-only until the app is updated');
  }
}

/**
 * Dexie wraps the browser's error (an AbortError whose `inner` is the QuotaExceededError), and
 * an error posted from a worker arrives as its message only ("QuotaExceededError ...").
 */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown; inner?: { name?: unknown } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError' || (typeof e?.message === 'string' && e.message.includes('QuotaExceededError'));
}

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

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

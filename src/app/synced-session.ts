import type { WorkspaceSettings } from '../domain/workspace-settings';
import type { WorkspaceStore } from '../storage/workspace-store';
import type { Workspace } from '../workspace/workspace';
import type { ConnectionSettingsCommands } from '../workspace/connection-settings-commands';

/**
 * What the sync service needs of the open workspace. The session holds its sync service, so the
 * service names this view instead of the session class: no import cycle between the two.
 */
export interface SyncedSession {
  readonly id: string;
  readonly workspace: Workspace;
  readonly store: WorkspaceStore;
  readonly settings: { current(): WorkspaceSettings };
  readonly connections: ConnectionSettingsCommands;
  applyRemoteUpdate(update: Uint8Array, origin: unknown): Promise<unknown>;
}

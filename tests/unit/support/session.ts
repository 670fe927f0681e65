import { WorkspaceSession } from '../../../src/app/session';
import { initialiseWorkspace } from '../../../src/workspace/settings-commands';
import { Workspace } from '../../../src/workspace/workspace';
import type { StorageScope } from './storage';

/** A workspace named Shop (region CN), set up and saved, and member-a's session on it. */
export async function openShopSession(scope: StorageScope) {
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  await store.ready;
  initialiseWorkspace(new Workspace(wsId, store.doc, 'member-a'), { name: 'Shop', defaultRegion: 'CN' });
  await store.log.flushed();
  await store.projection.idle();
  return { wsId, store, session: new WorkspaceSession(wsId, store, 'member-a') };
}

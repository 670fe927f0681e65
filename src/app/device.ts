import { newId, shortId } from '../domain/ids';
import { DeviceDb, type WorkspaceEntry } from '../storage/device-db';

export interface Identity {
  memberId: string;
  displayName: string;
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** This device: who it is, which workspaces it holds, and its local preferences. */
export class Device {
  constructor(readonly db: DeviceDb = new DeviceDb()) {}

  async pref<T>(key: string, fallback: T): Promise<T> {
    const row = await this.db.prefs.get(key);
    return row === undefined ? fallback : (row.value as T);
  }

  async setPref(key: string, value: unknown): Promise<void> {
    await this.db.prefs.put({ key, value });
  }

  /** Created on first use without asking anything: a new user starts working at once. */
  async identity(defaultNamePrefix: string): Promise<Identity> {
    let memberId = await this.pref<string | null>('memberId', null);
    let displayName = await this.pref<string | null>('displayName', null);
    if (!memberId) {
      memberId = newId();
      await this.setPref('memberId', memberId);
    }
    if (!displayName) {
      displayName = `${defaultNamePrefix} ${shortId(memberId)}`;
      await this.setPref('displayName', displayName);
    }
    return { memberId, displayName };
  }

  async workspaces(): Promise<WorkspaceEntry[]> {
    return (await this.db.workspaces.toArray()).sort((a, b) => b.lastOpenedAt.localeCompare(a.lastOpenedAt));
  }

  async workspace(id: string): Promise<WorkspaceEntry | undefined> {
    return this.db.workspaces.get(id);
  }

  async addWorkspace(name: string): Promise<WorkspaceEntry> {
    const now = new Date().toISOString();
    const entry: WorkspaceEntry = { id: newId(), secret: randomSecret(), name, createdAt: now, lastOpenedAt: now };
    await this.db.workspaces.add(entry);
    return entry;
  }

  async addJoinedWorkspace(invite: { workspaceId: string; secret: string; name: string }): Promise<WorkspaceEntry> {
    const now = new Date().toISOString();
    const entry: WorkspaceEntry = { id: invite.workspaceId, secret: invite.secret, name: invite.name || invite.workspaceId.slice(0, 8), createdAt: now, lastOpenedAt: now };
    await this.db.workspaces.put(entry);
    return entry;
  }

  /** `name` '' is kept too: it means no name was chosen (the default follows the language). */
  async touchWorkspace(id: string, name?: string): Promise<void> {
    await this.db.workspaces.update(id, { lastOpenedAt: new Date().toISOString(), ...(name !== undefined ? { name } : {}) });
  }

  async removeWorkspace(id: string): Promise<void> {
    await this.db.workspaces.delete(id);
  }
}

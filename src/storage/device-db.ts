import Dexie, { type Table } from 'dexie';

export interface WorkspaceEntry {
  id: string;
  /** Shared with teammates through invite links (sync); never sent to a server. */
  secret: string;
  name: string;
  createdAt: string;
  lastOpenedAt: string;
}

export interface PrefRow {
  key: string;
  value: unknown;
}

/** Local-only data of this device: which workspaces it holds, who it is, its preferences. */
export class DeviceDb extends Dexie {
  workspaces!: Table<WorkspaceEntry, string>;
  prefs!: Table<PrefRow, string>;

  constructor(name = 'kehu-device') {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ workspaces: 'id, lastOpenedAt', prefs: 'key' });
  }
}

import type { ParseResult } from '../domain/field-errors';
import { CONNECTIONS_KEY, parseConnectionDraft, readConnectionSettings, type ConnectionSettings } from '../domain/connection-settings';
import { settingsMap } from './layout';
import { readSettings } from './record-entry';
import type { CommandContext } from './command-context';

/** The team's relays and STUN/TURN servers (`settings.connections`), synced like the other settings. */
export class ConnectionSettingsCommands {
  constructor(private readonly ctx: CommandContext) {}

  /** Whether the team has saved any: a device that just joined has none until a teammate's arrive. */
  has(): boolean {
    return settingsMap(this.ctx.ws.doc).has(CONNECTIONS_KEY);
  }

  /** What a peer wrote is untrusted: each valid entry is kept, the rest left out (the projection reports them). */
  current(): ConnectionSettings {
    const { values } = readSettings(settingsMap(this.ctx.ws.doc));
    return values[CONNECTIONS_KEY] === undefined ? { relays: [], iceServers: [] } : readConnectionSettings(values[CONNECTIONS_KEY]).settings;
  }

  async update(draft: unknown): Promise<ParseResult<ConnectionSettings>> {
    await this.ctx.loaded();
    const parsed = parseConnectionDraft(draft);
    if (!parsed.ok) return parsed;
    await this.ctx.commit(() => this.ctx.ws.transact(() => settingsMap(this.ctx.ws.doc).set(CONNECTIONS_KEY, parsed.value)));
    return parsed;
  }

  /** Calls `listener` after each transaction (local or a peer's) that changed the team's connection settings. */
  watch(listener: () => void): () => void {
    const map = settingsMap(this.ctx.ws.doc);
    const observer = (event: { keysChanged: Set<string> }) => {
      if (event.keysChanged.has(CONNECTIONS_KEY)) listener();
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  }
}

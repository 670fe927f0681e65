import { z } from 'zod';
import type { FieldErrors, ParseResult } from './field-errors';

/**
 * The team's connection settings: the signalling relays that introduce devices to each other,
 * and the STUN/TURN servers WebRTC uses to cross NAT. They live in the workspace (`settings`
 * key `connections`) and in invite links, so a teammate on another network connects with no
 * setup. Both arrive from peers and links, so every reader goes through readConnectionSettings.
 */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface ConnectionSettings {
  relays: string[];
  iceServers: IceServer[];
}

/** Their key in the workspace's `settings` map: one object, replaced whole at each save (docs/workspace-format.md). */
export const CONNECTIONS_KEY = 'connections';

export const EMPTY_CONNECTIONS: ConnectionSettings = { relays: [], iceServers: [] };

/** Bounds: a few relays and servers are plenty; the link has to fit in a chat message. */
export const CONNECTION_LIMITS = { relays: 8, iceServers: 8, urlsPerServer: 4, url: 300, username: 256, credential: 256 } as const;

/** Message keys (src/i18n/messages: connections.errors). */
export const ConnectionProblem = {
  relayUrl: 'connections.errors.relayUrl',
  iceUrl: 'connections.errors.iceUrl',
  turnCredentials: 'connections.errors.turnCredentials',
  tooMany: 'connections.errors.tooMany',
  tooLong: 'connections.errors.tooLong',
  invalid: 'connections.errors.invalid',
} as const;

const knownProblems = new Set<string>(Object.values(ConnectionProblem));

/** The public STUN server the Connections screen offers in one click (its privacy trade-off is stated there). */
export const PUBLIC_STUN_SERVER = 'stun:stun.cloudflare.com:3478';

export function relayUrlValid(url: string): boolean {
  if (/\s/.test(url) || url.length > CONNECTION_LIMITS.url) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * RFC 7064 / 7065: `stun:host[:port]`, `turn:` / `turns:host[:port][?transport=udp|tcp]`. Checked
 * strictly: Chromium throws on a malformed one when the peer connection is made, which would
 * stop sync for the whole team.
 */
const ICE_URL = /^(stun|turns?):(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?(\?transport=(?:udp|tcp))?$/i;

export function iceUrlValid(url: string): boolean {
  const m = url.length <= CONNECTION_LIMITS.url ? ICE_URL.exec(url) : null;
  if (!m) return false;
  if (m[4] && m[1]!.toLowerCase() === 'stun') return false;
  return m[3] === undefined || (Number(m[3]) >= 1 && Number(m[3]) <= 65535);
}

const isTurn = (url: string) => /^turns?:/i.test(url);

const relaySchema = z
  .string({ error: ConnectionProblem.relayUrl })
  .max(CONNECTION_LIMITS.url, ConnectionProblem.tooLong)
  .transform((s) => s.trim())
  .refine(relayUrlValid, ConnectionProblem.relayUrl);

const iceUrlSchema = z
  .string({ error: ConnectionProblem.iceUrl })
  .max(CONNECTION_LIMITS.url, ConnectionProblem.tooLong)
  .transform((s) => s.trim())
  .refine(iceUrlValid, ConnectionProblem.iceUrl);

const optionalText = (max: number) =>
  z
    .string({ error: ConnectionProblem.invalid })
    .max(max, ConnectionProblem.tooLong)
    .optional()
    .transform((s) => (s === undefined || s === '' ? undefined : s));

/** One STUN/TURN server; RTCIceServer allows one URL or a list, stored as a list. */
export const iceServerSchema = z
  .object({
    urls: z.union(
      [iceUrlSchema.transform((u) => [u]), z.array(iceUrlSchema).min(1, ConnectionProblem.iceUrl).max(CONNECTION_LIMITS.urlsPerServer, ConnectionProblem.tooMany)],
      { error: ConnectionProblem.iceUrl },
    ),
    username: optionalText(CONNECTION_LIMITS.username),
    credential: optionalText(CONNECTION_LIMITS.credential),
  })
  .transform(
    (s): IceServer => ({
      urls: s.urls,
      ...(s.username !== undefined ? { username: s.username } : {}),
      ...(s.credential !== undefined ? { credential: s.credential } : {}),
    }),
  )
  // A TURN server without both is refused by the browser (InvalidAccessError) for every connection.
  .refine((s) => !s.urls.some(isTurn) || (s.username !== undefined && s.credential !== undefined), { message: ConnectionProblem.turnCredentials, path: ['credential'] });

/** The form's and a command's input: every entry valid, or refused with its field errors. */
export const connectionSettingsDraftSchema = z.object({
  relays: z
    .array(relaySchema)
    .max(CONNECTION_LIMITS.relays, ConnectionProblem.tooMany)
    .transform((relays) => dedupe(relays, relayKey)),
  iceServers: z
    .array(iceServerSchema)
    .max(CONNECTION_LIMITS.iceServers, ConnectionProblem.tooMany)
    .transform((servers) => dedupe(servers, iceServerKey)),
});

/** The draft checked, with our message keys by field path (`relays.0`, `iceServers.1.credential`). */
export function parseConnectionDraft(draft: unknown): ParseResult<ConnectionSettings> {
  const parsed = connectionSettingsDraftSchema.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.')] ??= knownProblems.has(issue.message) ? issue.message : ConnectionProblem.invalid;
  return { ok: false, errors };
}

/**
 * Settings as a peer or a link gave them (any shape): each relay and server is checked on its
 * own, the valid ones are kept (deduplicated, within the bounds) and each refused one is
 * reported by its path, so one bad entry never takes the team's other servers away.
 */
export function readConnectionSettings(raw: unknown): { settings: ConnectionSettings; problems: FieldErrors } {
  const problems: FieldErrors = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { settings: EMPTY_CONNECTIONS, problems: { '': ConnectionProblem.invalid } };
  const { relays, iceServers } = raw as { relays?: unknown; iceServers?: unknown };
  const readList = <T>(name: string, list: unknown, schema: z.ZodType<T>, max: number, key: (item: T) => string): T[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      problems[name] = ConnectionProblem.invalid;
      return [];
    }
    const kept = new Map<string, T>();
    const limit = Math.min(list.length, max);
    for (let i = 0; i < limit; i++) {
      const parsed = schema.safeParse(list[i]);
      if (!parsed.success) problems[`${name}.${i}`] = problemOf(parsed.error);
      else if (!kept.has(key(parsed.data))) kept.set(key(parsed.data), parsed.data);
    }
    if (list.length > max) problems[name] = ConnectionProblem.tooMany;
    return [...kept.values()];
  };
  return {
    settings: {
      relays: readList('relays', relays, relaySchema, CONNECTION_LIMITS.relays, relayKey),
      iceServers: readList('iceServers', iceServers, iceServerSchema, CONNECTION_LIMITS.iceServers, iceServerKey),
    },
    problems,
  };
}

/** Our message key for the first issue (zod's own messages are English sentences). */
export function problemOf(error: z.ZodError): string {
  const message = error.issues[0]?.message ?? '';
  return knownProblems.has(message) ? message : ConnectionProblem.invalid;
}

/** The same relay however it is written (host case, a trailing slash). */
export function relayKey(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
  } catch {
    return url.trim();
  }
}

export function iceServerKey(server: IceServer): string {
  return JSON.stringify([server.urls.map((u) => u.toLowerCase()), server.username ?? '', server.credential ?? '']);
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/**
 * What this device connects with: its own relays (null until it has chosen any: the app's own
 * relay, served with it), then the team's; the team's STUN/TURN servers. Duplicates once.
 */
export function mergeConnections(team: ConnectionSettings, deviceRelays: readonly string[] | null, defaultRelay: string | null): ConnectionSettings {
  const own = deviceRelays ?? (defaultRelay ? [defaultRelay] : []);
  return { relays: dedupe([...own, ...team.relays], relayKey), iceServers: dedupe(team.iceServers, iceServerKey) };
}

/** Whether two merged settings connect the same way (an unrelated settings change must not reconnect). */
export function sameConnections(a: ConnectionSettings, b: ConnectionSettings): boolean {
  return JSON.stringify([a.relays.map(relayKey), a.iceServers.map(iceServerKey)]) === JSON.stringify([b.relays.map(relayKey), b.iceServers.map(iceServerKey)]);
}

/**
 * Time-limited TURN credentials (the TURN REST API convention coturn implements with
 * `use-auth-secret`): the username is `<unix expiry seconds>:<name>` (or the expiry alone) and the
 * credential base64(HMAC-SHA1(shared secret, username)), made by the team's server. Kehu uses
 * them like any other; it reads the expiry to say when they stop working.
 */
export type TurnCredentialStatus = { kind: 'none' } | { kind: 'valid'; expiresAt: Date } | { kind: 'expired'; expiresAt: Date };

/** Ten digits: 2001 to 2286. A long-term username that merely starts with digits is not taken for one. */
const REST_USERNAME = /^(\d{10})(?::|$)/;

export function turnCredentialExpiry(username: unknown): Date | null {
  if (typeof username !== 'string') return null;
  const m = REST_USERNAME.exec(username);
  return m ? new Date(Number(m[1]) * 1000) : null;
}

export function turnCredentialStatus(server: IceServer, now: Date): TurnCredentialStatus {
  if (!server.urls.some(isTurn)) return { kind: 'none' };
  const expiresAt = turnCredentialExpiry(server.username);
  if (!expiresAt) return { kind: 'none' };
  return expiresAt.getTime() <= now.getTime() ? { kind: 'expired', expiresAt } : { kind: 'valid', expiresAt };
}

/** What moving a device's old per-device prefs into the workspace does (once per device). */
export interface PrefsMigration {
  /** Written to the workspace, or null when the workspace keeps what it has. */
  team: ConnectionSettings | null;
  /** This device's own relays from now on. */
  deviceRelays: string[] | null;
}

/**
 * Before the team's settings existed, relays and STUN/TURN servers were per device. Their
 * servers and non-default relays become the team's, but only when the workspace has none:
 * otherwise the team has decided since, and this device's relays stay its own extras (nothing
 * is lost) while its old STUN/TURN list, superseded by the team's, is no longer used.
 */
export function migrateDevicePrefs(input: { teamHasSettings: boolean; deviceRelays: unknown; deviceIceServers: unknown; defaultRelay: string | null }): PrefsMigration {
  const { settings: old } = readConnectionSettings({
    relays: Array.isArray(input.deviceRelays) ? input.deviceRelays : [],
    iceServers: Array.isArray(input.deviceIceServers) ? input.deviceIceServers : [],
  });
  const deviceRelays = Array.isArray(input.deviceRelays) ? old.relays : null;
  if (input.teamHasSettings) return { team: null, deviceRelays };
  const isDefault = (url: string) => input.defaultRelay !== null && relayKey(url) === relayKey(input.defaultRelay);
  const moved = old.relays.filter((url) => !isDefault(url));
  if (moved.length === 0 && old.iceServers.length === 0) return { team: null, deviceRelays };
  return { team: { relays: moved, iceServers: old.iceServers }, deviceRelays: deviceRelays === null ? null : deviceRelays.filter(isDefault) };
}

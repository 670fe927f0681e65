import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PeerSync } from '../../../src/sync/peer-sync';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';
import { isNewerFormat, ownFormat, parsePeerFormat, PEER_FORMAT_LIMITS } from '../../../src/sync/peer-format';
import { parsePresence } from '../../../src/sync/presence-state';
import { formatWatchOf } from '../../../src/workspace/format-watch';
import { SCHEMA_VERSION } from '../../../src/workspace/layout';

describe('ownFormat', () => {
  it('announces the layout and every record type with its version', () => {
    const own = ownFormat();
    expect(own.schema).toBe(SCHEMA_VERSION);
    expect(own.records).toEqual(expect.objectContaining({ customers: 2, orders: 1, activity: 1, 'settings.crm': 1 }));
  });
});

describe('parsePeerFormat', () => {
  it.each<[string, unknown, unknown]>([
    ['a format', { schema: 1, records: { customers: 2 } }, { schema: 1, records: { customers: 2 } }],
    ['no records', { schema: 3, records: {} }, { schema: 3, records: {} }],
    ['absent (an app from before formats were announced)', undefined, null],
    ['not an object', 'v2', null],
    ['a list', [1], null],
    ['no schema', { records: {} }, null],
    ['schema 0', { schema: 0, records: {} }, null],
    ['schema as text', { schema: '2', records: {} }, null],
    ['records a list', { schema: 1, records: [2] }, null],
    ['a version that is not a whole number', { schema: 1, records: { customers: 2.5 } }, null],
    ['a version past the bound', { schema: 1, records: { customers: PEER_FORMAT_LIMITS.maxVersion + 1 } }, null],
    ['a type name past the bound', { schema: 1, records: { ['x'.repeat(65)]: 1 } }, null],
    ['too many types', { schema: 1, records: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`t${i}`, 1])) }, null],
  ])('%s', (_label, raw, expected) => {
    expect(parsePeerFormat(raw)).toEqual(expected);
  });

  it('is read as part of a presence, and a bad one leaves the rest of the presence readable', () => {
    expect(parsePresence({ member: { id: 'm2', name: 'Wang' }, sv: {}, format: { schema: 1, records: { customers: 3 } } })?.format).toEqual({ schema: 1, records: { customers: 3 } });
    const bad = parsePresence({ member: { id: 'm2', name: 'Wang' }, sv: {}, format: { schema: 'x' } });
    expect(bad?.format).toBeNull();
    expect(bad?.member.name).toBe('Wang');
  });
});

describe('isNewerFormat', () => {
  const own = { schema: 1, records: { customers: 2, orders: 1 } };
  it.each<[string, { schema: number; records: Record<string, number> }, boolean]>([
    ['the same', { schema: 1, records: { customers: 2, orders: 1 } }, false],
    ['older (before tags compared by key)', { schema: 1, records: { customers: 1, orders: 1 } }, false],
    ['fewer types', { schema: 1, records: { customers: 2 } }, false],
    ['a newer layout', { schema: 2, records: { customers: 2, orders: 1 } }, true],
    ['a newer version of one type', { schema: 1, records: { customers: 2, orders: 2 } }, true],
    ['a type this app does not know', { schema: 1, records: { customers: 2, orders: 1, loyalty: 1 } }, true],
  ])('%s: %s', (_label, peer, expected) => {
    expect(isNewerFormat(peer, own)).toBe(expected);
  });
});

describe('PeerSync: the format in the hello', () => {
  beforeEach(() => {
    for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
  });
  afterEach(() => vi.unstubAllGlobals());

  async function withTeammate(format: unknown) {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const problems: string[] = [];
    const keys = await deriveWorkspaceKeys('ws-format', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    const sync = new PeerSync(doc, keys, { relays: [], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: (p) => problems.push(p), awareness });
    const wang = new Awareness(new Y.Doc());
    const say = (f: unknown) => {
      wang.setLocalState({ member: { id: 'm2', name: 'Wang Fang' }, viewing: null, sv: {}, ...(f === undefined ? {} : { format: f }) });
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(wang, [wang.clientID]), 'peer');
    };
    say(format);
    return {
      doc,
      sync,
      problems,
      say,
      cleanUp: () => {
        sync.destroy();
        wang.destroy();
        awareness.destroy();
        doc.destroy();
      },
    };
  }

  it('announces this app’s format in its own presence', async () => {
    const { sync, cleanUp } = await withTeammate(undefined);
    expect((sync.provider.awareness.getLocalState() as { format?: unknown }).format).toEqual(ownFormat());
    cleanUp();
  });

  it('a teammate announcing a newer format is reported once and noted on the format watch; writes go on', async () => {
    const { doc, problems, say, cleanUp } = await withTeammate({ schema: 1, records: { ...ownFormat().records, customers: 3 } });
    say({ schema: 2, records: {} });
    expect(problems).toEqual(['newer-peer']);
    expect(formatWatchOf(doc).state.newerPeer).toBe(true);
    expect(formatWatchOf(doc).writable('customers')).toBe(true);
    cleanUp();
  });

  it.each<[string, unknown]>([
    ['the same format', ownFormat()],
    ['an older app (customers at version 1)', { schema: 1, records: { ...ownFormat().records, customers: 1 } }],
    ['an app from before formats were announced', undefined],
    ['a format that cannot be read', { schema: 'new' }],
  ])('%s is not told as newer', async (_label, format) => {
    const { doc, problems, cleanUp } = await withTeammate(format);
    expect(problems).toEqual([]);
    expect(formatWatchOf(doc).state.newerPeer).toBe(false);
    cleanUp();
  });
});

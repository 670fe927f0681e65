import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageScope } from '../support/storage';
import { SyncService } from '../../../src/app/sync-service';
import type { Device } from '../../../src/app/device';
import type { SyncOptions } from '../../../src/sync/peer-sync';
import { toBase64Url } from '../../../src/sync/base64url';
import { openShopSession } from '../support/session';
import { first } from '../support/live-query';
import { memoryDevice } from '../support/memory-device';

// Each connection is a PeerSync made with the settings of that moment: the fake records them, and
// the test plays the teammate's signalling through the hook PeerSync gives y-webrtc.
const made: SyncOptions[] = [];
vi.mock('../../../src/sync/peer-sync', () => ({
  PeerSync: class {
    provider = null;
    status = { phase: 'looking', peers: 0, direct: 0, lastSyncAt: null, receivingBytes: null };
    teammates = [];
    routes = { routes: [], unknown: [] };
    constructor(_doc: unknown, _keys: unknown, options: SyncOptions) {
      made.push(options);
    }
    subscribe() {
      return () => {};
    }
    setViewing() {}
    setMemberName() {}
    destroy() {}
  },
}));

const scope = new StorageScope();
afterEach(() => {
  made.length = 0;
  scope.cleanup();
});

const turn = { urls: ['turn:turn.example.org:3478'], username: '1796702400:kehu', credential: 'c3VwZXI=' };

async function start() {
  const { session, store, wsId } = await openShopSession(scope);
  const sync = await SyncService.start(session, memoryDevice({ [`relays:${wsId}`]: [] }) as unknown as Device, {
    secret: toBase64Url(new Uint8Array(32).fill(7)),
    member: { id: 'member-b', name: 'B' },
    defaultRelay: 'ws://localhost:8420/signal',
  });
  /** What a teammate's encrypted signalling carried, as y-webrtc hands it to the newest connection. */
  const hear = (raw: unknown) => made.at(-1)!.onHeardConnections!(raw);
  return { session, store, sync, hear };
}

describe('the team’s STUN/TURN servers heard in a teammate’s signalling', () => {
  it('a device without team settings sends none, uses valid heard ones, and reconnects only when they change', async () => {
    const { sync, hear } = await start();
    try {
      expect(made).toHaveLength(1);
      expect(made[0]!.announceConnections).toBeNull();
      expect(made[0]!.iceServers).toEqual([]);

      hear({ relays: [], iceServers: [turn] });
      await vi.waitFor(() => expect(made).toHaveLength(2));
      expect(made[1]!.iceServers).toEqual([turn]);
      expect(await sync.teamSettings()).toEqual({ relays: [], iceServers: [turn] });
      // What was only heard is not passed on: this device has no team settings of its own.
      expect(made[1]!.announceConnections).toBeNull();

      // Every announce repeats them: the same servers make no new connection.
      hear({ relays: [], iceServers: [turn] });
      hear({ iceServers: [{ ...turn }] });
      await sync.settings();
      await sync.settings();
      expect(made).toHaveLength(2);
    } finally {
      sync.destroy();
    }
  });

  it('refuses what cannot be read, entry by entry, reports it under Data problems once a minute, and keeps the valid entries', async () => {
    const { sync, store, hear } = await start();
    try {
      for (const raw of ['garbage', 42, null, [], { iceServers: 'turn:x' }, { iceServers: [{ urls: 'turn:t.example.org' }, { urls: ['stun:bad host'] }] }]) hear(raw);
      await sync.settings();
      // Nothing usable: nothing changes, no new connection.
      expect(made).toHaveLength(1);
      expect(await sync.teamSettings()).toEqual({ relays: [], iceServers: [] });

      hear({ relays: ['javascript:alert(1)'], iceServers: ['garbage', turn, ...Array.from({ length: 20 }, () => turn)] });
      await vi.waitFor(() => expect(made).toHaveLength(2));
      expect(made[1]!.iceServers).toEqual([turn]);

      await store.projection.idle();
      const rows = (await first(store.queries.problems())).filter((p) => p.collection === 'sync');
      expect(rows.map((r) => r.errors[''])).toEqual(['errors.sync.heard-connections']);
    } finally {
      sync.destroy();
    }
  });

  it('the workspace’s own team settings win over what is heard, and are the ones announced', async () => {
    const { session, sync, hear } = await start();
    try {
      const own = { urls: ['stun:stun.example.org:3478'] };
      await session.connections.update({ relays: [], iceServers: [own] });
      await vi.waitFor(() => expect(made).toHaveLength(2));
      expect(made[1]!.announceConnections).toEqual({ relays: [], iceServers: [own] });

      hear({ relays: [], iceServers: [turn] });
      await sync.settings();
      await sync.settings();
      expect(made).toHaveLength(2);
      expect(await sync.teamSettings()).toEqual({ relays: [], iceServers: [own] });
    } finally {
      sync.destroy();
    }
  });
});

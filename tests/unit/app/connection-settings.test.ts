import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { settingsMap } from '../../../src/workspace/layout';
import { ConnectionConfig, keepInviteConnections } from '../../../src/app/connection-config';
import { ConnectionProblem, type ConnectionSettings } from '../../../src/domain/connection-settings';
import { StorageScope } from '../support/storage';
import { SyncService } from '../../../src/app/sync-service';
import type { Device } from '../../../src/app/device';
import { toBase64Url } from '../../../src/sync/base64url';
import { openShopSession } from '../support/session';
import { first } from '../support/live-query';
import { memoryDevice } from '../support/memory-device';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const APP_RELAY = 'ws://localhost:8420/signal';
const turn = { urls: ['turn:turn.example.org:3478'], username: '1796702400:kehu', credential: 'c3VwZXI=' };

describe('the team’s connection settings in the workspace', () => {
  it('are validated on write: nothing is saved when an entry is invalid', async () => {
    const { session } = await openShopSession(scope);
    expect(await session.connections.update({ relays: ['http://nope'], iceServers: [{ urls: 'turn:t.example.org' }] })).toEqual({
      ok: false,
      errors: { 'relays.0': ConnectionProblem.relayUrl, 'iceServers.0.credential': ConnectionProblem.turnCredentials },
    });
    expect(session.connections.has()).toBe(false);
    expect(await session.connections.update({ relays: ['wss://relay.example.org/signal'], iceServers: [turn] })).toEqual({
      ok: true,
      value: { relays: ['wss://relay.example.org/signal'], iceServers: [turn] },
    });
    expect(session.connections.current()).toEqual({ relays: ['wss://relay.example.org/signal'], iceServers: [turn] });
  });

  it('a peer’s invalid value is refused entry by entry and reported under Data problems; the rest is kept', async () => {
    const { session, store } = await openShopSession(scope);
    store.doc.transact(() => {
      settingsMap(store.doc).set('connections', {
        relays: ['wss://ok.example.org', 'javascript:alert(1)', 42],
        iceServers: [{ urls: 'stun:s.example.org' }, { urls: 'turn:t.example.org' }, 'garbage', { urls: ['stun:bad host'] }],
      });
    }, 'remote');
    expect(session.connections.current()).toEqual({ relays: ['wss://ok.example.org'], iceServers: [{ urls: ['stun:s.example.org'] }] });
    await store.projection.idle();
    const problems = await first(store.queries.problems());
    const row = problems.find((p) => p.collection === 'settings' && p.recordId === 'connections');
    expect(row?.errors).toEqual({
      'relays.1': ConnectionProblem.relayUrl,
      'relays.2': ConnectionProblem.relayUrl,
      'iceServers.1': ConnectionProblem.turnCredentials,
      'iceServers.2': ConnectionProblem.invalid,
      'iceServers.3': ConnectionProblem.iceUrl,
    });
    // The other settings are untouched.
    expect(session.settings.current().name).toBe('Shop');

    // Not an object at all: no servers, one problem; fixed by a save, the problem goes.
    store.doc.transact(() => settingsMap(store.doc).set('connections', 'wss://x'), 'remote');
    expect(session.connections.current()).toEqual({ relays: [], iceServers: [] });
    await session.connections.update({ relays: [], iceServers: [] });
    await store.projection.idle();
    expect((await first(store.queries.problems())).filter((p) => p.collection === 'settings')).toEqual([]);
  });

  it('a teammate’s change reaches this device through the document, and the watch hears it', async () => {
    const { session } = await openShopSession(scope);
    let heard = 0;
    const stop = session.connections.watch(() => heard++);
    const teammate = new Y.Doc();
    Y.applyUpdate(teammate, Y.encodeStateAsUpdate(session.workspace.doc));
    settingsMap(teammate).set('connections', { relays: [], iceServers: [turn] });
    settingsMap(teammate).set('name', 'Renamed'); // an unrelated setting: not heard
    await session.applyRemoteUpdate(Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(session.workspace.doc)), 'remote');
    expect(session.connections.current().iceServers).toEqual([turn]);
    expect(heard).toBe(1);
    settingsMap(teammate).set('defaultRegion', 'GB');
    await session.applyRemoteUpdate(Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(session.workspace.doc)), 'remote');
    expect(heard).toBe(1);
    stop();
  });
});

describe('ConnectionConfig: team, device and invite', () => {
  it('moves a device’s old relays and STUN/TURN servers into the workspace once, when it has none', async () => {
    const { session, wsId } = await openShopSession(scope);
    const device = memoryDevice({ [`relays:${wsId}`]: [APP_RELAY, 'ws://192.168.1.20:8420/signal'], [`iceServers:${wsId}`]: [{ urls: 'stun:s.example.org' }] });
    const config = new ConnectionConfig(session.connections, device, wsId, APP_RELAY);
    await config.migrate();
    expect(session.connections.current()).toEqual({ relays: ['ws://192.168.1.20:8420/signal'], iceServers: [{ urls: ['stun:s.example.org'] }] });
    expect(await config.deviceRelays()).toEqual([APP_RELAY]);
    expect(await config.effective()).toEqual({ relays: [APP_RELAY, 'ws://192.168.1.20:8420/signal'], iceServers: [{ urls: ['stun:s.example.org'] }] });

    // Once: the team removes the server later, and the next start does not bring it back.
    await session.connections.update({ relays: [], iceServers: [] });
    await config.migrate();
    expect(session.connections.current()).toEqual({ relays: [], iceServers: [] });
  });

  it('leaves the team’s settings alone when the workspace has some; the device’s relays stay its own', async () => {
    const { session, wsId } = await openShopSession(scope);
    await session.connections.update({ relays: [], iceServers: [turn] });
    const device = memoryDevice({ [`relays:${wsId}`]: ['ws://192.168.1.20:8420/signal'], [`iceServers:${wsId}`]: [{ urls: 'stun:old.example.org' }] });
    const config = new ConnectionConfig(session.connections, device, wsId, APP_RELAY);
    await config.migrate();
    expect(session.connections.current()).toEqual({ relays: [], iceServers: [turn] });
    expect(await config.effective()).toEqual({ relays: ['ws://192.168.1.20:8420/signal'], iceServers: [turn] });
  });

  it('a device that joined uses the invite’s settings until the workspace brings the team’s', async () => {
    const { session, wsId } = await openShopSession(scope);
    const device = memoryDevice();
    const fromLink: ConnectionSettings = { relays: ['wss://relay.example.org/signal'], iceServers: [turn] };
    await keepInviteConnections(device, wsId, fromLink);
    const config = new ConnectionConfig(session.connections, device, wsId, APP_RELAY);
    expect(await config.effective()).toEqual({ relays: [APP_RELAY, 'wss://relay.example.org/signal'], iceServers: [turn] });
    await session.connections.update({ relays: [], iceServers: [{ urls: 'stun:s.example.org' }] });
    expect(await config.effective()).toEqual({ relays: [APP_RELAY], iceServers: [{ urls: ['stun:s.example.org'] }] });
  });

  it('this device’s relays are validated and replace the app relay once chosen', async () => {
    const { session, wsId } = await openShopSession(scope);
    const config = new ConnectionConfig(session.connections, memoryDevice(), wsId, APP_RELAY);
    expect(await config.saveDeviceRelays(['ftp://x'])).toEqual({ ok: false, errors: { 'relays.0': ConnectionProblem.relayUrl } });
    expect(await config.saveDeviceRelays([])).toEqual({ ok: true, value: [] });
    expect(await config.effective()).toEqual({ relays: [], iceServers: [] });
  });
});

describe('SyncService: the team’s settings change', () => {
  it('reconnects when what this device connects with changes (here or from a peer), not for an unrelated setting', async () => {
    const { session, wsId } = await openShopSession(scope);
    const device = memoryDevice({ [`relays:${wsId}`]: [] });
    // Each connection reads the teammates known from the last one (no WebRTC in Node, so the peer itself is not made here).
    const pref = vi.spyOn(device, 'pref');
    const connections = () => pref.mock.calls.filter(([key]) => key === `teammates:${wsId}`).length;
    const sync = await SyncService.start(session, device as unknown as Device, {
      secret: toBase64Url(new Uint8Array(32).fill(7)),
      member: { id: 'member-a', name: 'A' },
      defaultRelay: APP_RELAY,
    });
    try {
      expect(connections()).toBe(1);
      await session.settings.update({ name: 'Renamed', defaultRegion: 'GB' });
      await session.connections.update({ relays: [], iceServers: [{ urls: 'stun:s.example.org' }] });
      await vi.waitFor(() => expect(connections()).toBe(2));
      expect((await sync.settings()).iceServers).toEqual([{ urls: ['stun:s.example.org'] }]);

      // Written again with the same servers (a peer saving the same list): nothing to redo.
      const heard = new Promise<void>((resolve) => session.connections.watch(() => resolve()));
      await session.connections.update({ relays: [], iceServers: [{ urls: ['stun:s.example.org'] }] });
      await heard;
      await sync.settings();
      await sync.settings();
      expect(connections()).toBe(2);
      // A peer's change arrives as an update, like any edit.
      const teammate = new Y.Doc();
      Y.applyUpdate(teammate, Y.encodeStateAsUpdate(session.workspace.doc));
      settingsMap(teammate).set('connections', { relays: [], iceServers: [turn] });
      await session.applyRemoteUpdate(Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(session.workspace.doc)), 'remote');
      await vi.waitFor(() => expect(connections()).toBe(3));
      expect(sync.inviteLink('https://kehu.example/', 'Shop')).toMatch(/&c=/);
    } finally {
      sync.destroy();
    }
  });
});

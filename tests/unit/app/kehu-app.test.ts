import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncService } from '../../../src/app/sync-service';
import { KehuApp } from '../../../src/app/kehu-app';
import { Device } from '../../../src/app/device';
import { DeviceDb } from '../../../src/storage/device-db';
import { LogDb } from '../../../src/storage/log-db';
import { WorkspaceOpenError } from '../../../src/storage/errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { customerDraft } from '../support/fixtures';
import { StorageScope, firstValue } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const startOptions = { defaultMemberPrefix: '成员' };

function newDevice(): Device {
  const db = new DeviceDb(scope.dbName('kehu-device-test'));
  scope.onCleanup(() => db.close());
  return new Device(db);
}

async function start(device = newDevice()) {
  const app = await KehuApp.start(startOptions, device);
  scope.onCleanup(async () => {
    await app.session?.close();
  });
  for (const w of await device.workspaces()) scope.trackWorkspace(w.id);
  return app;
}

describe('Device', () => {
  it('creates an identity once and keeps it', async () => {
    const device = newDevice();
    const first = await device.identity('Member');
    expect(first.displayName).toMatch(/^Member [0-9A-F]{4}$/);
    expect(await device.identity('Other')).toEqual(first);
  });

  it('lists workspaces most recently opened first', async () => {
    const device = newDevice();
    const a = await device.addWorkspace('A');
    const b = await device.addWorkspace('B');
    await device.touchWorkspace(a.id);
    expect((await device.workspaces()).map((w) => w.id)).toEqual([a.id, b.id]);
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
  });
});

describe('KehuApp', () => {
  it('first start creates a workspace without asking and with no name chosen (it reads "My workspace" in each language), and opening it stamps the member', async () => {
    const device = newDevice();
    const app = await start(device);
    const id = app.initialWorkspaceId!;
    expect(id).toBeTruthy();
    const session = await app.openWorkspace(id);
    await session.store.ready;
    expect(session.settings.current()).toEqual({ name: '', defaultRegion: 'CN' });
    expect((await device.workspace(id))?.name).toBe('');
    await session.store.projection.idle();
    expect(await firstValue(session.queries.members())).toMatchObject([{ id: app.identity.memberId, name: app.identity.displayName }]);
    const result = await session.customers.create(customerDraft());
    expect(result.ok).toBe(true);
  });

  it('a second start opens the same workspace', async () => {
    const device = newDevice();
    const first = await start(device);
    const second = await start(device);
    expect(second.initialWorkspaceId).toBe(first.initialWorkspaceId);
    expect(second.identity).toEqual(first.identity);
  });

  it('validates the display name and renames the member', async () => {
    const app = await start();
    const session = await app.openWorkspace(app.initialWorkspaceId!);
    await session.opened;
    expect(await app.setDisplayName('  ')).toEqual({ ok: false, errors: { '': ErrorCode.required } });
    expect(await app.setDisplayName(' Ann  Lee ')).toEqual({ ok: true, value: 'Ann Lee' });
    await session.store.projection.idle();
    expect((await firstValue(session.queries.members()))[0]?.name).toBe('Ann Lee');
  });

  it('an unreadable workspace throws on open, can be opened skipping the bad part, or reset', async () => {
    const device = newDevice();
    const app = await start(device);
    const id = app.initialWorkspaceId!;
    await (await app.openWorkspace(id)).close();
    const log = new LogDb(id);
    await log.updates.add({ data: Uint8Array.of(1, 2, 3), at: Date.now() });
    log.close();

    await expect((await app.openWorkspace(id)).opened).rejects.toBeInstanceOf(WorkspaceOpenError);
    const raw = JSON.parse(await (await app.exportUnopenableLog(id)).text()) as { updates: unknown[] };
    expect(raw.updates.length).toBeGreaterThan(1);

    const skipped = await app.openWorkspace(id, { skipUnreadable: true });
    await skipped.opened;
    expect(skipped.settings.current().name).toBe('');
    await skipped.close();

    await app.resetWorkspace(id);
    const fresh = app.initialWorkspaceId!;
    scope.trackWorkspace(fresh);
    expect(fresh).not.toBe(id);
    expect((await device.workspaces()).map((w) => w.id)).toEqual([fresh]);
    const session = await app.openWorkspace(fresh);
    await session.opened;
    expect(session.settings.current().name).toBe('');
  });

  it('a session closed while its sync is still starting gets no provider left running', async () => {
    const device = newDevice();
    const app = await KehuApp.start({ ...startOptions, defaultRelay: 'ws://localhost:1/signal' }, device);
    for (const w of await device.workspaces()) scope.trackWorkspace(w.id);
    const destroy = vi.fn();
    let started!: () => void;
    const starting = new Promise<void>((resolve) => (started = resolve));
    let called!: () => void;
    const startCalled = new Promise<void>((resolve) => (called = resolve));
    vi.spyOn(SyncService, 'start').mockImplementation(async () => {
      called();
      await starting;
      return { destroy } as unknown as SyncService;
    });
    try {
      const session = await app.openWorkspace(app.initialWorkspaceId!);
      session.firstScreenShown();
      await startCalled;
      // Closing waits for storage; the sync start finishes meanwhile.
      const closing = session.close();
      started();
      await closing;
      await session.opened;
      expect(session.sync).toBeNull();
      expect(destroy).toHaveBeenCalledOnce();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('joining a workspace the device holds opens it; a link with its id and another key changes nothing', async () => {
    const device = newDevice();
    const app = await start(device);
    const invite = { workspaceId: '01938f2e-7b1c-7a00-8000-0123456789ab', secret: 'A'.repeat(43), name: '门店' };
    scope.trackWorkspace(invite.workspaceId);
    const first = await app.joinWorkspace(invite, 'Li Na');
    expect(first.ok && first.value.alreadyHere).toBe(false);
    const again = await app.joinWorkspace(invite, 'Li Na');
    expect(again.ok && again.value.alreadyHere).toBe(true);
    expect((await device.workspaces()).filter((w) => w.id === invite.workspaceId)).toHaveLength(1);

    const other = await app.joinWorkspace({ ...invite, secret: 'B'.repeat(43) }, 'Mallory');
    expect(other).toEqual({ ok: false, errors: { link: 'errors.inviteOtherKey' } });
    expect((await device.workspace(invite.workspaceId))?.secret).toBe(invite.secret);
    expect(app.identity.displayName).toBe('Li Na');
  });
});

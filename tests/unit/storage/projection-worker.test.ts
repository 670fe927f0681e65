import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROJECTION_VERSION, Projection, type ProjectedChange } from '../../../src/storage/projection';
import { WorkerSink } from '../../../src/storage/projection-sink';
import { createCustomer } from '../../../src/workspace/customer-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { customerFields, customerRecord } from '../support/fixtures';
import { StorageScope } from '../support/storage';
import { fakeProjectionWorker } from '../support/fake-projection-worker';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

function setup() {
  const wsId = scope.workspaceId();
  const doc = new Y.Doc();
  const worker = fakeProjectionWorker();
  const projection = new Projection(doc, scope.readDb(wsId), new WorkerSink(wsId, worker.create));
  projection.start();
  scope.onCleanup(() => {
    projection.stop();
    projection.close();
  });
  return { projection, worker, ws: new Workspace(wsId, doc, 'member-a'), db: scope.readDb(wsId) };
}

function nextChange(port: MessagePort): Promise<ProjectedChange> {
  return new Promise((resolve) => (port.onmessage = (event) => resolve(event.data as ProjectedChange)));
}

describe('the projection worker', () => {
  it('starts with the first batch, writes it and sends the change to a port given before it started', async () => {
    const { projection, worker, ws, db } = setup();
    const channel = new MessageChannel();
    scope.onCleanup(() => channel.port2.close());
    projection.sendChangesTo(channel.port1);
    expect(worker.started()).toBe(0);

    const arrived = nextChange(channel.port2);
    const id = createCustomer(ws, customerFields({ name: 'Ann Lee' }));
    await projection.idle();
    expect(worker.started()).toBe(1);
    expect(await db.customers.get(id)).toMatchObject({ id, name: 'Ann Lee', alive: 1 });
    expect(await arrived).toMatchObject({ kind: 'rows', collection: 'customers', rows: [{ id, name: 'Ann Lee' }], gone: [] });
  });

  it('sends changes back to the page only while someone there listens', async () => {
    const { projection, worker, ws } = setup();
    const seen: ProjectedChange[] = [];
    const off = projection.onChange((change) => seen.push(change));
    createCustomer(ws, customerFields({ name: 'Heard' }));
    await projection.idle();
    expect(seen).toMatchObject([{ kind: 'rows', collection: 'customers', rows: [{ name: 'Heard' }] }, { kind: 'written' }]);

    off();
    createCustomer(ws, customerFields({ name: 'Not heard' }));
    await projection.idle();
    expect(seen).toHaveLength(2);
    expect(worker.responses.filter((r) => r.type === 'change')).toHaveLength(2);
  });

  it('reports a batch that failed, goes on with the next, and no longer marks the tables current', async () => {
    const wsId = scope.workspaceId();
    const sink = new WorkerSink(wsId, fakeProjectionWorker().create);
    scope.onCleanup(() => sink.close());
    const db = scope.readDb(wsId);
    const record = customerRecord({ name: 'After' });
    const id = String(record.id);
    const broken = sink.write({ kind: 'records', collection: 'no-such-table' as never, entries: [] });
    const next = sink.write({ kind: 'records', collection: 'customers', entries: [[id, { record }]] });
    const meta = sink.write({ kind: 'meta', meta: { sv: new Uint8Array([0]) } });
    await expect(broken).rejects.toThrow(/no-such-table/);
    await expect(next).resolves.toBeUndefined();
    await expect(meta).resolves.toBeUndefined();
    expect(await db.customers.get(id)).toMatchObject({ name: 'After' });
    // Something may be missing: the next start must rebuild, so nothing says the tables match.
    expect(await db.meta.get('projectionVersion')).toBeUndefined();

    await sink.write({ kind: 'reset' });
    await sink.write({ kind: 'meta', meta: { sv: new Uint8Array([0]) } });
    expect(await db.meta.get('projectionVersion')).toMatchObject({ value: PROJECTION_VERSION });
  });

  it('rejects what is still waiting when it is closed', async () => {
    const wsId = scope.workspaceId();
    const sink = new WorkerSink(wsId, fakeProjectionWorker().create);
    const pending = sink.write({ kind: 'meta', meta: { sv: new Uint8Array([0]) } });
    sink.close();
    await expect(pending).rejects.toThrow('projection closed');
    await expect(sink.write({ kind: 'reset' })).rejects.toThrow('projection closed');
  });
});

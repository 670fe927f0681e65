import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { watchConflicts, type FieldConflict } from '../../../src/sync/conflicts';
import { applyReceived } from '../../../src/sync/received-update';
import { formatWatchOf } from '../../../src/workspace/format-watch';
import { collection } from '../../../src/workspace/layout';
import { insertRecord, patchRecord } from '../../../src/workspace/record-commands';
import { writeSample } from '../../../src/workspace/sample-commands';
import { statePieces } from '../../../src/workspace/state-pieces';
import { Workspace } from '../../../src/workspace/workspace';
import { customerFields } from '../support/fixtures';
import { docWithClient } from '../support/ydoc';
import { REMOTE, replica } from './conflict-harness';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const ID = '01960000-0000-7000-8000-000000000001';

/**
 * A device that joins a workspace: its document has no collection yet, and (as in the app, where
 * the store starts it before anything loads) the format watch listens before the conflict watch.
 * The format watch reads a collection a peer's update brought with getMap, which replaces Yjs's
 * untyped placeholder in doc.share while the transaction's `changed` still holds the placeholder.
 */
function joiningDevice(clientID: number) {
  const doc = docWithClient(clientID);
  formatWatchOf(doc);
  const conflicts: FieldConflict[] = [];
  const errors: unknown[] = [];
  watchConflicts(doc, (c) => conflicts.push(c), { onError: (e) => errors.push(e) });
  return { doc, conflicts, errors };
}

describe('watchConflicts on a device that joins a workspace', () => {
  it('receives the 200 sample in pieces (as a teammate answers) without an error', async () => {
    const a = new Workspace('ws-1', docWithClient(1), 'member-li', () => NOW);
    await writeSample(a, 200, 7, { now: NOW });
    const b = joiningDevice(2);
    for (const piece of statePieces(a.doc, new Map(), 200)) applyReceived(b.doc, piece, REMOTE);

    expect(b.errors).toEqual([]);
    expect(collection(b.doc, 'customers').size).toBe(200);
    expect(b.conflicts).toEqual([]);
  });

  it('receives the team settings (a top-level map that is no collection) without an error', () => {
    const a = docWithClient(1);
    a.getMap('settings').set('crm', { v: 1 });
    const b = joiningDevice(2);
    applyReceived(b.doc, Y.encodeStateAsUpdate(a), REMOTE);

    expect(b.errors).toEqual([]);
    expect(b.doc.getMap('settings').get('crm')).toEqual({ v: 1 });
  });

  it('still reports a concurrent overwrite that arrives with the collection it is in', () => {
    const li = replica(1, 'member-li');
    const wang = replica(3, 'member-wang');
    insertRecord(li.ws, 'customers', customerFields({ name: 'Ann' }), ID);
    Y.applyUpdate(wang.doc, Y.encodeStateAsUpdate(li.doc), REMOTE);
    li.local.length = 0;
    patchRecord(li.ws, 'customers', ID, { name: 'Ann Li' });
    patchRecord(wang.ws, 'customers', ID, { name: 'Ann Wang' }); // client 3 beats client 1
    const b = joiningDevice(2);
    // Li's state (the record and Li's edit) with Wang's live edit, relayed together.
    applyReceived(b.doc, Y.mergeUpdates([Y.encodeStateAsUpdate(li.doc), ...wang.local]), REMOTE);

    expect(b.errors).toEqual([]);
    expect(b.conflicts).toMatchObject([
      { collection: 'customers', recordId: ID, key: 'name', keptValue: 'Ann Wang', keptClient: 3, otherValue: 'Ann Li', otherValueKnown: true, otherClient: 1 },
    ]);
  });
});

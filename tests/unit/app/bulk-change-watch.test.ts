import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BulkChangeWatch } from '../../../src/app/bulk-change-watch';
import { BULK_CHANGE_THRESHOLD } from '../../../src/domain/history-entries';
import { createCustomer } from '../../../src/workspace/customer-commands';
import { collection } from '../../../src/workspace/layout';
import { Workspace } from '../../../src/workspace/workspace';
import { registerClient } from '../../../src/sync/clients';
import { customerFields } from '../support/fixtures';

describe('BulkChangeWatch', () => {
  // The flag is saved as a device pref and validated when read back; a teammate whose device
  // registered an over-long member id (or dozens of client ids) made it fail that check, so
  // the flag for their mass delete was gone after a restart.
  it('a flag raised by a peer with odd member ids survives the save and the validation of a restart', () => {
    const a = new Y.Doc();
    const ws = new Workspace('ws-1', a, 'member-a');
    for (let i = 0; i < BULK_CHANGE_THRESHOLD + 5; i++) createCustomer(ws, customerFields({ name: `C${i}` }));
    const watch = new BulkChangeWatch(a, () => Array.from({ length: 80 }, (_, i) => `peer-${i}`));
    watch.start();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    registerClient(b, 'x'.repeat(5000));
    b.transact(() => {
      for (const key of [...collection(b, 'customers').keys()]) collection(b, 'customers').delete(key);
    });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), { room: 'peer' });
    expect(watch.alerts).toHaveLength(1);

    const afterRestart = new BulkChangeWatch(a, () => []);
    afterRestart.restore(JSON.parse(JSON.stringify(watch.alerts)));
    expect(afterRestart.alerts).toHaveLength(1);
    expect(afterRestart.alerts[0]).toMatchObject({ count: BULK_CHANGE_THRESHOLD + 5, collection: 'customers' });
  });
});

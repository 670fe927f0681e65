import { afterEach, describe, expect, it, vi } from 'vitest';
import { newRoomName, openProvider } from './open-provider';
import { otherTab, updateMessage } from './tab-messages';
import type { BcGuard } from '../../../../src/sync/webrtc/y-webrtc';
import { recorder, whenTrue } from './recorder';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

// Kehu change: a message from another tab passes the provider's bcGuard (the checks a peer's
// message passes on a data channel); what cannot be read is reported to it.
describe('vendored y-webrtc: bcGuard', () => {
  const cleanUps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanUp of cleanUps.splice(0)) cleanUp();
  });

  async function tabAndDevice(guard: BcGuard | null, password?: string) {
    const roomName = newRoomName();
    const tab = otherTab(roomName);
    cleanUps.push(tab.close);
    const device = await openProvider({ signaling: [], bcGuard: guard, ...(password ? { password } : {}) }, roomName);
    cleanUps.push(device.close);
    return { tab, device };
  }

  it('without a guard, another tab’s update is applied (as upstream)', async () => {
    const { tab, device } = await tabAndDevice(null);
    tab.post(updateMessage('from-tab'));
    const doc = device.doc;
    await whenTrue(() => doc.getMap('m').get('from-tab') === 1, (look) => (doc.on('update', look), () => doc.off('update', look)));
  });

  it('a message the guard gives a reason for is dropped and reported', async () => {
    const problems = recorder<string>();
    const { tab, device } = await tabAndDevice({ rejectReason: () => 'too-large', onProblem: problems.push });
    tab.post(updateMessage('refused'));
    await problems.until((p) => p.length === 1);
    expect(problems.items).toEqual(['too-large']);
    expect(device.doc.getMap('m').has('refused')).toBe(false);
  });

  it('a message the guard applies itself is not applied again by y-webrtc', async () => {
    const applied = recorder<Uint8Array>();
    const { tab, device } = await tabAndDevice({
      rejectReason: () => null,
      onProblem: () => {},
      apply: (m) => {
        applied.push(m);
        return true;
      },
    });
    const message = updateMessage('taken');
    tab.post(message);
    await applied.until((a) => a.length === 1);
    expect(applied.items).toEqual([message]);
    expect(device.doc.getMap('m').has('taken')).toBe(false);
  });

  it('bytes from another tab that do not decrypt are reported as malformed-update, not an unhandled rejection', async () => {
    const problems = recorder<string>();
    const { tab } = await tabAndDevice({ rejectReason: () => null, onProblem: problems.push }, 'workspace secret');
    tab.post(Uint8Array.of(7, 65, 69, 83, 45, 71, 67, 77, 1, 2)); // 'AES-GCM', then cut short
    tab.post(Uint8Array.of(0xff, 0xff, 0xff));
    await problems.until((p) => p.length === 2);
    expect(problems.items).toEqual(['malformed-update', 'malformed-update']);
  });
});

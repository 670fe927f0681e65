import { afterEach, describe, expect, it, vi } from 'vitest';
import { newRoomName, openProvider } from './open-provider';
import { bcPeerId, kindOf, otherTab } from './tab-messages';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

// Kehu changes: a tab that starts posts no unsolicited copy of the whole document (sync step 2);
// tabs ask each other with sync step 1 when one joins, and get only what they lack.
describe('vendored y-webrtc: tabs joining', () => {
  const cleanUps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanUp of cleanUps.splice(0)) cleanUp();
  });

  it('a tab that starts asks with sync step 1 and posts no sync step 2 of its own', async () => {
    const roomName = newRoomName();
    const tab = otherTab(roomName);
    cleanUps.push(tab.close);
    const device = await openProvider({ signaling: [] }, roomName);
    cleanUps.push(device.close);
    device.doc.getMap('m').set('a', 1);
    // Its presence (type 1) is the last of what it posts on start, after any sync step 2.
    await tab.hears((heard) => heard.map(kindOf).includes('type-1'));
    const kinds = tab.heard.map(kindOf);
    expect(kinds).toContain('sync-0');
    expect(kinds).not.toContain('sync-1');
  });

  it('a tab that announces itself is asked for what it has with sync step 1', async () => {
    const roomName = newRoomName();
    const tab = otherTab(roomName);
    cleanUps.push(tab.close);
    const device = await openProvider({ signaling: [] }, roomName);
    cleanUps.push(device.close);
    await tab.hears((heard) => heard.map(kindOf).includes('type-1')); // its start is posted
    const before = tab.heard.length;
    tab.post(bcPeerId('tab-2'));
    await tab.hears((heard) => heard.slice(before).map(kindOf).includes('sync-0'));
    expect(device.room.bcConns.has('tab-2')).toBe(true);
    expect(tab.heard.slice(before).map(kindOf)).toEqual(['type-4', 'sync-0']);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeer } from './fake-layer';
import { openProvider } from './open-provider';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

// Kehu change: a connection that does not open within 20 s is destroyed, so that either side
// can start a new one (upstream kept it for ever, and while it exists neither side does).
describe('vendored y-webrtc: connect timeout', () => {
  afterEach(() => {
    vi.useRealTimers();
    FakePeer.made.length = 0;
  });

  it('destroys a connection that has not opened after 20 s, and only then', async () => {
    const device = await openProvider();
    device.relay.open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    device.announce('peer-b');
    const peer = FakePeer.made[0]!;
    vi.advanceTimersByTime(19_999);
    expect(peer.destroyed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(peer.destroyed).toBe(true);
    vi.useRealTimers();
    await peer.closed;
    expect(device.room.webrtcConns.has('peer-b')).toBe(false);
    device.close();
  });

  it('keeps a connection that opened in time', async () => {
    const device = await openProvider();
    device.relay.open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    device.announce('peer-b');
    const peer = FakePeer.made[0]!;
    vi.advanceTimersByTime(5_000);
    peer.emit('connect');
    vi.advanceTimersByTime(60_000);
    expect(peer.destroyed).toBe(false);
    expect(device.provider.openConnections()).toHaveLength(1);
    device.close();
  });
});

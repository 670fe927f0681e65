import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeer, FakeSignalling } from './fake-layer';
import * as Y from 'yjs';
import { WebrtcProvider } from '../../../../src/sync/webrtc/y-webrtc';
import { newRoomName, openProvider } from './open-provider';
import { toBase64 } from 'lib0/buffer';
import { encryptJson } from '../../../../src/sync/webrtc/crypto';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

describe('vendored y-webrtc: signalling', () => {
  afterEach(() => {
    FakePeer.made.length = 0;
  });

  it('opens no relay socket when none is named (upstream defaults to a public one)', async () => {
    const before = new Set(FakeSignalling.made.keys());
    const doc = new Y.Doc();
    const provider = new WebrtcProvider(newRoomName(), doc);
    expect(provider.signalingConns).toEqual([]);
    expect([...FakeSignalling.made.keys()].filter((url) => !before.has(url))).toEqual([]);
    provider.destroy();
    doc.destroy();
  });

  it('reports a relayed message that does not decrypt to bcGuard, instead of an unhandled rejection', async () => {
    const problems: string[] = [];
    let bothReported!: () => void;
    const reported = new Promise<void>((resolve) => (bothReported = resolve));
    const onProblem = (p: string) => {
      if (problems.push(p) === 2) bothReported();
    };
    const device = await openProvider({ password: 'workspace secret', bcGuard: { rejectReason: () => null, onProblem } });
    device.relay.open();
    device.relay.deliver(device.roomName, 'bm90IGEgbWVzc2FnZSB0aGlzIHJvb20gY2FuIHJlYWQ'); // base64, not this room's key
    device.relay.deliver(device.roomName, '%%% not base64 %%%');
    // A message that does not decrypt is done with once reported: nothing of it comes later.
    await reported;
    expect(problems).toEqual(['undecryptable-signal', 'undecryptable-signal']);
    expect(device.room.webrtcConns.size).toBe(0);
    device.close();
  });

  it('still reads a message encrypted with the room key', async () => {
    const device = await openProvider({ password: 'workspace secret' });
    device.relay.open();
    const key = await device.provider.key;
    const sealed = await encryptJson({ type: 'announce', from: 'peer-b' }, key);
    device.relay.deliver(device.roomName, toBase64(sealed));
    await FakePeer.whenMade(1);
    expect(device.room.webrtcConns.has('peer-b')).toBe(true);
    expect(device.room.webrtcConns.get('peer-b')!.byCode).toBe(false);
    device.close();
  });
});

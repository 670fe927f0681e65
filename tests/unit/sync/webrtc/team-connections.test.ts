import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeer } from './fake-layer';
import { toBase64, fromBase64 } from 'lib0/buffer';
import { openProvider } from './open-provider';
import { decryptJson, encryptJson } from '../../../../src/sync/webrtc/crypto';

vi.mock('simple-peer/simplepeer.min.js', async () => ({ default: (await import('./fake-layer')).FakePeer }));
vi.mock('lib0/websocket', async () => ({ WebsocketClient: (await import('./fake-layer')).FakeSignalling }));

const turn = { urls: ['turn:turn.example.org:3478'], username: '1893456000:kehu-team', credential: 'Zm9vYmFyLXR1cm4tc2VjcmV0' };

/** What the relay was given to publish on the room's topic. */
const published = (sent: unknown[]) => sent.filter((m): m is { type: 'publish'; data: string } => (m as { type?: unknown }).type === 'publish');

describe('vendored y-webrtc: the team’s connection settings in the encrypted signalling', () => {
  afterEach(() => {
    FakePeer.made.length = 0;
  });

  it('an announce carries what the hook gives, under the room key: the relay never sees the credential', async () => {
    const device = await openProvider({
      password: 'workspace secret',
      teamConnections: { outgoing: () => ({ relays: [], iceServers: [turn] }), heard: () => {} },
    });
    device.relay.open();
    const key = await device.provider.key;
    await vi.waitFor(() => expect(published(device.relay.sent).length).toBeGreaterThan(0));
    const relaySaw = JSON.stringify(device.relay.sent);
    expect(relaySaw).not.toContain(turn.credential);
    expect(relaySaw).not.toContain('turn.example.org');
    const announce = await decryptJson(fromBase64(published(device.relay.sent)[0]!.data), key);
    expect(announce).toEqual({ type: 'announce', from: device.room.peerId, connections: { relays: [], iceServers: [turn] } });
    device.close();
  });

  it('sends no field when the hook has nothing (a device without team settings)', async () => {
    const device = await openProvider({ password: 'workspace secret', teamConnections: { outgoing: () => undefined, heard: () => {} } });
    device.relay.open();
    const key = await device.provider.key;
    await vi.waitFor(() => expect(published(device.relay.sent).length).toBeGreaterThan(0));
    expect(await decryptJson(fromBase64(published(device.relay.sent)[0]!.data), key)).toEqual({ type: 'announce', from: device.room.peerId });
    device.close();
  });

  it('hands what a teammate’s message carried to the hook, any shape, and still reads the message', async () => {
    const heard: [unknown, string][] = [];
    const device = await openProvider({ password: 'workspace secret', teamConnections: { outgoing: () => undefined, heard: (c, from) => heard.push([c, from]) } });
    device.relay.open();
    const key = await device.provider.key;
    device.relay.deliver(device.roomName, toBase64(await encryptJson({ type: 'announce', from: 'peer-b', connections: 'garbage' }, key)));
    await FakePeer.whenMade(1);
    expect(heard).toEqual([['garbage', 'peer-b']]);
    expect(device.room.webrtcConns.has('peer-b')).toBe(true);
    // This device's own message, echoed by the relay, is not heard.
    device.relay.deliver(device.roomName, toBase64(await encryptJson({ type: 'announce', from: device.room.peerId, connections: {} }, key)));
    device.relay.deliver(device.roomName, toBase64(await encryptJson({ type: 'announce', from: 'peer-c', connections: { iceServers: [turn] } }, key)));
    await FakePeer.whenMade(2);
    expect(heard).toEqual([
      ['garbage', 'peer-b'],
      [{ iceServers: [turn] }, 'peer-c'],
    ]);
    device.close();
  });
});

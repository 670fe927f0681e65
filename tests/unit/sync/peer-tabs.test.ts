import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { PeerSync } from '../../../src/sync/peer-sync';
import { deriveWorkspaceKeys, type WorkspaceKeys } from '../../../src/sync/keys';
import { syncMessage } from '../../../src/sync/sync-messages';

const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0';

/**
 * Another tab of the same browser: it posts on the room's BroadcastChannel, encrypted as
 * docs/sync-protocol.md says y-webrtc does (PBKDF2 of the password, salted with the room name;
 * AES-GCM; the envelope "AES-GCM", iv, ciphertext).
 */
async function otherTab(keys: WorkspaceKeys) {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const material = await crypto.subtle.importKey('raw', utf8(keys.password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', salt: utf8(keys.room), iterations: 100_000, hash: 'SHA-256' }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const channel = new BroadcastChannel(keys.room);
  return {
    post: async (message: Uint8Array) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, message.slice()));
      const envelope = encoding.createEncoder();
      encoding.writeVarString(envelope, 'AES-GCM');
      encoding.writeVarUint8Array(envelope, iv);
      encoding.writeVarUint8Array(envelope, cipher);
      channel.postMessage(encoding.toUint8Array(envelope));
    },
    postRaw: (bytes: Uint8Array) => channel.postMessage(bytes),
    close: () => channel.close(),
  };
}

describe('PeerSync: messages from other tabs', () => {
  beforeEach(() => {
    for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
  });
  afterEach(() => vi.unstubAllGlobals());

  async function setUp(id: string) {
    const doc = new Y.Doc();
    const keys = await deriveWorkspaceKeys(id, SECRET);
    const problems: string[] = [];
    const heard = new Set<() => void>();
    const sync = new PeerSync(doc, keys, {
      relays: [],
      iceServers: [],
      member: { id: 'm1', name: 'Li' },
      knownTeammates: [],
      saveTeammates: () => {},
      onProblem: (p) => {
        problems.push(p);
        heard.forEach((f) => f());
      },
    });
    // The provider opens its room when the key is derived, in the first callback on that promise.
    await sync.provider.key;
    expect(sync.provider.room?.bcconnected).toBe(true);
    // Every message the room decrypts passes the guard's check first: counting the checks counts
    // what it has read. The problem a check finds is reported in the same turn, before `until` resumes.
    const guard = sync.provider.bcGuard!;
    const inspect = guard.rejectReason.bind(guard);
    let read = 0;
    guard.rejectReason = (message) => {
      const verdict = inspect(message);
      read += 1;
      heard.forEach((f) => f());
      return verdict;
    };
    const tab = await otherTab(keys);
    /** Resolves once `check` holds, looked at whenever the room reads a message, reports a problem or changes the document. */
    const until = (check: () => boolean) =>
      new Promise<void>((resolve) => {
        const look = () => {
          if (!check()) return;
          heard.delete(look);
          doc.off('update', look);
          resolve();
        };
        heard.add(look);
        doc.on('update', look);
        look();
      });
    const cleanUp = () => {
      tab.close();
      sync.destroy();
      doc.destroy();
    };
    return { doc, problems, tab, until, read: () => read, cleanUp };
  }

  it("applies another tab's update", async () => {
    const { doc, problems, tab, until, cleanUp } = await setUp('ws-tabs-ok');
    const theirs = new Y.Doc();
    theirs.getMap('customers').set('c1', 'from the other tab');
    await tab.post(syncMessage(syncProtocol.messageYjsUpdate, Y.encodeStateAsUpdate(theirs)));
    await until(() => doc.getMap('customers').has('c1'));
    expect(doc.getMap('customers').get('c1')).toBe('from the other tab');
    expect(problems).toEqual([]);
    cleanUp();
  });

  it('reports a malformed update, an oversized one and undecryptable bytes, and keeps the document', async () => {
    const { doc, problems, tab, until, cleanUp } = await setUp('ws-tabs-bad');
    doc.getMap('customers').set('mine', 1);
    const before = Y.encodeStateAsUpdate(doc);

    await tab.post(syncMessage(syncProtocol.messageYjsUpdate, new Uint8Array([1, 200, 7, 9, 9, 9])));
    await until(() => problems.length === 1);
    // A length prefix that claims more than the 256 MiB any update may have.
    await tab.post(new Uint8Array([0, syncProtocol.messageYjsUpdate, 0x80, 0x80, 0x80, 0x80, 0x04]));
    await until(() => problems.length === 2);
    tab.postRaw(new Uint8Array([1, 2, 3]));
    await until(() => problems.length === 3);

    expect(problems).toEqual(['malformed-update', 'oversized-update', 'malformed-update']);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    cleanUp();
  });

  it('reports a message type y-webrtc does not know, once however often it comes', async () => {
    const { doc, problems, tab, until, read, cleanUp } = await setUp('ws-tabs-unknown');
    const before = Y.encodeStateAsUpdate(doc);
    for (let i = 0; i < 5; i++) await tab.post(Uint8Array.of(9, i));
    // The document still reads what comes after them.
    await tab.post(syncMessage(syncProtocol.messageYjsUpdate, new Uint8Array([1, 200, 7, 9, 9, 9])));
    // Decryption may finish in another order than the posts: wait until all six were read.
    await until(() => read() === 6);

    expect([...problems].sort()).toEqual(['malformed-update', 'unknown-message']);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    cleanUp();
  });
});

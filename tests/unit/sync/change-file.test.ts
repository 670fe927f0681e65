import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readChangeFile, readChangeFileHeader, writeChangeFile, ChangeFileReadError } from '../../../src/sync/change-file';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';
import { toBase64Url } from '../../../src/sync/base64url';
import { inspectPeerMessage } from '../../../src/sync/update-guard';
import * as encoding from 'lib0/encoding';

const id = '01938f2e-7b1c-7a00-8000-0123456789ab';
const secret = toBase64Url(new Uint8Array(32).fill(9));
const from = { memberId: 'm1', name: 'Li' };

async function setup() {
  const keys = await deriveWorkspaceKeys(id, secret);
  const a = new Y.Doc();
  a.getMap('customers').set('c1', 'Wang');
  return { keys, a };
}

async function code(promise: Promise<unknown>) {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof ChangeFileReadError ? error.code : String(error);
  }
}

describe('change files', () => {
  it('carry the whole workspace to a device that never had a network', async () => {
    const { keys, a } = await setup();
    const file = await writeChangeFile(a, keys.fileKey, { workspaceId: id, workspaceName: 'Shop', from });
    const { header, update } = await readChangeFile(file, id, keys.fileKey);
    const b = new Y.Doc();
    Y.applyUpdate(b, update);
    expect(b.getMap('customers').get('c1')).toBe('Wang');
    expect(header.from).toEqual(from);
    expect(header.partial).toBe(false);
  });

  it('can hold only what the recipient lacks, given its state vector', async () => {
    const { keys, a } = await setup();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    a.getMap('customers').set('c2', 'Zhao');
    const full = await writeChangeFile(a, keys.fileKey, { workspaceId: id, workspaceName: 'Shop', from });
    const partial = await writeChangeFile(a, keys.fileKey, { workspaceId: id, workspaceName: 'Shop', from, recipientSv: Y.decodeStateVector(Y.encodeStateVector(b)) });
    expect(partial.length).toBeLessThan(full.length);
    Y.applyUpdate(b, (await readChangeFile(partial, id, keys.fileKey)).update);
    expect(b.getMap('customers').toJSON()).toEqual({ c1: 'Wang', c2: 'Zhao' });
  });

  it('are encrypted: the customer name is not in the file', async () => {
    const { keys, a } = await setup();
    const file = await writeChangeFile(a, keys.fileKey, { workspaceId: id, workspaceName: 'Shop', from });
    expect(Buffer.from(file).includes(Buffer.from('Wang'))).toBe(false);
  });

  it('of another workspace are recognised before decrypting', async () => {
    const { keys, a } = await setup();
    const file = await writeChangeFile(a, keys.fileKey, { workspaceId: id, workspaceName: 'Shop', from });
    expect(await code(readChangeFile(file, '01938f2e-7b1c-7a00-8000-ffffffffffff', keys.fileKey))).toBe('errors.changeFileOtherWorkspace');
    expect(readChangeFileHeader(file).header.workspaceName).toBe('Shop');
  });

  it.each<[string, (f: Uint8Array) => Uint8Array, string]>([
    ['not a Kehu file', () => new TextEncoder().encode('name,phone\nWang,138'), 'errors.changeFileNotKehu'],
    ['empty', () => new Uint8Array(0), 'errors.changeFileNotKehu'],
    ['cut short', (f) => f.slice(0, f.length - 20), 'errors.changeFileCorrupt'],
    ['a flipped byte in the data', (f) => { const c = f.slice(); c[c.length - 3]! ^= 1; return c; }, 'errors.changeFileCorrupt'],
    ['an altered header', (f) => { const c = f.slice(); c[20]! ^= 1; return c; }, 'errors.changeFileCorrupt'],
  ])('that are %s are refused with a clear code', async (_n, damage, expected) => {
    const { keys, a } = await setup();
    const file = await writeChangeFile(a, keys.fileKey, { workspaceId: id, workspaceName: 'Shop', from });
    expect(await code(readChangeFile(damage(file), id, keys.fileKey))).toBe(expected);
  });

  it.each<[string, (header: Record<string, unknown>) => string]>([
    ['a header nested 20,000 levels deep', (h) => `${JSON.stringify(h).slice(0, -1)},"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`],
    ['a sender that is not an object', (h) => JSON.stringify({ ...h, from: 'Li' })],
    ['a workspace name that is not text', (h) => JSON.stringify({ ...h, workspaceName: { name: 'Shop' } })],
    ['a header that is not an object', () => '["KEHU"]'],
  ])('with %s are refused as damaged', async (_n, alter) => {
    const { keys, a } = await setup();
    const file = await writeChangeFile(a, keys.fileKey, { workspaceId: id, workspaceName: 'Shop', from });
    const header = readChangeFileHeader(file).header as unknown as Record<string, unknown>;
    const bytes = new TextEncoder().encode(alter(header));
    const forged = new Uint8Array(12 + bytes.length + 40);
    forged.set(new TextEncoder().encode('KEHUCHG1'));
    new DataView(forged.buffer).setUint32(8, bytes.length);
    forged.set(bytes, 12);
    expect(() => readChangeFileHeader(forged)).toThrow(ChangeFileReadError);
  });

  it('made with another secret are refused', async () => {
    const { keys, a } = await setup();
    const other = await deriveWorkspaceKeys(id, toBase64Url(new Uint8Array(32).fill(1)));
    const file = await writeChangeFile(a, other.fileKey, { workspaceId: id, workspaceName: 'Shop', from });
    expect(await code(readChangeFile(file, id, keys.fileKey))).toBe('errors.changeFileCorrupt');
  });
});

describe('peer message guard', () => {
  const syncMessage = (sub: number, update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  };
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 'v');
  const good = Y.encodeStateAsUpdate(doc);

  it.each<[string, Uint8Array, boolean]>([
    ['a well-formed update', syncMessage(2, good), true],
    ['a well-formed sync step 2', syncMessage(1, good), true],
    ['an awareness message', Uint8Array.of(1, 0), true],
    ['a query for awareness', Uint8Array.of(3), true],
    ['a message type y-webrtc does not know', Uint8Array.of(2, 0), false],
    ['a message type past the last one y-webrtc knows', Uint8Array.of(9), false],
    ['a message cut inside its header', Uint8Array.of(0, 2, 200), false],
    ['an update shorter than its announced length', syncMessage(2, good).slice(0, 10), false],
  ])('%s → accepted: %s', (_n, message, ok) => {
    expect(inspectPeerMessage(message).ok).toBe(ok);
  });

  // What the guard lets through is applied by Yjs, which parses every struct before it
  // integrates any: a malformed update throws and leaves the document as it was.
  it.each<[string, Uint8Array]>([
    ['truncated', good.slice(0, good.length - 4)],
    ['garbage', new Uint8Array(40).fill(255)],
    ['cut in the middle', good.slice(0, Math.floor(good.length / 2))],
  ])('a %s update throws in Yjs without changing the document', (_n, bad) => {
    const target = new Y.Doc();
    target.getMap('m').set('mine', 1);
    const before = Y.encodeStateAsUpdate(target);
    expect(() => Y.applyUpdate(target, bad)).toThrow();
    expect(Y.encodeStateAsUpdate(target)).toEqual(before);
    expect(target.getMap('m').toJSON()).toEqual({ mine: 1 });
  });
});

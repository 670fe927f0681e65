import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { webcrypto } from 'node:crypto';
import * as Y from 'yjs';
import { inviteLink, parseInvite } from '../../../src/sync/invite';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';
import { readChangeFile, writeChangeFile } from '../../../src/sync/change-file';
import { FrameAssembler, splitIntoFrames } from '../../../src/sync/frames';
import { newRecordMap, readRecord, writeChanges } from '../../../src/workspace/record-map';
import type { RecordMap } from '../../../src/workspace/layout';
import { collectionSchemas } from '../../../src/workspace/collection-schemas';

/**
 * Another client, written from docs/sync-protocol.md and docs/workspace-format.md alone: Node's
 * own CRC-32, WebCrypto and yjs, none of Kehu's code. If the docs drift from what Kehu does,
 * these tests fail, so "precise enough to write another client" stays true.
 */
const subtle = webcrypto.subtle;
const utf8 = new TextEncoder();
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** WebCrypto's types take only bytes over an ArrayBuffer. */
const bytes = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;

const workspaceId = '019a0b31-7720-7099-bf77-f439deb800f2';
const secretRaw = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
const secret = b64url(secretRaw);

/** "check": CRC-32 of the ASCII text `<id>/<secret>`, 4 bytes big-endian, base64url. */
function check(id: string, s: string): string {
  const crc = crc32(`${id}/${s}`);
  return b64url(Uint8Array.of(crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff));
}

/** HKDF-SHA-256, ikm = secret bytes, salt = UTF-8(workspace id). */
async function hkdf(info: string, length: number): Promise<Uint8Array> {
  const ikm = await subtle.importKey('raw', bytes(secretRaw), 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: utf8.encode(workspaceId), info: utf8.encode(info) }, ikm, length * 8));
}

const fileKey = async () => subtle.importKey('raw', bytes(await hkdf('kehu/file/v1', 32)), 'AES-GCM', false, ['encrypt', 'decrypt']);

/** `"KEHUCHG1"`, uint32 BE header length, header JSON, 12-byte IV, AES-GCM(update) with the header as additional data. */
async function readFile(file: Uint8Array) {
  expect(new TextDecoder().decode(file.subarray(0, 8))).toBe('KEHUCHG1');
  const length = new DataView(file.buffer, file.byteOffset).getUint32(8);
  const headerBytes = file.subarray(12, 12 + length);
  const iv = file.subarray(12 + length, 24 + length);
  const update = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: bytes(iv), additionalData: bytes(headerBytes) }, await fileKey(), bytes(file.subarray(24 + length))));
  return { header: JSON.parse(new TextDecoder().decode(headerBytes)) as Record<string, unknown>, update };
}

async function writeFile(header: object, update: Uint8Array): Promise<Uint8Array> {
  const headerBytes = utf8.encode(JSON.stringify(header));
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerBytes }, await fileKey(), bytes(update)));
  const out = new Uint8Array(12 + headerBytes.length + 12 + cipher.length);
  out.set(utf8.encode('KEHUCHG1'));
  new DataView(out.buffer).setUint32(8, headerBytes.length);
  out.set(headerBytes, 12);
  out.set(iv, 12 + headerBytes.length);
  out.set(cipher, 24 + headerBytes.length);
  return out;
}

/** Reading a record: `base`, then every other key (`tag:` builds tags, `cf:` builds custom, others replace the field). */
function readAsDocumented(map: Y.Map<unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = { ...(map.get('base') as object) };
  const tags = new Set<string>((record.tags as string[] | undefined) ?? []);
  const custom: Record<string, unknown> = { ...(record.custom as object | undefined) };
  for (const [key, value] of map) {
    if (key === 'base') continue;
    if (key.startsWith('tag:')) {
      // `true` or `null` (removed).
      if (value === true) tags.add(key.slice(4));
      else if (value === null) tags.delete(key.slice(4));
    } else if (key.startsWith('cf:')) custom[key.slice(3)] = value;
    else record[key] = value;
  }
  return { ...record, tags: [...tags].sort(), custom };
}

/**
 * Frames of at most 16 384 bytes: `0` + whole message; or `1` + uint32 BE total + payload, then
 * `2` + payload (middle), `3` + payload (last).
 */
function frame(message: Uint8Array, max = 16_384): Uint8Array[] {
  if (message.length + 1 <= max) return [Uint8Array.of(0, ...message)];
  const frames: Uint8Array[] = [];
  const first = new Uint8Array(max);
  first[0] = 1;
  new DataView(first.buffer).setUint32(1, message.length);
  first.set(message.subarray(0, max - 5), 5);
  frames.push(first);
  for (let at = max - 5; at < message.length; at += max - 1) {
    const part = message.subarray(at, at + max - 1);
    frames.push(Uint8Array.of(at + part.length >= message.length ? 3 : 2, ...part));
  }
  return frames;
}

describe('a client written from the protocol docs', () => {
  it('makes invite links Kehu opens, and reads the ones Kehu makes', () => {
    const link = `http://localhost:8420/#/join/${workspaceId}/${secret}/${check(workspaceId, secret)}?name=${encodeURIComponent('王记 Shop')}`;
    expect(parseInvite(link)).toEqual({ ok: true, invite: { workspaceId, secret, name: '王记 Shop' } });

    const made = inviteLink('http://localhost:8420/', { workspaceId, secret, name: 'Acme' });
    const match = /#\/join\/([^/]+)\/([^/]+)\/([^?]+)\?name=(.*)$/.exec(made);
    expect(match?.slice(1)).toEqual([workspaceId, secret, check(workspaceId, secret), 'Acme']);
    expect(made.split('#')[0]).toBe('http://localhost:8420/');
  });

  it('derives the same room name and signalling password', async () => {
    const keys = await deriveWorkspaceKeys(workspaceId, secret);
    const room = 'kehu-' + Buffer.from(await hkdf('kehu/room/v1', 16)).toString('hex');
    expect(room).toHaveLength(37);
    expect(keys.room).toBe(room);
    expect(keys.password).toBe(b64url(await hkdf('kehu/signal/v1', 32)));
  });

  it('reads a change file Kehu wrote, and the customer in it', async () => {
    const doc = new Y.Doc();
    const fields = {
      id: 'c1', kind: 'person', name: '王芳', phones: [{ label: 'mobile', number: '+8613800138000' }], emails: [], address: { street: '', city: '上海', region: '', postalCode: '', country: 'CN' },
      source: null, status: 'active', ownerId: null, birthday: null, foundedOn: null, notes: '', industry: '', size: null, tags: ['VIP'], custom: {},
      createdAt: '2026-11-24T09:30:00.000Z', createdBy: 'm1', updatedAt: '2026-11-24T09:30:00.000Z', updatedBy: 'm1', deletedAt: null,
    };
    const record: RecordMap = newRecordMap({ ...fields, tags: ['VIP', 'wholesale'], custom: { f1: 'gold' } });
    doc.getMap('customers').set('c1', record);
    record.set('status', 'lost');
    // Later edits as Kehu writes them: a tag removed, a custom value changed.
    writeChanges(record, { tags: ['VIP'], custom: { f1: 'silver' } });
    const keys = await deriveWorkspaceKeys(workspaceId, secret);
    const file = await writeChangeFile(doc, keys.fileKey, { workspaceId, workspaceName: 'Acme', from: { memberId: 'm1', name: 'Li' } });

    const { header, update } = await readFile(file);
    // The IV (after the header) is new for each file.
    const again = await writeChangeFile(doc, keys.fileKey, { workspaceId, workspaceName: 'Acme', from: { memberId: 'm1', name: 'Li' } });
    const ivOf = (f: Uint8Array) => Buffer.from(f.subarray(12 + new DataView(f.buffer, f.byteOffset).getUint32(8)).subarray(0, 12)).toString('hex');
    expect(ivOf(again)).not.toBe(ivOf(file));
    expect(header).toMatchObject({ v: 1, workspaceId, workspaceName: 'Acme', from: { memberId: 'm1', name: 'Li' }, partial: false });
    expect(new Date(header.createdAt as string).toISOString()).toBe(header.createdAt);
    // `sv`: the sender's state vector as { "<client id>": clock }.
    expect(header.sv).toEqual({ [String(doc.clientID)]: Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) });
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, update);
    expect(readAsDocumented(theirs.getMap('customers').get('c1') as Y.Map<unknown>)).toEqual({ ...fields, status: 'lost', tags: ['VIP'], custom: { f1: 'silver' } });
  });

  it('writes a change file with a customer that Kehu imports and accepts', async () => {
    const doc = new Y.Doc();
    const base = {
      id: '019a0b31-86c0-7f36-980b-03ce819f8cf8', kind: 'company', name: 'Acme Trading', phones: [], emails: [{ label: 'work', address: 'sales@acme.example' }],
      address: { street: '1 Nanjing Road', city: 'Shanghai', region: '', postalCode: '200001', country: 'CN' }, source: 'referral', status: 'lead', ownerId: null,
      birthday: null, foundedOn: '2019-05-01', notes: '', industry: 'Retail', size: '10-49', custom: {},
      createdAt: '2026-11-24T09:30:00.000Z', createdBy: 'm2', updatedAt: '2026-11-24T09:30:00.000Z', updatedBy: 'm2', deletedAt: null,
    };
    doc.transact(() => {
      const map = new Y.Map<unknown>();
      doc.getMap('customers').set(base.id, map);
      map.set('base', base);
      map.set('tag:wholesale', true);
    });
    const update = Y.encodeStateAsUpdate(doc);
    const sv = Object.fromEntries([...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([client, clock]) => [String(client), clock]));
    const header = { v: 1, workspaceId, workspaceName: 'Acme', from: { memberId: 'm2', name: 'Bo' }, createdAt: new Date().toISOString(), sv, partial: false };
    const file = await writeFile(header, update);

    const keys = await deriveWorkspaceKeys(workspaceId, secret);
    const read = await readChangeFile(file, workspaceId, keys.fileKey);
    const kehu = new Y.Doc();
    Y.applyUpdate(kehu, read.update);
    const record = readRecord(kehu.getMap('customers').get(base.id) as RecordMap);
    expect(record).toMatchObject({ name: 'Acme Trading', tags: ['wholesale'] });
    // The field reference is enough to write a record Kehu's own validation takes.
    expect(collectionSchemas.customers.safeParse(record).success).toBe(true);
  });

  it('frames data-channel messages as Kehu does, both ways', () => {
    const message = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 7) & 0xff);
    // Long, short, the largest single frame, and the smallest message in two frames (no middle one).
    for (const m of [message, message.subarray(0, 100), message.subarray(0, 16_383), message.subarray(0, 16_384)]) {
      expect(splitIntoFrames(m)).toEqual(frame(m));
      const received: Uint8Array[] = [];
      const assembler = new FrameAssembler((whole) => received.push(whole.slice()), (problem) => received.push(utf8.encode(problem)));
      for (const f of frame(m)) assembler.push(f);
      expect(received).toEqual([m]);
    }
  });
});

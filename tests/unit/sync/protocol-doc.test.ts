import { describe, expect, it } from 'vitest';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { webcrypto } from 'node:crypto';
import * as Y from 'yjs';
import { inviteLink, parseInvite } from '../../../src/sync/invite';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';
import { readChangeFile, writeChangeFile } from '../../../src/sync/change-file';
import { FrameAssembler, splitIntoFrames } from '../../../src/sync/frames';
import { newRecordMap, readRecord, writeChanges } from '../../../src/workspace/record-map';
import type { RecordMap } from '../../../src/workspace/layout';
import { collectionSchemas } from '../../../src/workspace/collection-schemas';
import { deflateMessage } from '../../../src/sync/deflated-messages';
import { inspectPeerMessage } from '../../../src/sync/update-guard';
import { Workspace } from '../../../src/workspace/workspace';
import { initialiseWorkspace, upsertMember } from '../../../src/workspace/settings-commands';
import { insertRecord, restoreRecord, softDeleteRecord } from '../../../src/workspace/record-commands';
import { activityLog, settingsMap } from '../../../src/workspace/layout';
import { crmSettingsSchema } from '../../../src/domain/crm-settings';
import { readVerification } from '../../../src/domain/verification';

/**
 * Another client, written from docs/sync-protocol.md and docs/workspace-format.md alone: Node's
 * own CRC-32, WebCrypto and yjs, none of Kehu's code. If the docs drift from what Kehu does,
 * these tests fail, so "precise enough to write another client" stays true. Each detail a
 * client written from the docs once had to guess (padding, what the frame limit counts, frame 6's
 * length, the members record, ...) is checked here against the code that writes or reads it.
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

  it('takes the password as base64url without padding', async () => {
    const keys = await deriveWorkspaceKeys(workspaceId, secret);
    expect(keys.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('counts the type byte and the length bytes in the 16 384-byte frame limit', () => {
    const message = Uint8Array.from({ length: 50_000 }, (_, i) => i & 0xff);
    const frames = splitIntoFrames(message);
    expect(Math.max(...frames.map((f) => f.length))).toBe(16_384);
    // First frame: type, 4 length bytes, 16 379 payload bytes; later ones: type and up to 16 383.
    expect(frames[0]!.length - 5).toBe(16_379);
    expect(frames[1]!.length - 1).toBe(16_383);
    expect(splitIntoFrames(message.subarray(0, 16_383))).toHaveLength(1);
  });

  it("reads and writes frame 6, whose length counts the deflated payload's own length prefix", () => {
    // Sixteen letters in a pseudo-random order: deflates to about half, still several frames.
    let seed = 7;
    const message = Uint8Array.from({ length: 100_000 }, () => 97 + ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) >>> 28));
    // As documented: uint32 BE message length, then a raw DEFLATE stream of it.
    const payload = new Uint8Array([...new Uint8Array(new Uint32Array([0]).buffer), ...deflateRawSync(message)]);
    new DataView(payload.buffer).setUint32(0, message.length);
    const ours = frame(payload).map((f, i) => (i === 0 ? Uint8Array.of(6, ...f.subarray(1)) : f));
    expect(ours.length).toBeGreaterThan(1);
    expect(new DataView(ours[0]!.buffer).getUint32(1)).toBe(payload.length);
    const received: Uint8Array[] = [];
    const assembler = new FrameAssembler((whole) => received.push(whole.slice()), (problem) => received.push(utf8.encode(problem)));
    assembler.push(Uint8Array.of(4, ...utf8.encode('deflate-raw')));
    for (const f of ours) assembler.push(f);
    expect(received).toEqual([message]);

    // And Kehu's: frame 6 announces the payload with its prefix; the prefix is the message's length.
    const kehu = deflateMessage(message)!;
    const kehuFrames = splitIntoFrames(kehu, 16_384, true);
    expect(kehuFrames[0]![0]).toBe(6);
    const announced = new DataView(kehuFrames[0]!.buffer).getUint32(1);
    const joined = Buffer.concat([kehuFrames[0]!.subarray(5), ...kehuFrames.slice(1).map((f) => f.subarray(1))]);
    expect(joined.length).toBe(announced);
    expect(joined.readUInt32BE(0)).toBe(message.length);
    expect(new Uint8Array(inflateRawSync(joined.subarray(4)))).toEqual(message);
  });

  it('still delivers a whole frame that arrives in the middle of a longer message, and drops the longer one', () => {
    const long = Uint8Array.from({ length: 40_000 }, (_, i) => i & 0xff);
    const short = Uint8Array.of(7, 7, 7);
    const received: (Uint8Array | string)[] = [];
    const assembler = new FrameAssembler((whole) => received.push(whole.slice()), (problem) => received.push(problem));
    const [first, ...rest] = frame(long);
    assembler.push(first!);
    assembler.push(frame(short)[0]!);
    for (const f of rest) assembler.push(f);
    expect(received[0]).toBe('unexpected-frame');
    expect(received[1]).toEqual(short);
  });

  it("refuses a message type y-webrtc does not know, and passes the four it does and Kehu's mesh signal (5)", () => {
    for (const type of [0, 1, 3, 4, 5]) expect(inspectPeerMessage(Uint8Array.of(type, 0)).ok).toBe(true);
    for (const type of [2, 6, 200]) expect(inspectPeerMessage(Uint8Array.of(type, 0))).toEqual({ ok: false, reason: 'unknown-message' });
  });

  describe('the document as the format page says', () => {
    const at = new Date('2026-11-24T09:30:00.000Z');
    const workspace = () => {
      const ws = new Workspace(workspaceId, new Y.Doc(), 'm1', () => at);
      initialiseWorkspace(ws, { name: 'Acme', defaultRegion: 'CN' });
      return ws;
    };

    it('writes a member as a full record, not { name }', () => {
      const ws = workspace();
      upsertMember(ws, 'Li');
      const base = (ws.doc.getMap('members').get('m1') as Y.Map<unknown>).get('base');
      expect(base).toEqual({ id: 'm1', name: 'Li', createdAt: at.toISOString(), createdBy: 'm1', updatedAt: at.toISOString(), updatedBy: 'm1', deletedAt: null });
      expect(collectionSchemas.members.safeParse({ name: 'Li' }).success).toBe(false);
    });

    it('reads verifiedAt and verifiedBy of a customer, and their absence as null', () => {
      const customer = { createdAt: at.toISOString(), verifiedAt: '2026-12-01T08:00:00.000Z', verifiedBy: 'm2' };
      expect(readVerification(customer)).toEqual({ verifiedAt: '2026-12-01T08:00:00.000Z', verifiedBy: 'm2' });
      expect(readVerification({ createdAt: at.toISOString() })).toEqual({ verifiedAt: null, verifiedBy: null });
    });

    it('writes create, delete and restore entries with field, old and new all null', () => {
      const ws = workspace();
      const id = insertRecord(ws, 'products', { name: 'Tea', sku: '', unitPrice: 100, currency: 'CNY', active: true, notes: '' });
      softDeleteRecord(ws, 'products', id);
      restoreRecord(ws, 'products', id);
      const entries = activityLog(ws.doc).toArray() as { kind: string; field: unknown; old: unknown; new: unknown }[];
      const lifecycle = entries.filter((e) => e.kind !== 'update');
      expect(lifecycle.map((e) => e.kind)).toEqual(['create', 'delete', 'restore']);
      for (const e of lifecycle) expect([e.field, e.old, e.new]).toEqual([null, null, null]);
    });

    it('has no settings.crm in a new workspace, and reads a missing or bad one as the defaults', () => {
      expect(settingsMap(workspace().doc).has('crm')).toBe(false);
      const defaults = { currency: 'CNY', complaintSlaDays: { critical: 1, high: 2, medium: 5, low: 10 }, verifyAfterMonths: 6, reminderWindowDays: 7, refundDueDays: 7 };
      expect(crmSettingsSchema.parse({})).toEqual(defaults);
      expect(crmSettingsSchema.parse({ currency: 5, verifyAfterMonths: 12 })).toEqual({ ...defaults, verifyAfterMonths: 12 });
    });
  });
});

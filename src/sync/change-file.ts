import * as Y from 'yjs';
import { isWellFormedUpdate } from './update-guard';
import { stateVectorOf, svFromJson, svToJson } from './state-vectors';
import { checkBounds, type ValueBounds } from '../domain/value-bounds';

/**
 * A `.kehu` change file carries Yjs changes between devices that never share a network
 * (docs/sync-protocol.md, "Change files"):
 *   "KEHUCHG1" (8 bytes) | header length (uint32 BE) | header JSON (UTF-8) | 12-byte IV | AES-GCM ciphertext
 * The header is in the clear so a file of another workspace is recognised before decrypting, and
 * it is authenticated as AES-GCM additional data so it cannot be altered.
 */
export interface ChangeFileHeader {
  v: 1;
  workspaceId: string;
  workspaceName: string;
  from: { memberId: string; name: string };
  createdAt: string;
  /** The sender's state vector: the receiver can answer with only what the sender lacks. */
  sv: Record<string, number>;
  /** True when the file holds only what the recipient's state vector lacked. */
  partial: boolean;
}

const MAGIC = new TextEncoder().encode('KEHUCHG1');
const MAX_HEADER = 64 * 1024;

export type ChangeFileError = 'errors.changeFileNotKehu' | 'errors.changeFileOtherWorkspace' | 'errors.changeFileCorrupt';

export class ChangeFileReadError extends Error {
  override name = 'ChangeFileReadError';
  constructor(
    readonly code: ChangeFileError,
    readonly header?: ChangeFileHeader,
  ) {
    super(code);
  }
}

export async function writeChangeFile(
  doc: Y.Doc,
  key: CryptoKey,
  info: { workspaceId: string; workspaceName: string; from: { memberId: string; name: string }; recipientSv?: Map<number, number> },
): Promise<Uint8Array> {
  const update = info.recipientSv ? Y.encodeStateAsUpdate(doc, Y.encodeStateVector(info.recipientSv)) : Y.encodeStateAsUpdate(doc);
  const header: ChangeFileHeader = {
    v: 1,
    workspaceId: info.workspaceId,
    workspaceName: info.workspaceName,
    from: info.from,
    createdAt: new Date().toISOString(),
    sv: svToJson(stateVectorOf(doc)),
    partial: Boolean(info.recipientSv),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerBytes }, key, update as Uint8Array<ArrayBuffer>),
  );
  const out = new Uint8Array(MAGIC.length + 4 + headerBytes.length + iv.length + cipher.length);
  let at = 0;
  out.set(MAGIC, at);
  at += MAGIC.length;
  new DataView(out.buffer).setUint32(at, headerBytes.length);
  at += 4;
  out.set(headerBytes, at);
  at += headerBytes.length;
  out.set(iv, at);
  at += iv.length;
  out.set(cipher, at);
  return out;
}

/** A header is small and flat: its bounds are checked before any of it is read (a file is untrusted). */
const HEADER_BOUNDS: ValueBounds = { maxDepth: 3, maxNodes: 10_000, maxStringLength: 4_096, maxSize: MAX_HEADER * 2 };

function isHeader(value: unknown): value is ChangeFileHeader {
  const h = value as Partial<ChangeFileHeader> | null;
  return (
    typeof h === 'object' && h !== null && h.v === 1 && typeof h.workspaceId === 'string' && typeof h.workspaceName === 'string' &&
    typeof h.from === 'object' && h.from !== null && typeof h.from.memberId === 'string' && typeof h.from.name === 'string' &&
    typeof h.createdAt === 'string' && typeof h.partial === 'boolean'
  );
}

/** Reads the clear header only: enough to tell which workspace a file belongs to. */
export function readChangeFileHeader(file: Uint8Array): { header: ChangeFileHeader; headerBytes: Uint8Array; body: Uint8Array } {
  if (file.length < MAGIC.length + 4 || MAGIC.some((b, i) => file[i] !== b)) throw new ChangeFileReadError('errors.changeFileNotKehu');
  const length = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(MAGIC.length);
  const start = MAGIC.length + 4;
  if (length > MAX_HEADER || start + length + 12 + 16 > file.length) throw new ChangeFileReadError('errors.changeFileCorrupt');
  const headerBytes = file.subarray(start, start + length);
  let header: ChangeFileHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes)) as ChangeFileHeader;
  } catch {
    throw new ChangeFileReadError('errors.changeFileCorrupt');
  }
  if (!checkBounds(header, HEADER_BOUNDS).ok || !isHeader(header) || !svFromJson(header.sv)) throw new ChangeFileReadError('errors.changeFileCorrupt');
  return { header, headerBytes, body: file.subarray(start + length) };
}

/** Decrypts and checks a change file of this workspace; throws ChangeFileReadError otherwise. */
export async function readChangeFile(file: Uint8Array, workspaceId: string, key: CryptoKey): Promise<{ header: ChangeFileHeader; update: Uint8Array }> {
  const { header, headerBytes, body } = readChangeFileHeader(file);
  if (header.workspaceId !== workspaceId) throw new ChangeFileReadError('errors.changeFileOtherWorkspace', header);
  let update: Uint8Array;
  try {
    const iv = body.subarray(0, 12);
    update = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: headerBytes as Uint8Array<ArrayBuffer> },
        key,
        body.subarray(12) as Uint8Array<ArrayBuffer>,
      ),
    );
  } catch {
    throw new ChangeFileReadError('errors.changeFileCorrupt', header);
  }
  if (!isWellFormedUpdate(update)) throw new ChangeFileReadError('errors.changeFileCorrupt', header);
  return { header, update };
}

/**
 * Every update and snapshot passes through a codec on its way to and from IndexedDB, so that
 * passphrase encryption at rest can be switched on later without touching the storage code.
 */
export interface DocCodec {
  readonly id: string;
  encode(plain: Uint8Array): Promise<Uint8Array>;
  decode(stored: Uint8Array): Promise<Uint8Array>;
}

export const identityCodec: DocCodec = {
  id: 'identity',
  encode: async (plain) => plain,
  decode: async (stored) => stored,
};

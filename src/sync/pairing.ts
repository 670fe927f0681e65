import type { WebrtcProvider } from './webrtc/y-webrtc';
import {
  derivePairingKeys,
  encodePairingCode,
  openPairingCode,
  readPairingHeader,
  type PairingCodeError,
  type PairingKeys,
  type Parsed,
} from './pairing-code';

export type PairingError = PairingCodeError | 'errors.pairingExpired' | 'errors.pairingOwnCode' | 'errors.pairingFailed' | 'errors.pairingNeedsInvite' | 'errors.inviteOtherKey';
export type PairingResult<T> = { ok: true; value: T } | { ok: false; error: PairingError };

/** What a new device learns from an offer made for it: enough to join (as from an invite link). */
export interface InviteOffer {
  workspaceId: string;
  secret: string;
  name: string;
}

/**
 * Reads an offer made for a new device, checking its seal before anything is created: a changed
 * character is an error here, not a workspace that never syncs.
 */
export async function readInviteOffer(text: string): Promise<PairingResult<InviteOffer>> {
  const header = readPairingHeader(text, ['invite', 'offer']);
  if (!header.ok) return header;
  const invite = header.value.invite;
  if (!invite) return { ok: false, error: 'errors.pairingNeedsInvite' };
  const opened = await openPairingCode(header.value, await derivePairingKeys(invite.workspaceId, invite.secret));
  if (!opened.ok) return opened;
  return { ok: true, value: { ...invite, name: opened.value.name ?? '' } };
}

/**
 * Pairing by code for one workspace (docs/sync-protocol.md, "Pairing by code"): the connection it
 * makes is an ordinary connection of the workspace's room, so it syncs, carries presence and
 * relays mesh signals like one a relay introduced.
 */
export class Pairing {
  #keys: Promise<PairingKeys> | null = null;

  constructor(
    private readonly provider: () => WebrtcProvider | null,
    private readonly workspace: { id: string; secret: string },
    private readonly workspaceName: () => string,
  ) {}

  #pairingKeys(): Promise<PairingKeys> {
    return (this.#keys ??= derivePairingKeys(this.workspace.id, this.workspace.secret));
  }

  /** An offer code and the id its answer is accepted under; `forNewDevice` adds what joining needs. */
  async createOffer(forNewDevice: boolean): Promise<PairingResult<{ code: string; pairId: string }>> {
    try {
      const provider = this.provider();
      if (!provider) return { ok: false, error: 'errors.pairingFailed' };
      const room = await provider.whenRoom();
      const { pairId, sdp } = await room.pairOffer();
      const payload = { peerId: room.peerId, sdp, ...(forNewDevice ? { name: this.workspaceName() } : {}) };
      const invite = forNewDevice ? { workspaceId: this.workspace.id, secret: this.workspace.secret } : undefined;
      const code = await encodePairingCode(forNewDevice ? 'invite' : 'offer', payload, await this.#pairingKeys(), invite);
      return { ok: true, value: { code, pairId } };
    } catch (error) {
      console.error(error);
      return { ok: false, error: 'errors.pairingFailed' };
    }
  }

  /** Connects the offer `pairId` with the other device's answer; null once it is under way. */
  async acceptAnswer(pairId: string, text: string): Promise<PairingError | null> {
    const opened = await this.#open(text, ['answer']);
    if (!opened.ok) return opened.error;
    const room = this.provider()?.room;
    if (!room) return 'errors.pairingExpired';
    const refused = room.acceptPairAnswer(pairId, opened.value.peerId, opened.value.sdp);
    if (refused === 'expired') return 'errors.pairingExpired';
    if (refused === 'own') return 'errors.pairingOwnCode';
    return null;
  }

  /** The answer code to another device's offer (for a teammate, or for this device when it joined by that offer). */
  async answerOffer(text: string): Promise<PairingResult<string>> {
    const header = readPairingHeader(text, ['offer', 'invite']);
    if (!header.ok) return header;
    const invite = header.value.invite;
    if (invite && invite.workspaceId !== this.workspace.id) return { ok: false, error: 'errors.pairingOtherWorkspace' };
    if (invite && invite.secret !== this.workspace.secret) return { ok: false, error: 'errors.inviteOtherKey' };
    const opened = await openPairingCode(header.value, await this.#pairingKeys());
    if (!opened.ok) return opened;
    try {
      const provider = this.provider();
      if (!provider) return { ok: false, error: 'errors.pairingFailed' };
      const room = await provider.whenRoom();
      if (opened.value.peerId === room.peerId) return { ok: false, error: 'errors.pairingOwnCode' };
      const sdp = await room.pairAnswer(opened.value.peerId, opened.value.sdp);
      return { ok: true, value: await encodePairingCode('answer', { peerId: room.peerId, sdp }, await this.#pairingKeys()) };
    } catch (error) {
      console.error(error);
      return { ok: false, error: 'errors.pairingFailed' };
    }
  }

  async #open(text: string, kinds: readonly ('offer' | 'answer')[]): Promise<Parsed<{ peerId: string; sdp: string }>> {
    const header = readPairingHeader(text, kinds);
    if (!header.ok) return header;
    return openPairingCode(header.value, await this.#pairingKeys());
  }
}

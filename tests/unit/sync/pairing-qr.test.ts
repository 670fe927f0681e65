import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import jsQR from 'jsqr';
import { derivePairingKeys, encodePairingCode, PAIR_LINK_PATH, readPairingHeader } from '../../../src/sync/pairing-code';
import { toBase64Url } from '../../../src/sync/base64url';

/** The QR code as PairingCode.svelte draws it (level L, a margin of 2), as RGBA pixels of `scale` per module. */
function qrPixels(text: string, scale = 4) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const margin = 2;
  const side = (modules.size + margin * 2) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + margin) * scale + dy) * side + (x + margin) * scale + dx) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    }
  }
  return { pixels, side, version: modules.size };
}

describe('pairing codes as QR codes', async () => {
  const id = '01938f2e-7b1c-7a00-8000-0123456789ab';
  const secret = toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 5));
  const keys = await derivePairingKeys(id, secret);
  // A long description: six candidates, as a laptop with Wi-Fi, Ethernet and a VPN gathers.
  const candidates = Array.from({ length: 6 }, (_, i) => `a=candidate:${1000 + i} 1 udp 2122260223 10.${i}.0.2 5${i}421 typ host generation 0 network-id ${i + 1}`);
  const sdp = ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', ...candidates, 'a=ice-ufrag:q1Zk', 'a=ice-pwd:0sQ9r3M3x8m4VbGk1wq2Z7+a', 'a=fingerprint:sha-256 ' + Array.from({ length: 32 }, (_, i) => (i * 7 % 256).toString(16).padStart(2, '0').toUpperCase()).join(':'), 'a=setup:actpass', 'a=mid:0', 'a=sctp-port:5000', ''].join('\r\n');

  it("an offer's link survives drawing and reading back (jsQR, the camera fallback), at a size a phone reads", async () => {
    const code = await encodePairingCode('invite', { peerId: '6f1c1f0e-3f1e-4b55-9a7c-1f2e3d4c5b6a', sdp, name: 'Harbor Team' }, keys, { workspaceId: id, secret });
    const link = `https://kehu.example/app/${PAIR_LINK_PATH}${code}`;
    const { pixels, side, version } = qrPixels(link);
    // 4n + 17 modules: under version 25 (117 modules), which a phone camera reads from a screen at arm's length.
    expect(version).toBeLessThan(117);
    const read = jsQR(pixels, side, side);
    expect(read?.data).toBe(link);
    expect(readPairingHeader(read!.data, ['invite']).ok).toBe(true);
  });
});

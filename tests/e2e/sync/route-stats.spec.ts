import { test, expect } from '@playwright/test';
import { routeFromStats, type RouteStat } from '../../../src/sync/peer-routes';
import { startCoturn, TURN_PASSWORD, TURN_USER } from './support/coturn';

/**
 * The Team page's "via TURN relay" comes from routeFromStats reading RTCPeerConnection.getStats(). This
 * spec hands it the report of Debian's Chromium itself, for a connection forced through a coturn
 * TURN server on loopback (iceTransportPolicy 'relay') and for a direct one, so that a change in the
 * browser's stats shape fails here and not only behind NAT (the NAT spec in network namespaces).
 * Runs in the sync project (loopback WebRTC flags) inside the loopback-only namespace of scripts/test.sh.
 */

/** Connects two peer connections of one page and returns the first one's stats report, as plain objects. */
function connectedStats(turn: RTCIceServer | null): Promise<RouteStat[]> {
  return (async () => {
    // Without a media permission Chromium gathers no loopback host candidates (see sync-peers.ts).
    await navigator.mediaDevices?.getUserMedia({ audio: true }).catch(() => {});
    const config: RTCConfiguration = turn ? { iceServers: [turn], iceTransportPolicy: 'relay' } : { iceServers: [] };
    const a = new RTCPeerConnection(config);
    const b = new RTCPeerConnection(config);
    a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
    b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
    const channel = a.createDataChannel('route');
    const open = new Promise((resolve) => (channel.onopen = resolve));
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    await open;
    const report = [...(await a.getStats()).values()] as RouteStat[];
    a.close();
    b.close();
    return JSON.parse(JSON.stringify(report)) as RouteStat[];
  })();
}

test('a connection through coturn reads as TURN, a loopback one as direct, from Chromium’s own stats', async ({ page }, testInfo) => {
  const port = 34_700 + testInfo.workerIndex * 300;
  const turn = await startCoturn(port);
  try {
    // A page of localhost (a secure context) may ask for the fake microphone; about:blank may not.
    await page.goto('/');
    const relayed = await page.evaluate(connectedStats, { urls: `turn:127.0.0.1:${port}?transport=udp`, username: TURN_USER, credential: TURN_PASSWORD });
    // The shape routeFromStats relies on: the transport names the pair in use.
    const transport = relayed.find((s) => s.type === 'transport');
    expect(transport?.selectedCandidatePairId, 'transport.selectedCandidatePairId').toBeTruthy();
    const local = relayed.find((s) => s.type === 'local-candidate' && s.candidateType === 'relay');
    expect(local, 'a relay local candidate').toBeTruthy();
    expect(routeFromStats(relayed)).toBe('turn');

    const direct = await page.evaluate(connectedStats, null);
    expect(routeFromStats(direct)).toBe('direct');
  } finally {
    await turn.stop();
  }
});

import { describe, expect, it } from 'vitest';
import { PeerRoutes, routeFromStats, UNREACHABLE_AFTER_MS, type RouteConn, type RouteStat } from '../../../src/sync/peer-routes';

/** A report as Chromium's RTCPeerConnection.getStats() gives it for an open data channel connection (fields trimmed). */
function chromiumReport(local: string, remote: string, extraPairs: RouteStat[] = []): RouteStat[] {
  return [
    { id: 'CF12', type: 'certificate' } as RouteStat,
    { id: 'D1', type: 'data-channel' } as RouteStat,
    { id: 'P', type: 'peer-connection' } as RouteStat,
    { id: 'T01', type: 'transport', selectedCandidatePairId: 'CPa1_b1' } as RouteStat,
    { id: 'CPa2_b1', type: 'candidate-pair', localCandidateId: 'Ia2', remoteCandidateId: 'Ib1', state: 'failed', nominated: false },
    { id: 'CPa1_b1', type: 'candidate-pair', localCandidateId: 'Ia1', remoteCandidateId: 'Ib1', state: 'succeeded', nominated: true },
    ...extraPairs,
    { id: 'Ia1', type: 'local-candidate', candidateType: local },
    { id: 'Ia2', type: 'local-candidate', candidateType: 'host' },
    { id: 'Ib1', type: 'remote-candidate', candidateType: remote },
  ];
}

describe('route of a connection from its stats', () => {
  it.each<[string, string, string]>([
    ['host', 'host', 'direct'],
    ['srflx', 'prflx', 'direct'],
    ['relay', 'host', 'turn'],
    ['host', 'relay', 'turn'],
    ['relay', 'relay', 'turn'],
  ])('local %s, remote %s → %s', (local, remote, expected) => {
    expect(routeFromStats(chromiumReport(local, remote))).toBe(expected);
  });

  it('reads the pair the transport selected, not another nominated one', () => {
    const other: RouteStat = { id: 'CPx', type: 'candidate-pair', localCandidateId: 'Ix', remoteCandidateId: 'Ib1', state: 'succeeded', nominated: true };
    const report = [...chromiumReport('host', 'host', [other]), { id: 'Ix', type: 'local-candidate', candidateType: 'relay' }];
    expect(routeFromStats(report)).toBe('direct');
  });

  it('falls back to a selected pair (Firefox) or the nominated succeeded one', () => {
    const firefox: RouteStat[] = [
      { id: 'p1', type: 'candidate-pair', localCandidateId: 'l1', remoteCandidateId: 'r1', state: 'succeeded', nominated: true, selected: true },
      { id: 'l1', type: 'local-candidate', candidateType: 'relay' },
      { id: 'r1', type: 'remote-candidate', candidateType: 'host' },
    ];
    expect(routeFromStats(firefox)).toBe('turn');
    const noTransport = chromiumReport('relay', 'srflx').filter((s) => s.type !== 'transport');
    expect(routeFromStats(noTransport)).toBe('turn');
  });

  it('knows nothing before a pair is in use, and reads garbage as nothing', () => {
    expect(routeFromStats([])).toBeNull();
    expect(routeFromStats([{ id: 'T', type: 'transport' }, { id: 'CP', type: 'candidate-pair', state: 'in-progress', nominated: false }])).toBeNull();
    expect(routeFromStats([{ id: 'T', type: 'transport', selectedCandidatePairId: 'gone' }])).toBeNull();
    expect(routeFromStats([null, 7, { type: 'transport' }] as unknown as RouteStat[])).toBeNull();
  });
});

function conn(peerId: string, connected: boolean, report: RouteStat[] | null | Error = null): RouteConn {
  return { peerId, connected, stats: () => (report instanceof Error ? Promise.reject(report) : Promise.resolve(report)) };
}

describe('teammates and their routes over time', () => {
  it('says direct or via TURN from each connection, tied to its teammate by the peer id in their presence', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([conn('pa', true, chromiumReport('host', 'host')), conn('pb', true, chromiumReport('relay', 'srflx'))], 1_000);
    const { routes: mates, unknown } = routes.teammates(
      [
        { memberId: 'ann', peerId: 'pa' },
        { memberId: 'bo', peerId: 'pb' },
      ],
      1_000,
    );
    expect(mates).toEqual([
      { memberId: 'ann', route: 'direct', since: new Date(1_000).toISOString() },
      { memberId: 'bo', route: 'turn', since: new Date(1_000).toISOString() },
    ]);
    expect(unknown).toEqual([]);
  });

  it('keeps "since" while the route stays, moves it when the route changes', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([conn('pa', true, chromiumReport('host', 'host'))], 1_000);
    expect(await routes.refresh([conn('pa', true, chromiumReport('host', 'host'))], 6_000)).toBe(false);
    expect(routes.teammates([{ memberId: 'ann', peerId: 'pa' }], 6_000).routes[0]).toMatchObject({ route: 'direct', since: new Date(1_000).toISOString() });
    expect(await routes.refresh([conn('pa', true, chromiumReport('relay', 'host'))], 11_000)).toBe(true);
    expect(routes.teammates([{ memberId: 'ann', peerId: 'pa' }], 11_000).routes[0]).toMatchObject({ route: 'turn', since: new Date(11_000).toISOString() });
  });

  it('an open connection whose stats cannot be read yet is connecting; a failed read keeps the route it had', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([conn('pa', true, null)], 1_000);
    expect(routes.teammates([{ memberId: 'ann', peerId: 'pa' }], 1_000).routes[0]?.route).toBe('connecting');
    await routes.refresh([conn('pa', true, chromiumReport('relay', 'host'))], 2_000);
    await routes.refresh([conn('pa', true, new Error('closing'))], 3_000);
    expect(routes.teammates([{ memberId: 'ann', peerId: 'pa' }], 3_000).routes[0]?.route).toBe('turn');
  });

  it('a device the relay introduced that never connects is unreachable after a while, across retries, and unknown until its presence comes', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([conn('px', false)], 1_000);
    expect(routes.teammates([], 1_000).unknown).toEqual([]);
    // y-webrtc gives up on a connection and tries again: the attempt counts from the first try.
    await routes.refresh([], 1_000 + UNREACHABLE_AFTER_MS - 1);
    await routes.refresh([conn('px', false)], 1_000 + UNREACHABLE_AFTER_MS);
    expect(routes.teammates([], 1_000 + UNREACHABLE_AFTER_MS).unknown).toEqual([{ peerId: 'px', since: new Date(1_000).toISOString() }]);
    // Forgotten a minute after the last attempt.
    await routes.refresh([], 1_000 + UNREACHABLE_AFTER_MS + 61_000);
    expect(routes.teammates([], 1_000 + UNREACHABLE_AFTER_MS + 61_000).unknown).toEqual([]);
  });

  it('a connection made by a pairing code waits for its answer code without being unreachable; one by relay or mesh still is', async () => {
    const routes = new PeerRoutes();
    const byCode: RouteConn = { ...conn('pcode', false), byCode: true };
    // The answer code may take minutes to carry back (y-webrtc waits up to 15 of them).
    for (const at of [1_000, 1_000 + UNREACHABLE_AFTER_MS, 1_000 + 14 * 60_000]) await routes.refresh([byCode, conn('pmesh', false)], at);
    expect(routes.teammates([], 1_000 + 14 * 60_000).unknown).toEqual([{ peerId: 'pmesh', since: new Date(1_000).toISOString() }]);
    // The code's connection opens: a route like any other.
    await routes.refresh([{ ...conn('pcode', true, chromiumReport('host', 'host')), byCode: true }], 1_000 + 15 * 60_000);
    expect(routes.teammates([{ memberId: 'ann', peerId: 'pcode' }], 1_000 + 15 * 60_000).routes[0]?.route).toBe('direct');
  });

  it('a device a relay introduces after a code\'s wait for it counts from its own first try', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([{ ...conn('px', false), byCode: true }], 1_000);
    await routes.refresh([conn('px', false)], 60_000);
    await routes.refresh([conn('px', false)], 60_000 + UNREACHABLE_AFTER_MS - 1);
    expect(routes.teammates([], 60_000 + UNREACHABLE_AFTER_MS - 1).unknown).toEqual([]);
    await routes.refresh([conn('px', false)], 60_000 + UNREACHABLE_AFTER_MS);
    expect(routes.teammates([], 60_000 + UNREACHABLE_AFTER_MS).unknown).toEqual([{ peerId: 'px', since: new Date(60_000).toISOString() }]);
  });

  it('a teammate whose presence comes only through another device is reached indirectly, with a steady "since"', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([conn('pb', true, chromiumReport('host', 'host')), conn('pc', false)], 1_000);
    await routes.refresh([conn('pb', true, chromiumReport('host', 'host')), conn('pc', false)], 1_000 + UNREACHABLE_AFTER_MS);
    const presences = [
      { memberId: 'bo', peerId: 'pb' },
      { memberId: 'cy', peerId: 'pc' },
      { memberId: 'old', peerId: null },
    ];
    const first = routes.teammates(presences, 20_000);
    expect(first.routes.map((r) => [r.memberId, r.route])).toEqual([
      ['bo', 'direct'],
      ['cy', 'indirect'],
      ['old', 'indirect'],
    ]);
    // cy's presence names the failing connection: not an unknown device.
    expect(first.unknown).toEqual([]);
    expect(routes.teammates(presences, 30_000).routes[1]?.since).toBe(new Date(20_000).toISOString());
  });

  it('a person on two devices shows the better route', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([conn('p1', true, chromiumReport('relay', 'host')), conn('p2', true, chromiumReport('host', 'host'))], 1_000);
    const mates = routes.teammates(
      [
        { memberId: 'ann', peerId: 'p1' },
        { memberId: 'ann', peerId: 'p2' },
      ],
      1_000,
    ).routes;
    expect(mates).toEqual([{ memberId: 'ann', route: 'direct', since: new Date(1_000).toISOString() }]);
  });

  it('a connection that closes after it was open is forgotten', async () => {
    const routes = new PeerRoutes();
    await routes.refresh([conn('pa', true, chromiumReport('host', 'host'))], 1_000);
    expect(await routes.refresh([], 2_000)).toBe(true);
    expect(routes.teammates([{ memberId: 'ann', peerId: 'pa' }], 2_000).routes[0]?.route).toBe('indirect');
  });
});

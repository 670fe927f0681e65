// `npm run relay` (server/relay.js) and `npm start` (server/index.js) as processes: PORT, HOST, KEHU_TLS_CERT,
// KEHU_TLS_KEY and KEHU_RELAY_ORIGINS honoured, and what each prints (its URLs, what to set, what is wrong).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir, type NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { relayBanner } from '../../../server/relay.js';
import { startBanner } from '../../../server/index.js';
import { serverUrls } from '../../../server/listen.js';
import { makeCertificate } from './support/certificate';
import { freePort, runServer } from './support/server-process';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** Resolves once a wss/ws ping is answered (or rejects with what went wrong). */
function pong(url: string, ca?: string, origin?: string): Promise<string> {
  const ws = new WebSocket(url, { ca, headers: origin ? { Origin: origin } : {} });
  cleanups.push(() => ws.terminate());
  return new Promise<string>((resolve, reject) => {
    ws.once('open', () => ws.send('{"type":"ping"}'));
    ws.once('message', (data) => resolve(data.toString()));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [
    { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.20/24' },
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
    { address: 'fd00::20', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fd00::20/64', scopeid: 0 },
  ],
} satisfies NodeJS.Dict<NetworkInterfaceInfo[]>;

describe('serverUrls', () => {
  it('names localhost for this machine only, and each network address for 0.0.0.0 or ::', () => {
    expect(serverUrls('127.0.0.1', 8420, false, interfaces)).toEqual(['http://localhost:8420/']);
    expect(serverUrls('192.168.1.20', 8420, true, interfaces)).toEqual(['https://192.168.1.20:8420/']);
    expect(serverUrls('::1', 8420, true, interfaces)).toEqual(['https://[::1]:8420/']);
    expect(serverUrls('0.0.0.0', 8420, true, interfaces)).toEqual(['https://localhost:8420/', 'https://192.168.1.20:8420/']);
    expect(serverUrls('::', 8421, true, interfaces)).toEqual(['https://localhost:8421/', 'https://192.168.1.20:8421/', 'https://[fd00::20]:8421/']);
  });
});

describe('startBanner (npm start)', () => {
  it('prints the https URLs with the LAN addresses and the wss relay', () => {
    const lines = startBanner({ urls: serverUrls('0.0.0.0', 8420, true, interfaces), secure: true, host: '0.0.0.0' });
    expect(lines).toEqual([
      'Kehu is running at https://localhost:8420/',
      'Other devices on this network open: https://192.168.1.20:8420/',
      'Signalling relay for peer-to-peer sync: wss://192.168.1.20:8420/signal',
    ]);
  });

  it('says plainly that other devices need https, and how, when bound to the network without a certificate', () => {
    const text = startBanner({ urls: serverUrls('0.0.0.0', 8420, false, interfaces), secure: false, host: '0.0.0.0' }).join('\n');
    expect(text).toContain('Other devices on this network open: http://192.168.1.20:8420/');
    expect(text).toContain('Phones and other computers need https for sync and offline use');
    expect(text).toContain('KEHU_TLS_CERT=<cert.pem>');
    expect(text).toContain('docs/deploy.md');
    // On this machine only, http is fine: a browser counts localhost as secure.
    expect(startBanner({ urls: ['http://localhost:8420/'], secure: false, host: '127.0.0.1' }).join('\n')).not.toContain('https');
  });
});

describe('relayBanner (npm run relay)', () => {
  it('says which origins it admits and what to set when it admits none of another origin', () => {
    const text = relayBanner({ urls: ['https://relay.example:8421/'], secure: true, host: 'relay.example', allowedOrigins: [] }).join('\n');
    expect(text).toContain('Kehu signalling relay is running at wss://relay.example:8421/signal');
    expect(text).toContain("It admits pages from this relay's own address and localhost.");
    expect(text).toContain('Set KEHU_RELAY_ORIGINS to that origin, e.g. KEHU_RELAY_ORIGINS=https://example.org');
    const given = relayBanner({ urls: ['https://localhost:8421/'], secure: true, host: '127.0.0.1', allowedOrigins: ['https://app.example'] }).join('\n');
    expect(given).toContain("It admits pages from https://app.example, this relay's own address and localhost.");
    expect(relayBanner({ urls: ['https://localhost:8421/'], secure: true, host: '127.0.0.1', allowedOrigins: ['*'] }).join('\n')).toContain('any origin');
  });

  it('warns that https pages cannot use a ws:// relay on the network', () => {
    const text = relayBanner({ urls: serverUrls('0.0.0.0', 8421, false, interfaces), secure: false, host: '0.0.0.0', allowedOrigins: [] }).join('\n');
    expect(text).toContain('From other devices: ws://192.168.1.20:8421/signal');
    expect(text).toContain('browsers block ws:// from https pages');
  });
});

// A loopback address other than the default: reaching the process there proves HOST was used.
const HOST = '127.0.0.2';

describe('server/relay.js as `npm run relay` runs it', () => {
  it('serves wss on PORT at HOST with KEHU_TLS_CERT and KEHU_TLS_KEY, admitting KEHU_RELAY_ORIGINS', async () => {
    const { certPath, keyPath, ca } = makeCertificate([`IP:${HOST}`]);
    const port = await freePort(HOST);
    const relay = runServer('server/relay.js', { PORT: String(port), HOST, KEHU_TLS_CERT: certPath, KEHU_TLS_KEY: keyPath, KEHU_RELAY_ORIGINS: 'https://app.example' });
    const [first, second] = await relay.lines(2);
    expect(first).toBe(`Kehu signalling relay is running at wss://${HOST}:${port}/signal`);
    expect(second).toBe("It admits pages from https://app.example, this relay's own address and localhost.");
    expect(await pong(`wss://${HOST}:${port}/signal`, ca, 'https://app.example')).toBe('{"type":"pong"}');
    expect(await pong(`wss://${HOST}:${port}/`, ca)).toBe('{"type":"pong"}');
    await expect(pong(`wss://${HOST}:${port}/signal`, ca, 'https://elsewhere.example')).rejects.toThrow('HTTP 403');
    await expect(pong(`wss://127.0.0.1:${port}/signal`, ca)).rejects.toThrow();
  });

  it('warns when the certificate is not for the address it listens on', async () => {
    // Made for localhost and 127.0.0.1 only, served on 127.0.0.2.
    const { certPath, keyPath } = makeCertificate();
    const port = await freePort(HOST);
    const relay = runServer('server/relay.js', { PORT: String(port), HOST, KEHU_TLS_CERT: certPath, KEHU_TLS_KEY: keyPath });
    await relay.lines(1);
    relay.child.kill();
    expect((await relay.exited).stderr).toContain(`Warning: the certificate (KEHU_TLS_CERT) is not for ${HOST}, so browsers that open https://${HOST}:${port}/ refuse it.`);
  });

  it('listens on 8421 unless PORT says otherwise', async () => {
    // Only the parsing: 8421 may be taken on this machine by a real relay.
    const { listenAddress } = await import('../../../server/listen.js');
    expect(listenAddress({}, 8421)).toEqual({ port: 8421, host: '127.0.0.1' });
  });

  it('stops with a clear message for a missing key file, a wrong key, or a bad KEHU_RELAY_ORIGINS', async () => {
    const one = makeCertificate();
    const other = makeCertificate();
    const missing = runServer('server/relay.js', { PORT: '0', KEHU_TLS_CERT: one.certPath, KEHU_TLS_KEY: '/nonexistent/key.pem' });
    expect(await missing.exited).toEqual({ code: 1, stderr: 'Kehu relay: KEHU_TLS_KEY=/nonexistent/key.pem cannot be read: there is no such file.\n' });
    const wrong = await runServer('server/relay.js', { PORT: '0', KEHU_TLS_CERT: one.certPath, KEHU_TLS_KEY: other.keyPath }).exited;
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('is not the private key of the certificate');
    const origins = await runServer('server/relay.js', { PORT: '0', KEHU_RELAY_ORIGINS: 'app.example' }).exited;
    expect(origins.code).toBe(1);
    expect(origins.stderr).toContain('Kehu relay: KEHU_RELAY_ORIGINS: "app.example" is not an origin like https://kehu.example');
  });
});

describe('server/index.js (npm start) with TLS', () => {
  it('serves the app over https and the relay over wss on its one port', async () => {
    const distDir = mkdtempSync(join(tmpdir(), 'kehu-dist-'));
    cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Kehu over https</title>');
    const { certPath, keyPath, ca } = makeCertificate([`IP:${HOST}`]);
    const port = await freePort(HOST);
    const app = runServer('server/index.js', { KEHU_DIST: distDir, PORT: String(port), HOST, KEHU_TLS_CERT: certPath, KEHU_TLS_KEY: keyPath });
    expect(await app.lines(2)).toEqual([`Kehu is running at https://${HOST}:${port}/`, `Signalling relay for peer-to-peer sync: wss://${HOST}:${port}/signal`]);
    const body = await new Promise<string>((resolve, reject) => {
      httpsGet(`https://${HOST}:${port}/`, { ca }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toContain('Kehu over https');
    expect(await pong(`wss://${HOST}:${port}/signal`, ca)).toBe('{"type":"pong"}');
  });

  it('with HOST=0.0.0.0 and the two TLS variables, serves https and wss on its port and prints the https URLs', async () => {
    const distDir = mkdtempSync(join(tmpdir(), 'kehu-dist-'));
    cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Kehu on every interface</title>');
    const { certPath, keyPath, ca } = makeCertificate();
    const port = await freePort('0.0.0.0');
    const app = runServer('server/index.js', { KEHU_DIST: distDir, PORT: String(port), HOST: '0.0.0.0', KEHU_TLS_CERT: certPath, KEHU_TLS_KEY: keyPath });
    const [first] = await app.lines(2);
    expect(first).toBe(`Kehu is running at https://localhost:${port}/`);
    // Reached here through loopback only (the test touches no other address).
    expect(await pong(`wss://127.0.0.1:${port}/signal`, ca)).toBe('{"type":"pong"}');
    app.child.kill();
    const { stderr } = await app.exited;
    // Each LAN address it printed is one the certificate (made for localhost) does not name: it says so.
    const lan = serverUrls('0.0.0.0', port, true).slice(1);
    for (const url of lan) expect(stderr).toContain(`browsers that open ${url} refuse it`);
  });

  it('with HOST=0.0.0.0 and no certificate, starts and says plainly that phones need https, and how', async () => {
    const distDir = mkdtempSync(join(tmpdir(), 'kehu-dist-'));
    cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html>');
    const port = await freePort('0.0.0.0');
    const app = runServer('server/index.js', { KEHU_DIST: distDir, PORT: String(port), HOST: '0.0.0.0' });
    const lines = await app.lines(serverUrls('0.0.0.0', port, false).length > 1 ? 6 : 5);
    expect(lines[0]).toBe(`Kehu is running at http://localhost:${port}/`);
    expect(lines.join('\n')).toContain('Phones and other computers need https for sync and offline use');
    expect(lines.join('\n')).toContain('KEHU_TLS_CERT=<cert.pem>');
  });

  it('stops with a clear message when only the certificate is given', async () => {
    const distDir = mkdtempSync(join(tmpdir(), 'kehu-dist-'));
    cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html>');
    const { certPath } = makeCertificate();
    const { code, stderr } = await runServer('server/index.js', { KEHU_DIST: distDir, PORT: '0', KEHU_TLS_CERT: certPath }).exited;
    expect(code).toBe(1);
    expect(stderr).toContain('Kehu: KEHU_TLS_CERT is set but KEHU_TLS_KEY is not');
  });
});

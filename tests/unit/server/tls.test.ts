// https and wss: KEHU_TLS_CERT / KEHU_TLS_KEY read and checked (server/listen.js), and the app server and the
// relay alone speaking TLS with a certificate made by openssl for this test, trusted by the client through `ca`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRelayServer } from '../../../server/relay.js';
import { certificateWarnings, tlsFiles, type TlsFiles } from '../../../server/listen.js';
import { makeCertificate } from './support/certificate';
import { listen, pingOver, startApp, tempFolder } from './support/listening';
import { within } from './support/within';

function certified(): TlsFiles {
  const { certPath, keyPath } = makeCertificate();
  const tls = tlsFiles({ KEHU_TLS_CERT: certPath, KEHU_TLS_KEY: keyPath });
  if (!tls || 'error' in tls) throw new Error(`no TLS: ${JSON.stringify(tls)}`);
  return tls;
}

/** GET over https, trusting only `ca`: the status and body. */
function httpsText(url: string, ca: string | Buffer): Promise<{ status: number; body: string }> {
  return within(
    new Promise((resolve, reject) => {
      httpsGet(url, { ca }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    }),
    `GET ${url}`,
  );
}

describe('tlsFiles (KEHU_TLS_CERT, KEHU_TLS_KEY)', () => {
  it('is null (plain http) when neither is set', () => {
    expect(tlsFiles({})).toBeNull();
    expect(tlsFiles({ KEHU_TLS_CERT: ' ', KEHU_TLS_KEY: '' })).toBeNull();
  });

  it('reads a certificate and its key', () => {
    const tls = certified();
    expect(tls.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(tls.subject).toContain('localhost');
  });

  it("reads a chain (certbot's fullchain.pem): the server's certificate first, then the issuer's", () => {
    const server = makeCertificate();
    const issuer = makeCertificate();
    const folder = tempFolder('kehu-chain-');
    const chain = join(folder, 'fullchain.pem');
    writeFileSync(chain, server.ca + issuer.ca);
    const tls = tlsFiles({ KEHU_TLS_CERT: chain, KEHU_TLS_KEY: server.keyPath });
    expect(tls && 'error' in tls ? tls.error : null).toBeNull();
  });

  it('says which one is missing when only one is set', () => {
    const { certPath, keyPath } = makeCertificate();
    expect(tlsFiles({ KEHU_TLS_CERT: certPath })).toEqual({ error: expect.stringContaining('KEHU_TLS_CERT is set but KEHU_TLS_KEY is not') });
    expect(tlsFiles({ KEHU_TLS_KEY: keyPath })).toEqual({ error: expect.stringContaining('KEHU_TLS_KEY is set but KEHU_TLS_CERT is not') });
  });

  it('names a file that does not exist, is a folder, or is not PEM', () => {
    const { certPath, keyPath } = makeCertificate();
    const folder = tempFolder('kehu-badcert-');
    const garbage = join(folder, 'garbage.pem');
    writeFileSync(garbage, 'not a pem file\n');
    mkdirSync(join(folder, 'dir'));
    const missing = join(folder, 'missing.pem');
    expect(tlsFiles({ KEHU_TLS_CERT: missing, KEHU_TLS_KEY: keyPath })).toEqual({ error: `KEHU_TLS_CERT=${missing} cannot be read: there is no such file.` });
    expect(tlsFiles({ KEHU_TLS_CERT: certPath, KEHU_TLS_KEY: missing })).toEqual({ error: `KEHU_TLS_KEY=${missing} cannot be read: there is no such file.` });
    expect(tlsFiles({ KEHU_TLS_CERT: join(folder, 'dir'), KEHU_TLS_KEY: keyPath })).toEqual({ error: expect.stringContaining('it is a folder') });
    expect(tlsFiles({ KEHU_TLS_CERT: garbage, KEHU_TLS_KEY: keyPath })).toEqual({ error: expect.stringContaining(`KEHU_TLS_CERT=${garbage} is not a certificate in PEM form`) });
    expect(tlsFiles({ KEHU_TLS_CERT: certPath, KEHU_TLS_KEY: garbage })).toEqual({ error: expect.stringContaining(`KEHU_TLS_KEY=${garbage} is not a private key in PEM form`) });
    // The two swapped: a common slip.
    expect(tlsFiles({ KEHU_TLS_CERT: keyPath, KEHU_TLS_KEY: certPath })).toEqual({ error: expect.stringContaining('is not a certificate in PEM form') });
  });

  it('refuses a key that is not the certificate\'s', () => {
    const one = makeCertificate();
    const other = makeCertificate();
    expect(tlsFiles({ KEHU_TLS_CERT: one.certPath, KEHU_TLS_KEY: other.keyPath })).toEqual({
      error: expect.stringContaining(`KEHU_TLS_KEY=${other.keyPath} is not the private key of the certificate KEHU_TLS_CERT=${one.certPath}`),
    });
  });
});

describe('certificateWarnings', () => {
  it('says nothing for a certificate that names every address printed', () => {
    expect(certificateWarnings(certified(), ['https://localhost:8420/', 'https://127.0.0.1:8420/'])).toEqual([]);
  });

  it('names each printed address the certificate is not for, and how to make one that is', () => {
    const tls = certified();
    expect(certificateWarnings(tls, ['https://localhost:8420/', 'https://192.168.1.20:8420/', 'https://[fd00::20]:8420/'])).toEqual([
      'Warning: the certificate (KEHU_TLS_CERT) is not for 192.168.1.20, so browsers that open https://192.168.1.20:8420/ refuse it. "mkcert 192.168.1.20 localhost 127.0.0.1" makes one that is.',
      'Warning: the certificate (KEHU_TLS_CERT) is not for fd00::20, so browsers that open https://[fd00::20]:8420/ refuse it. "mkcert fd00::20 localhost 127.0.0.1" makes one that is.',
    ]);
  });

  it('says when it has expired or is not valid yet', () => {
    const tls = certified();
    const later = new Date(tls.validTo.getTime() + 1000);
    expect(certificateWarnings(tls, ['https://localhost:8420/'], later)).toEqual([expect.stringContaining('expired on')]);
    const earlier = new Date(tls.validFrom.getTime() - 1000);
    expect(certificateWarnings(tls, ['https://localhost:8420/'], earlier)).toEqual([expect.stringContaining("check this computer's clock")]);
  });
});

describe('the app server over https', () => {
  it('serves the app over https and the relay over wss on the same port', async () => {
    const tls = certified();
    const { port } = await startApp({ tls });
    const page = await httpsText(`https://localhost:${port}/`, tls.cert);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Kehu test');
    expect(await pingOver(`wss://localhost:${port}/signal`, { ca: tls.cert })).toBe('{"type":"pong"}');
    // A client that does not trust the certificate is refused by TLS itself (as a phone without mkcert's root).
    await expect(pingOver(`wss://localhost:${port}/signal`)).rejects.toThrow(/self[- ]signed/i);
  });
});

describe('the relay alone (createRelayServer)', () => {
  it('speaks wss at /signal and at /, and says what it is to a browser', async () => {
    const tls = certified();
    const port = await listen(createRelayServer({ tls }));
    expect(await pingOver(`wss://localhost:${port}/signal`, { ca: tls.cert })).toBe('{"type":"pong"}');
    expect(await pingOver(`wss://localhost:${port}/`, { ca: tls.cert })).toBe('{"type":"pong"}');
    await expect(pingOver(`wss://localhost:${port}/elsewhere`, { ca: tls.cert })).rejects.toThrow('HTTP 404');
    const page = await httpsText(`https://localhost:${port}/`, tls.cert);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Kehu signalling relay');
    expect((await httpsText(`https://localhost:${port}/index.html`, tls.cert)).status).toBe(404);
  });

  it('admits pages only from the origins it was given, besides its own and localhost', async () => {
    const port = await listen(createRelayServer({ signalRelay: { allowedOrigins: ['https://app.example'] } }));
    const url = `ws://127.0.0.1:${port}/signal`;
    expect(await pingOver(url, { origin: 'https://app.example' })).toBe('{"type":"pong"}');
    expect(await pingOver(url, { origin: 'http://localhost:5173' })).toBe('{"type":"pong"}');
    await expect(pingOver(url, { origin: 'https://elsewhere.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses every other page origin when given none', async () => {
    const port = await listen(createRelayServer());
    await expect(pingOver(`ws://127.0.0.1:${port}/`, { origin: 'https://app.example' })).rejects.toThrow('HTTP 403');
  });
});

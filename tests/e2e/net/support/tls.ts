import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Files of a certificate made for one test run: a CA of its own and a server certificate it signed. */
export interface TestCertificate {
  /** The CA's certificate (PEM), what a phone would be told to trust. */
  caCert: string;
  /** The server's certificate (PEM) and private key (PEM), for KEHU_TLS_CERT / KEHU_TLS_KEY or the static server. */
  cert: string;
  key: string;
  /**
   * base64 of the SHA-256 of the server key's SubjectPublicKeyInfo: Chromium started with
   * `--ignore-certificate-errors-spki-list=<spki>` accepts this certificate as if a trusted CA had signed
   * it, so the page is a secure context with a valid certificate (service worker and wss included).
   */
  spki: string;
}

/**
 * Makes, with openssl, a throwaway CA and a certificate for `ip` (subjectAltName IP:…) in `dir`.
 * Valid for one day; nothing is installed in any trust store.
 */
export async function makeCertificate(dir: string, ip: string): Promise<TestCertificate> {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => run('openssl', args);
  await openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=Kehu test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  await openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-subj', `/CN=${ip}`, '-keyout', file('server.key'), '-out', file('server.csr'));
  await writeFile(file('server.ext'), `subjectAltName=IP:${ip}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  await openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-days', '1', '-extfile', file('server.ext'), '-out', file('server.pem'));
  const cert = await readFile(file('server.pem'), 'utf8');
  return {
    caCert: file('ca.pem'),
    cert: file('server.pem'),
    key: file('server.key'),
    spki: spkiHash(cert),
  };
}

/** base64(SHA-256(DER SubjectPublicKeyInfo)) of a PEM certificate, as Chromium's SPKI list takes it. */
export function spkiHash(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

// Certificates made by openssl at test time (no key material in the repository), in a folder removed after the file's tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export interface TestCertificate {
  certPath: string;
  keyPath: string;
  /** The certificate's PEM text, for a client's `ca` (the test trusts it, as a phone trusts mkcert's root). */
  ca: string;
}

/** A self-signed certificate for localhost and 127.0.0.1 (and `extraNames`, DNS or IP entries as openssl writes them). */
export function makeCertificate(extraNames: string[] = []): TestCertificate {
  const folder = mkdtempSync(join(tmpdir(), 'kehu-cert-'));
  folders.push(folder);
  const certPath = join(folder, 'cert.pem');
  const keyPath = join(folder, 'key.pem');
  const names = ['DNS:localhost', 'IP:127.0.0.1', ...extraNames].join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=localhost', '-addext', `subjectAltName=${names}`],
    { stdio: 'ignore' },
  );
  return { certPath, keyPath, ca: readFileSync(certPath, 'utf8') };
}

// Where `npm start` listens (README: PORT and HOST): the parsing, then the real process honouring both.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { listenAddress } from '../../../server/index.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

describe('listenAddress', () => {
  it('defaults to port 8420 on this machine only', () => {
    expect(listenAddress({})).toEqual({ port: 8420, host: '127.0.0.1' });
    // Set but empty is unset: Number('') is 0, which would have meant a random port.
    expect(listenAddress({ PORT: '', HOST: '' })).toEqual({ port: 8420, host: '127.0.0.1' });
    expect(listenAddress({ PORT: ' ' })).toEqual({ port: 8420, host: '127.0.0.1' });
  });

  it('takes PORT and HOST', () => {
    expect(listenAddress({ PORT: '3000', HOST: '0.0.0.0' })).toEqual({ port: 3000, host: '0.0.0.0' });
    expect(listenAddress({ PORT: '0' })).toEqual({ port: 0, host: '127.0.0.1' });
  });

  it('refuses a PORT that is not a port number', () => {
    for (const PORT of ['abc', '80.5', '-1', '65536', '8e3', '0x50']) expect(listenAddress({ PORT }), PORT).toHaveProperty('error');
  });
});

/** A port nothing listens on now (the kernel picks it; it is free again once this resolves). */
async function freePort(host: string): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, host, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A folder that passes for a built app. */
function builtApp(): string {
  const distDir = mkdtempSync(join(tmpdir(), 'kehu-dist-'));
  cleanups.push(() => rmSync(distDir, { recursive: true, force: true }));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Kehu listen test</title>');
  return distDir;
}

describe('server/index.js as `npm start` runs it', () => {
  it('listens on PORT at HOST, and not on the default host', async () => {
    const distDir = builtApp();
    // Another loopback address than the default: reaching it proves HOST was used.
    const host = '127.0.0.2';
    const port = await freePort(host);
    const child = spawn(process.execPath, ['server/index.js'], { env: { ...process.env, KEHU_DIST: distDir, PORT: String(port), HOST: host }, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => child.kill());
    const exited = new Promise<string>((resolve) => child.once('exit', (code) => resolve(`exited with ${code}`)));
    const firstLine = new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    const line = await Promise.race([firstLine, exited]);
    expect(line, stderr).toBe(`Kehu is running at http://${host}:${port}/`);
    const page = await fetch(`http://${host}:${port}/`);
    expect(await page.text()).toContain('Kehu listen test');
    // Listening on one address only: the default one refuses the connection.
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('says what is wrong with a bad PORT and stops', async () => {
    const child = spawn(process.execPath, ['server/index.js'], { env: { ...process.env, KEHU_DIST: builtApp(), PORT: 'abc' }, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => child.kill());
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Kehu: PORT must be a number from 0 to 65535, not "abc".');
  });
});

// Runs server/index.js or server/relay.js as `npm start` / `npm run relay` do, and reads what they print.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterEach } from 'vitest';

// A bound for a wait that hangs, not a speed claim (a loaded machine starts node slowly).
const WAIT_MS = 30_000;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** A port nothing listens on now (the kernel picks it; it is free again once this resolves). */
export async function freePort(host: string): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, host, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface Running {
  child: ChildProcess;
  /** Resolves with the first `count` lines of stdout, or rejects with stderr if the process exits first. */
  lines(count: number): Promise<string[]>;
  /** Resolves with the exit code and everything written to stderr once the process has ended and its output is read. */
  exited: Promise<{ code: number | null; stderr: string }>;
}

export function runServer(script: 'server/index.js' | 'server/relay.js', env: Record<string, string>): Running {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  const stdout: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    stdout.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  const lines = (count: number) =>
    new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} lines; got ${JSON.stringify(stdout)}; stderr: ${stderr}`)), WAIT_MS);
      const check = () => {
        if (stdout.length >= count) {
          clearTimeout(timer);
          resolve(stdout.slice(0, count));
        } else waiters.push(check);
      };
      void exited.then(({ code }) => {
        clearTimeout(timer);
        if (stdout.length < count) reject(new Error(`exited with ${code} after ${JSON.stringify(stdout)}; stderr: ${stderr}`));
      });
      check();
    });
  return { child, lines, exited };
}

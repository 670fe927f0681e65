import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect } from '@playwright/test';

/** The one user of the test's coturn (long-term credentials). */
export const TURN_USER = 'kehu';
export const TURN_PASSWORD = 'route-check';

/**
 * coturn (Debian's turnserver) on 127.0.0.1:`port`, relaying on loopback, for one test inside the
 * loopback-only namespace the sync specs run in. Relayed ports are port+100 … port+199.
 */
export async function startCoturn(port: number): Promise<{ stop(): Promise<void> }> {
  const turn = spawn(
    'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--relay-ip=127.0.0.1',
      '--lt-cred-mech',
      `--user=${TURN_USER}:${TURN_PASSWORD}`,
      '--realm=kehu.test',
      // Test only: the relayed peer is on loopback too.
      '--allow-loopback-peers',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      `--min-port=${port + 100}`,
      `--max-port=${port + 199}`,
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=/tmp/kehu-conncheck-turn-${port}.pid`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  turn.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  // coturn says it is ready once its relay ports are set up.
  await expect.poll(() => log, { timeout: 20_000, message: 'coturn starts' }).toMatch(/Total (UDP|General) servers|IPv4\. UDP listener opened/);
  return {
    async stop() {
      turn.kill('SIGTERM');
      if (turn.exitCode === null) await once(turn, 'exit');
    },
  };
}

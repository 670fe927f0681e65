import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Named Linux network namespaces for the `net` specs: a "host" with an address of its own (10.x) that
 * exists only inside the namespace, so a page opened there is on a network address, not localhost,
 * and no packet can leave the machine. Needs root (scripts/test.sh runs Playwright as root inside
 * `unshare -n`; `ip netns add` works there, and its namespaces are siblings of that one, not children).
 *
 * Names are global to the machine (/run/netns): every spec passes its own prefix, and
 * `sweepNamespaces(prefix)` removes what a killed run left behind.
 */
export interface Namespace {
  readonly name: string;
  /** The address on the namespace's loopback interface (e.g. 10.77.0.1), reachable only inside it. */
  readonly address: string;
  /** Starts a long-running process inside the namespace; it is killed by `delete()`. */
  spawn(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): ChildProcess;
  /** Runs a command inside the namespace to completion and returns its stdout (rejects on failure). */
  exec(command: string, args: string[]): Promise<string>;
  /** Kills every process started by `spawn` and deletes the namespace; safe to call twice. */
  delete(): Promise<void>;
}

/** Linux allows 15 characters for an interface name; keep namespace names as short, so veths may reuse them. */
const NAME = /^[a-z][a-z0-9-]{0,14}$/;

export async function createNamespace(name: string, address: string): Promise<Namespace> {
  if (!NAME.test(name)) throw new Error(`namespace name "${name}": lowercase letters, digits and '-', at most 15`);
  await run('ip', ['netns', 'del', name]).catch(() => {});
  await run('ip', ['netns', 'add', name]);
  const processes = new Set<ChildProcess>();
  let deleted = false;
  const ns: Namespace = {
    name,
    address,
    spawn(command, args, options = {}) {
      const child = spawn('ip', ['netns', 'exec', name, command, ...args], {
        env: options.env ?? process.env,
        cwd: options.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      processes.add(child);
      child.once('exit', () => processes.delete(child));
      return child;
    },
    async exec(command, args) {
      const { stdout } = await run('ip', ['netns', 'exec', name, command, ...args]);
      return stdout;
    },
    async delete() {
      if (deleted) return;
      deleted = true;
      await Promise.all([...processes].map(stop));
      await run('ip', ['netns', 'del', name]).catch(() => {});
    },
  };
  try {
    await ns.exec('ip', ['link', 'set', 'lo', 'up']);
    await ns.exec('ip', ['addr', 'add', `${address}/32`, 'dev', 'lo']);
  } catch (error) {
    await ns.delete();
    throw error;
  }
  return ns;
}

/** Ends a child (SIGTERM, then SIGKILL if it lingers) and resolves once it has exited. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Deletes namespaces named `<prefix>…-<pid>` whose process has ended (left by a run that was killed).
 * Those of a run still going (another engineer's, CI's) are left alone.
 */
export async function sweepNamespaces(prefix: string): Promise<void> {
  const { stdout } = await run('ip', ['netns', 'list']).catch(() => ({ stdout: '' }));
  for (const line of stdout.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const pid = Number(/-(\d+)$/.exec(name)?.[1]);
    if (name.startsWith(prefix) && Number.isInteger(pid) && !alive(pid)) await run('ip', ['netns', 'del', name]).catch(() => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether this process may create namespaces (root, `ip` present): the specs skip with a reason otherwise. */
export async function canCreateNamespaces(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  try {
    await run('ip', ['netns', 'list']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves with the first line of the child's stdout that matches `pattern` (a server saying where it
 * listens); rejects with what it printed if it exits first.
 */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onOut = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        const match = line.match(pattern);
        if (match) {
          child.stdout?.off('data', onOut);
          resolve(match);
          return;
        }
      }
    };
    child.stdout?.on('data', onOut);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code, signal) => reject(new Error(`exited (${code ?? signal}) before printing ${pattern}:\n${out}\n${err}`)));
  });
}

// The simulated internet of tests/e2e/nat/README.md: an "internet" namespace with the app (https),
// the relay (wss) and coturn, and two sites, each a LAN namespace behind its own NAT router
// namespace. Nothing outside the namespaces it creates is touched; close() removes them all, and
// setup removes leftovers of a crashed run with the same prefix first. Needs root (ip netns).
// Plain JS so that the Playwright spec and `npm run bench` (Node, no TypeScript) share it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The server address on the "internet", and the sites' private ranges (10.x only). */
export const INTERNET_IP = '10.77.0.1';
export const APP_PORT = 8443;
export const TURN_PORT = 3478;
export const SITES = [
  { n: 1, wan: '10.77.1.2', wanGateway: '10.77.1.1', lan: '10.1.0.2', lanGateway: '10.1.0.1' },
  { n: 2, wan: '10.77.2.2', wanGateway: '10.77.2.1', lan: '10.2.0.2', lanGateway: '10.2.0.1' },
];

/** Whether this process may build namespaces (root with ip and iptables). */
export function canBuildTopology() {
  if (process.getuid?.() !== 0) return 'needs root (ip netns, iptables)';
  for (const tool of ['ip', 'iptables', 'turnserver', 'openssl', 'curl']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `needs ${tool}`;
    }
  }
  return null;
}

/** @type {(cmd: string, args: string[], options?: import('node:child_process').ExecFileSyncOptions) => string} */
const run = (cmd, args, options = {}) => String(execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options }));
/** @type {(ns: string, cmd: string, args: string[], options?: import('node:child_process').ExecFileSyncOptions) => string} */
const inNs = (ns, cmd, args, options) => run('ip', ['netns', 'exec', ns, cmd, ...args], options);

/**
 * Deletes the namespaces of earlier runs with this prefix whose process is gone.
 * @param {string} prefix
 */
function sweepLeftovers(prefix) {
  for (const line of run('ip', ['netns', 'list']).split('\n')) {
    const m = new RegExp(`^(${prefix}-(\\d+)-\\w+)`).exec(line);
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[2]), 0);
    } catch {
      alive = false;
    }
    if (!alive) run('ip', ['netns', 'del', String(m[1])]);
  }
}

/**
 * Builds the namespaces and starts the app server and coturn.
 * @param {{ prefix: string, distDir: string, turnUser?: string, turnPassword?: string }} options
 *   prefix: the start of every namespace name (e.g. "nts" for the spec, "ntb" for the bench).
 */
export async function startInternet({ prefix, distDir, turnUser = 'kehu', turnPassword = 'kehu-turn-test' }) {
  const problem = canBuildTopology();
  if (problem) throw new Error(`NAT topology: ${problem}`);
  // Names carry this process's id: two test runs at once (two engineers, or the spec and the
  // bench) each get their own, and what a killed run left behind is found by its dead process.
  sweepLeftovers(prefix);
  const tag = `${prefix}-${process.pid}`;
  const ns = { inet: `${tag}-inet`, r1: `${tag}-r1`, lan1: `${tag}-lan1`, r2: `${tag}-r2`, lan2: `${tag}-lan2` };
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-internet-`));
  /** @type {import('node:child_process').ChildProcess[]} */
  const processes = [];
  const deleteNamespaces = () => {
    const existing = run('ip', ['netns', 'list']);
    for (const name of Object.values(ns)) if (new RegExp(`^${name}( |$)`, 'm').test(existing)) run('ip', ['netns', 'del', name]);
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(processes.map((child) => (child.exitCode !== null || child.signalCode ? null : new Promise((r) => child.once('exit', r)))));
    deleteNamespaces();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    deleteNamespaces();
    for (const name of Object.values(ns)) {
      run('ip', ['netns', 'add', name]);
      run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    }
    // The internet: routes between the routers' public addresses and holds the servers' address.
    run('ip', ['-n', ns.inet, 'addr', 'add', `${INTERNET_IP}/32`, 'dev', 'lo']);
    inNs(ns.inet, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    for (const site of SITES) {
      const router = site.n === 1 ? ns.r1 : ns.r2;
      const lan = site.n === 1 ? ns.lan1 : ns.lan2;
      // Veth ends are created straight inside their namespaces (none ever exists outside them).
      run('ip', ['-n', ns.inet, 'link', 'add', `w${site.n}`, 'type', 'veth', 'peer', 'name', 'wan', 'netns', router]);
      run('ip', ['-n', router, 'link', 'add', 'lan', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', lan]);
      run('ip', ['-n', ns.inet, 'addr', 'add', `${site.wanGateway}/24`, 'dev', `w${site.n}`]);
      run('ip', ['-n', router, 'addr', 'add', `${site.wan}/24`, 'dev', 'wan']);
      run('ip', ['-n', router, 'addr', 'add', `${site.lanGateway}/24`, 'dev', 'lan']);
      run('ip', ['-n', lan, 'addr', 'add', `${site.lan}/24`, 'dev', 'eth0']);
      run('ip', ['-n', ns.inet, 'link', 'set', `w${site.n}`, 'up']);
      run('ip', ['-n', router, 'link', 'set', 'wan', 'up']);
      run('ip', ['-n', router, 'link', 'set', 'lan', 'up']);
      run('ip', ['-n', lan, 'link', 'set', 'eth0', 'up']);
      run('ip', ['-n', router, 'route', 'add', 'default', 'via', site.wanGateway]);
      run('ip', ['-n', lan, 'route', 'add', 'default', 'via', site.lanGateway]);
      inNs(router, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
      // A home or office router: outgoing connections are masqueraded behind the public address,
      // and only replies come back in. --random-fully gives every new destination a new public
      // port (a "symmetric" NAT, as many mobile and office networks have), so two sites can
      // never hole-punch to each other and only TURN connects them.
      inNs(router, 'iptables', ['-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan', '-j', 'MASQUERADE', '--random-fully']);
      inNs(router, 'iptables', ['-P', 'FORWARD', 'DROP']);
      inNs(router, 'iptables', ['-A', 'FORWARD', '-i', 'lan', '-o', 'wan', '-j', 'ACCEPT']);
      inNs(router, 'iptables', ['-A', 'FORWARD', '-i', 'wan', '-o', 'lan', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT']);
    }

    // A certificate for the internet address, made now; browsers trust it by its key's hash.
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${INTERNET_IP}`, '-addext', `subjectAltName=IP:${INTERNET_IP}`, '-keyout', key, '-out', cert]);
    const spki = run('sh', ['-c', `openssl x509 -in "${cert}" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`]).trim();

    // The Kehu server itself (`npm start` without the build), over https and wss with that certificate.
    const serverLog = join(dir, 'app-server.log');
    const app = spawn('ip', ['netns', 'exec', ns.inet, process.execPath, join(here, '../../../../server/index.js')], {
      env: { ...process.env, KEHU_DIST: distDir, KEHU_TLS_CERT: cert, KEHU_TLS_KEY: key, HOST: INTERNET_IP, PORT: String(APP_PORT) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    processes.push(app);
    let appOutput = '';
    await new Promise((resolve, reject) => {
      /** @param {Buffer} chunk */
      const onData = (chunk) => {
        appOutput += chunk;
        writeFileSync(serverLog, appOutput);
        if (appOutput.includes('Kehu is running at')) resolve(undefined);
      };
      app.stdout.on('data', onData);
      app.stderr.on('data', onData);
      app.once('exit', (code) => reject(new Error(`the app server stopped (${code}): ${appOutput}`)));
    });

    // coturn with long-term credentials, listening and relaying on the internet address only.
    const turnLog = join(dir, 'turnserver.log');
    const turnConfig = join(dir, 'turnserver.conf');
    writeFileSync(
      turnConfig,
      [
        `listening-ip=${INTERNET_IP}`,
        `relay-ip=${INTERNET_IP}`,
        `listening-port=${TURN_PORT}`,
        'min-port=49152',
        'max-port=49999',
        'realm=kehu.test',
        'lt-cred-mech',
        `user=${turnUser}:${turnPassword}`,
        'fingerprint',
        // The peers' addresses (the routers' public side and the relay itself) are private test
        // ranges, which a careful production coturn denies; allowed here and only here.
        'allowed-peer-ip=10.77.0.0-10.77.255.255',
        'no-tls',
        'no-dtls',
        'no-cli',
        'no-multicast-peers',
        `log-file=${turnLog}`,
        'simple-log',
        'verbose',
        `pidfile=${join(dir, 'turnserver.pid')}`,
        ...(process.env.NAT_TURN_EXTRA ? process.env.NAT_TURN_EXTRA.split(',') : []),
      ].join('\n') + '\n',
    );
    const turn = spawn('ip', ['netns', 'exec', ns.inet, 'turnserver', '-c', turnConfig], { stdio: 'ignore' });
    processes.push(turn);
    // Ready once it listens on its port (ss reads the namespace's sockets; no waiting on time).
    for (let tries = 0; ; tries++) {
      if (turn.exitCode !== null) throw new Error(`turnserver stopped (${turn.exitCode}): ${existsSync(turnLog) ? readFileSync(turnLog, 'utf8') : 'no log'}`);
      if (inNs(ns.inet, 'ss', ['-uln']).includes(`${INTERNET_IP}:${TURN_PORT}`)) break;
      if (tries > 600) throw new Error('turnserver did not start listening');
      await new Promise((r) => setTimeout(r, 50));
    }

    /** A Chromium that runs in a site's LAN (Playwright's executablePath). @param {1 | 2} site */
    const chromiumIn = (site) => {
      const path = join(dir, `chromium-site${site}.sh`);
      writeFileSync(path, `#!/bin/sh\nexec ip netns exec ${site === 1 ? ns.lan1 : ns.lan2} ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    };
    /**
     * Runs curl in a namespace, trusting the test certificate.
     * @param {string} namespace @param {string} url @returns {{ ok: boolean, out: string }}
     */
    const curl = (namespace, url) => {
      try {
        return { ok: true, out: inNs(namespace, 'curl', ['-sS', '--max-time', '20', '--cacert', cert, url]) };
      } catch (error) {
        const failure = /** @type {{ stderr?: string, message: string }} */ (error);
        return { ok: false, out: String(failure.stderr ?? failure.message) };
      }
    };
    /**
     * A plain http server in a namespace that answers `body`, or the address each request came from.
     * @param {string} namespace @param {string} ip @param {number} port @param {string} [body]
     */
    const listen = (namespace, ip, port, body) => {
      const answer = body === undefined ? 's.end(q.socket.remoteAddress)' : `s.end(${JSON.stringify(body)})`;
      const script = `require('http').createServer((q, s) => ${answer}).listen(${port}, ${JSON.stringify(ip)}, () => console.log('listening'))`;
      const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      processes.push(child);
      const ready = new Promise((resolve, reject) => {
        child.stdout.on('data', (d) => String(d).includes('listening') && resolve(undefined));
        child.once('exit', (code) => reject(new Error(`listener in ${namespace} stopped (${code})`)));
      });
      return {
        ready,
        stop: () => {
          child.kill('SIGTERM');
          return child.exitCode !== null || child.signalCode ? Promise.resolve() : new Promise((r) => child.once('exit', r));
        },
      };
    };
    return {
      ns,
      dir,
      listen,
      appUrl: `https://${INTERNET_IP}:${APP_PORT}/`,
      turn: { urls: `turn:${INTERNET_IP}:${TURN_PORT}?transport=udp`, username: turnUser, credential: turnPassword },
      /** Chromium flag that makes it trust the test certificate (by its public key's SHA-256). */
      trustArgs: [`--ignore-certificate-errors-spki-list=${spki}`],
      chromiumIn,
      curl,
      logs: () => ({
        appServer: existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : '',
        turnserver: existsSync(turnLog) ? readFileSync(turnLog, 'utf8') : '',
      }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

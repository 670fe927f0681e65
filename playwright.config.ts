import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/** Debian's Chromium: Playwright cannot download browsers here, and tests touch only localhost. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Peer-to-peer sync over loopback: let WebRTC use 127.0.0.1 and grant the (fake) microphone, without which
 * Chromium hides host candidates behind mDNS names and two local browsers never connect. Run these specs
 * inside a loopback-only network namespace (scripts/test.sh does), so nothing leaves the machine.
 */
export const webrtcArgs = ['--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // No retries: a spec waits for what the page shows or signals, never for time, and passes first time.
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    serviceWorkers: 'block',
    launchOptions: { executablePath, args: chromiumArgs },
  },
  projects: [
    { name: 'desktop', testIgnore: ['sync/**', 'net/**', 'nat/**'], use: { ...devices['Desktop Chrome'], channel: undefined } },
    {
      // Several browser processes per test, talking through the relay at /signal of the webServer.
      name: 'sync',
      testDir: 'tests/e2e/sync',
      timeout: 90_000,
      expect: { timeout: 20_000 },
      use: { ...devices['Desktop Chrome'], channel: undefined, launchOptions: { executablePath, args: [...chromiumArgs, ...webrtcArgs] } },
    },
    {
      // Hosts on a simulated network (tests/e2e/net/README.md): each test starts its own servers and
      // browsers inside network namespaces it creates; the webServer below is not used by them.
      name: 'net',
      testDir: 'tests/e2e/net',
      timeout: 120_000,
      expect: { timeout: 30_000 },
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    {
      // Two sites behind NAT and coturn (tests/e2e/nat/README.md): the spec builds its own namespaces and
      // servers in a beforeAll and launches Chromium inside them; the webServer below is not used by it.
      name: 'nat',
      testDir: 'tests/e2e/nat',
      timeout: 240_000,
      expect: { timeout: 30_000 },
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: {
    command: 'node server/index.js',
    url: `http://127.0.0.1:${PORT}/`,
    env: { PORT: String(PORT), ...(process.env.KEHU_DIST ? { KEHU_DIST: process.env.KEHU_DIST } : {}) },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});

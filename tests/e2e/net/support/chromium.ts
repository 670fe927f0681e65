import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, webrtcArgs } from '../../../../playwright.config';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Writes a script that starts Chromium inside namespace `ns`, for Playwright's `executablePath`.
 * Playwright talks to the browser over a pipe (inherited file descriptors), not the network, so the
 * test runner itself stays outside the namespace.
 */
export async function chromiumWrapper(dir: string, ns: string): Promise<string> {
  const path = join(dir, `chromium-in-${ns}.sh`);
  await writeFile(path, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM} "$@"\n`);
  await chmod(path, 0o755);
  return path;
}

export interface BrowserInNamespaceOptions {
  /** Trust this certificate key (TestCertificate.spki): https and wss to it are valid, not bypassed. */
  spki?: string;
  /** Add the WebRTC flags of the sync project (peers connect on the namespace's addresses). */
  webrtc?: boolean;
}

/** Launches Chromium inside namespace `ns` (wrapper written to `dir`) with the project's flags. */
export async function launchInNamespace(dir: string, ns: string, options: BrowserInNamespaceOptions = {}): Promise<Browser> {
  const args = [...chromiumArgs, ...(options.webrtc ? webrtcArgs : [])];
  if (options.spki) args.push(`--ignore-certificate-errors-spki-list=${options.spki}`);
  return chromium.launch({ executablePath: await chromiumWrapper(dir, ns), args });
}

// Renders public/favicon.svg into the PNG icons the web app manifest needs.
// Run once after changing the logo: node scripts/make-icons.mjs (uses Debian's Chromium).
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const svg = await readFile('public/favicon.svg', 'utf8');
const targets = [
  { file: 'public/pwa-192x192.png', size: 192, padding: 0 },
  { file: 'public/pwa-512x512.png', size: 512, padding: 0 },
  // Maskable icons keep their content inside the central 80% safe zone.
  { file: 'public/maskable-icon-512x512.png', size: 512, padding: 0.12, background: '#0f766e' },
  { file: 'public/apple-touch-icon-180x180.png', size: 180, padding: 0.06, background: '#0f766e' },
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const { file, size, padding, background } of targets) {
  await page.setViewportSize({ width: size, height: size });
  const inner = Math.round(size * (1 - 2 * padding));
  await page.setContent(
    `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${background ?? 'transparent'}">
       <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
  );
  await page.screenshot({ path: file, omitBackground: !background });
  console.log(`wrote ${file}`);
}
await browser.close();

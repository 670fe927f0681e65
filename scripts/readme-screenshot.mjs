// Takes docs/screenshot.png for the README from the built app with the sample data loaded.
// Usage: npm run build && node scripts/readme-screenshot.mjs
import { chromium } from '@playwright/test';
import { createServer } from '../server/index.js';

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, locale: 'en-GB', deviceScaleFactor: 1 });
await page.goto(`http://localhost:${port}/`);
await page.getByRole('button', { name: 'Load sample data' }).click();
await page.getByText('200 customers', { exact: true }).waitFor();
await page.screenshot({ path: 'docs/screenshot.png' });
console.log('wrote docs/screenshot.png');
await browser.close();
server.close();

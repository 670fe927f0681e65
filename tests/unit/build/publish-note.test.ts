// `npm run build` ends by saying where the app is and how to publish it (scripts/vite-publish-note.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from 'vite';
import { publishNote } from '../../../scripts/vite-publish-note.js';

function run(root: string, outDir: string): string {
  const lines: string[] = [];
  const plugin = publishNote();
  const config = { root, build: { outDir }, logger: { info: (text: string) => lines.push(text) } } as unknown as ResolvedConfig;
  (plugin.configResolved as (config: ResolvedConfig) => void)(config);
  const close = plugin.closeBundle as { handler: () => void };
  close.handler();
  return lines.join('\n');
}

describe('publishNote', () => {
  it('runs on build only, after the service worker is written', () => {
    const plugin = publishNote();
    expect(plugin.apply).toBe('build');
    expect(plugin.closeBundle).toMatchObject({ order: 'post', sequential: true });
  });

  it('names the folder and says how to publish it and where the relay comes from', () => {
    const text = run(process.cwd(), 'dist');
    expect(text).toContain('the app is the folder dist/');
    expect(text).toContain('copy that folder to any static web host that serves https');
    expect(text).toContain('`npm run relay`');
    expect(text).toContain('docs/deploy.md');
  });

  it('names a folder outside the project by its full path', () => {
    const outside = join(process.cwd(), '..', 'elsewhere-dist');
    expect(run(process.cwd(), outside)).toContain(`the app is the folder ${outside} `);
  });
});

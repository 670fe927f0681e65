import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file or folder the docs name must exist, so a move that forgets the docs fails the
 * build (docs/sync-protocol.md pointed at src/sync/state-pieces.ts for weeks after it moved).
 * Paths are read from the docs as written: `src/...`, `server/...`, `tests/...`, `scripts/...`,
 * `patches/...`, and paths inside src written without it (`storage/history-replay.ts`).
 */
const root = join(import.meta.dirname, '../../..');
/** Written by a run, not kept in git. */
const generated = new Set(['bench/results.json']);
const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const srcFolders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

const rooted = /(?<![\w./-])((?:src|server|tests|scripts|bench|patches)\/[\w./+-]*[\w/])/g;
/** A file named alone (`projection-writer.ts`): some file of that name must exist. */
const bare = /(?<![\w./-])([\w-]+\.(?:ts|svelte))(?![\w/])/g;
const inSrc = new RegExp(`(?<![\\w./-])((?:${srcFolders.join('|')})/[\\w.-]+\\.(?:ts|js|svelte))(?![\\w/])`, 'g');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((path) => path.split('/').pop()!);
}
const fileNames = new Set(['src', 'server', 'tests', 'scripts', 'bench'].flatMap(filesUnder));

function namesIn(text: string): string[] {
  return [...new Set([...text.matchAll(bare)].map(([, name]) => name!))];
}

function pathsIn(text: string): string[] {
  const found = new Set<string>();
  for (const [, path] of text.matchAll(rooted)) found.add(path!.replace(/\/$/, ''));
  for (const [, path] of text.matchAll(inSrc)) found.add(`src/${path!}`);
  return [...found];
}

describe('paths named in the docs', () => {
  it('finds paths to check', () => {
    const text = 'see `src/sync/frames.ts`, storage/update-log.ts, server/signal.js and `row-window.ts`.';
    expect(pathsIn(text)).toEqual(['src/sync/frames.ts', 'server/signal.js', 'src/storage/update-log.ts']);
    expect(namesIn(text)).toEqual(['row-window.ts']);
  });

  it.each(docs)('%s names only paths that exist', (doc) => {
    const missing = pathsIn(readFileSync(join(root, doc), 'utf8')).filter((path) => !generated.has(path) && !existsSync(join(root, path)));
    expect(missing).toEqual([]);
  });

  it.each(docs)('%s names only files that exist somewhere', (doc) => {
    expect(namesIn(readFileSync(join(root, doc), 'utf8')).filter((name) => !fileNames.has(name))).toEqual([]);
  });
});

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each boundary rule meets a planted violation and must report it; a permitted import next to it
// must pass, so that a rule that reports everything fails here too.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('ESLint boundary rules', () => {
  const eslint = new ESLint({ cwd: root });

  async function rulesHit(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  }

  it.each(['dexie', 'yjs', 'svelte'])('src/domain may not import %s', async (pkg) => {
    expect(await rulesHit('src/domain/planted.ts', `import * as x from '${pkg}';\nexport const y = x;\n`)).toContain('no-restricted-imports');
  });

  it('src/ui may not import Dexie or Yjs', async () => {
    expect(await rulesHit('src/ui/planted.ts', "import Dexie from 'dexie';\nexport const y = Dexie;\n")).toContain('no-restricted-imports');
    expect(await rulesHit('src/ui/planted.ts', "import * as Y from 'yjs';\nexport const y = Y;\n")).toContain('no-restricted-imports');
  });

  it('src/domain may not use browser globals, and may use URLSearchParams', async () => {
    for (const global of ['window.innerWidth', 'document.title', 'navigator.onLine', 'localStorage.length', 'indexedDB']) {
      expect(await rulesHit('src/domain/planted.ts', `export const y = ${global};\n`), global).toContain('no-restricted-globals');
    }
    expect(await rulesHit('src/domain/planted.ts', 'export const y = globalThis.localStorage;\n')).toContain('no-restricted-globals');
    expect(await rulesHit('src/domain/planted.ts', "export const y = new URLSearchParams('a=1');\n")).toEqual([]);
  });

  it('a UI file may not import a module below the app layer that loads Yjs or Dexie', async () => {
    // sync/change-file.ts imports yjs; storage/read-db.ts imports dexie.
    const viaSync = "import { readChangeFile } from '../../sync/change-file';\nexport const y = readChangeFile;\n";
    expect(await rulesHit('src/ui/sync/Planted.svelte', `<script lang="ts">\n${viaSync}</script>\n`)).toContain('kehu/ui-yjs-reach');
    expect(await rulesHit('src/ui/sync/planted.ts', viaSync)).toContain('kehu/ui-yjs-reach');
    const viaStorage = "import { ReadDb } from '../../storage/read-db';\nexport const y = ReadDb;\n";
    expect(await rulesHit('src/ui/state/planted.ts', viaStorage)).toContain('kehu/ui-yjs-reach');
  });

  it('a UI file may take types from such a module, and go through the session', async () => {
    const allowed = [
      "import type { ChangeFileHeader } from '../../sync/change-file';\nexport type Y = ChangeFileHeader;\n",
      "import { changeFileProblem } from '../../app/sync-service';\nexport const y = changeFileProblem;\n",
      "import { parseInvite } from '../../sync/invite';\nexport const y = parseInvite;\n",
    ];
    for (const code of allowed) expect(await rulesHit('src/ui/sync/planted.ts', code), code).toEqual([]);
  });
});

describe('dependency-cruiser layer and cycle rules', () => {
  let fixture = '';
  let result: ICruiseResult;

  const planted: Record<string, string> = {
    'src/domain/planted.ts': "import { rows } from '../storage/rows';\nexport const n = rows;\n",
    'src/storage/rows.ts': 'export const rows = 1;\nexport type Row = { id: string };\n',
    'src/workspace/doc.ts': 'export const doc = 1;\n',
    'src/ui/page.ts': "import { doc } from '../workspace/doc';\nexport const n = doc;\n",
    'src/ui/reads.ts': "import { rows } from '../storage/rows';\nexport const n = rows;\n",
    'src/ui/typed.ts': "import type { Row } from '../storage/rows';\nexport type R = Row;\n",
    'src/sync/peer.ts': "import { list } from '../lists/list';\nexport const n = list;\n",
    'src/lists/list.ts': "import type { Row } from './row';\nexport const list: Row[] = [];\n",
    'src/lists/row.ts': "import type { list } from './list';\nexport type Row = (typeof list)[number] | string;\n",
    'src/app/session.ts': "import { rows } from '../storage/rows';\nimport { doc } from '../workspace/doc';\nexport const n = rows + doc;\n",
  };

  beforeAll(async () => {
    fixture = mkdtempSync(join(tmpdir(), 'kehu-bounds-'));
    for (const [path, code] of Object.entries(planted)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), code);
    }
    const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;
    const output = await cruise(
      ['src'],
      { ...config.options, tsConfig: undefined, baseDir: fixture, validate: true, ruleSet: { forbidden: config.forbidden ?? [] } },
      { extensions: ['.ts', '.js', '.svelte'] },
    );
    result = output.output as ICruiseResult;
  }, 60_000);

  afterAll(() => {
    if (fixture) rmSync(fixture, { recursive: true, force: true });
  });

  const violations = () => result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);

  it('catches a layer importing above or beside itself', () => {
    expect(violations()).toContain('layer-domain: src/domain/planted.ts -> src/storage/rows.ts');
    expect(violations()).toContain('layer-ui: src/ui/page.ts -> src/workspace/doc.ts');
    expect(violations()).toContain('layer-sync: src/sync/peer.ts -> src/lists/list.ts');
  });

  it('lets the UI take types from storage but nothing else', () => {
    expect(violations()).toContain('ui-storage-types-only: src/ui/reads.ts -> src/storage/rows.ts');
    expect(violations().filter((v) => v.includes('src/ui/typed.ts'))).toEqual([]);
  });

  it('catches a cycle made of type-only imports', () => {
    expect(violations().filter((v) => v.startsWith('no-circular:')).length).toBeGreaterThan(0);
  });

  it('lets the app layer import what is below it', () => {
    expect(violations().filter((v) => v.includes('src/app/'))).toEqual([]);
  });
});

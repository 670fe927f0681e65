// Which layer of src/ may import which (`npm run lint` runs this after ESLint). Imports run one way:
// ui -> app -> {sync, lists, search, storage, workspace, pwa, i18n} -> domain; the middle layers
// import each other only where they do today. Type-only imports count: they make cycles too.
// Why dependency-cruiser and not eslint-plugin-boundaries + import-x/no-cycle: the commit that added
// this file (lint time measured; import-x/no-cycle skips `import type`, and the cycles to keep out
// were type-only). In a .svelte file it sees the compiled component's imports: type imports are gone.
// tests/unit/lint/boundaries.test.ts plants a violation of each rule.

/** @type {Record<string, string[]>} each layer: the layers it may import besides itself */
const mayImport = {
  domain: [],
  i18n: ['domain'],
  pwa: ['domain'],
  search: ['domain'],
  workspace: ['domain'],
  storage: ['workspace', 'domain'],
  sync: ['storage', 'workspace', 'domain'],
  lists: ['search', 'storage', 'workspace', 'domain'],
  app: ['sync', 'lists', 'search', 'storage', 'workspace', 'pwa', 'i18n', 'domain'],
  ui: ['app', 'sync', 'lists', 'search', 'storage', 'pwa', 'i18n', 'domain'],
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle, type-only ones too: move the shared type or function down to the lower module.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...Object.entries(mayImport).map(([layer, below]) => ({
      name: `layer-${layer}`,
      comment: `src/${layer} may import only ${below.length ? below.join(', ') : 'itself'} (docs/architecture.md).`,
      severity: /** @type {const} */ ('error'),
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: `^src/(${[layer, ...below].join('|')})/` },
    })),
    {
      name: 'ui-storage-types-only',
      comment: 'The UI reads through the session; from src/storage it takes row types and the error classes only.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/storage/', pathNot: '^src/storage/errors\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte'] },
  },
};

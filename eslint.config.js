import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';
import { uiYjsReach } from './lint-rules/ui-yjs-reach.js';

/** Web APIs that are plain data helpers, in Node too; every other browser global is a device. */
const domainWebApis = new Set(['URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'console', 'structuredClone', 'queueMicrotask', 'atob', 'btoa']);
const browserOnly = Object.keys(globals.browser).filter((name) => !(name in globals.builtin) && !domainWebApis.has(name));
const domainOnly = 'src/domain runs anywhere: no window, document, storage, network or timers.';

/**
 * @param {string[]} names
 * @param {string} why
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (names, why) => ({
  'no-restricted-imports': [
    'error',
    { patterns: names.map((name) => ({ group: [name, `${name}/*`], message: why })) },
  ],
});

export default ts.config(
  { ignores: ['dist/', 'dist-e2e/', 'dev-dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results*'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    files: ['src/domain/**'],
    rules: restrict(['svelte', 'dexie', 'yjs', 'y-webrtc', 'y-protocols', 'workbox-window'], 'src/domain is plain TypeScript: no UI, storage or CRDT imports.'),
  },
  {
    files: ['src/ui/**'],
    rules: restrict(['dexie', 'yjs', 'y-webrtc', 'y-protocols'], 'UI components call the data layer (src/app); they never touch Dexie or Yjs directly.'),
  },
  {
    // Layers and cycles between files are checked by dependency-cruiser (.dependency-cruiser.cjs).
    files: ['src/domain/**'],
    rules: {
      // checkGlobalObject: `globalThis.localStorage` is the same device as `localStorage`.
      'no-restricted-globals': ['error', { globals: browserOnly.map((name) => ({ name, message: domainOnly })), checkGlobalObject: true }],
    },
  },
  {
    files: ['src/ui/**'],
    plugins: { kehu: { rules: { 'ui-yjs-reach': uiYjsReach } } },
    rules: { 'kehu/ui-yjs-reach': 'error' },
  },
);

import fs from 'node:fs';
import path from 'node:path';

/**
 * `kehu/ui-yjs-reach`: a UI file may not import a module below the app layer that loads Yjs or
 * Dexie, directly or through its own imports. no-restricted-imports only sees a UI file's own
 * import lines; `import { X } from '../../sync/change-file'` loads Yjs all the same. The session
 * (src/app) is the one door to the document and the tables, so imports of src/app are not walked.
 * `import type` and `export type` load nothing and are not followed.
 */

const LOADS = new Set(['yjs', 'y-webrtc', 'y-protocols', 'dexie']);
const DOORS = [`${path.sep}src${path.sep}app${path.sep}`, `${path.sep}src${path.sep}ui${path.sep}`];
const EXTENSIONS = ['', '.ts', '.js', '/index.ts', '/index.js'];
const SPECIFIERS =
  /\b(?:import|export)\s+(type\s)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g;

/** @type {Map<string, { mtimeMs: number; specifiers: string[] }>} */
const parsed = new Map();

/** @param {string} file */
function valueSpecifiers(file) {
  const { mtimeMs } = fs.statSync(file);
  const cached = parsed.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.specifiers;
  const specifiers = [];
  for (const m of fs.readFileSync(file, 'utf8').matchAll(SPECIFIERS)) {
    if (m[1]) continue;
    const specifier = m[2] ?? m[3] ?? m[4];
    if (specifier) specifiers.push(specifier);
  }
  parsed.set(file, { mtimeMs, specifiers });
  return specifiers;
}

/** @param {string} specifier */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] ?? '';
}

/** @param {string} from @param {string} specifier */
function resolveLocal(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const extension of EXTENSIONS) {
    const file = base + extension;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/**
 * The chain of files from `file` to the first forbidden package it loads, or null.
 * @param {string} file
 * @param {Set<string>} seen
 * @returns {string[] | null}
 */
function chainToForbidden(file, seen) {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const specifier of valueSpecifiers(file)) {
    if (!specifier.startsWith('.')) {
      if (LOADS.has(packageOf(specifier))) return [file, specifier];
      continue;
    }
    const next = resolveLocal(file, specifier);
    if (!next) continue;
    const rest = chainToForbidden(next, seen);
    if (rest) return [file, ...rest];
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const uiYjsReach = {
  meta: {
    type: 'problem',
    docs: { description: 'UI files reach Yjs and Dexie only through the session (src/app)' },
    messages: {
      loads:
        "'{{specifier}}' loads {{pkg}} ({{chain}}). UI files reach Yjs and Dexie only through the session (src/app): ask it, or move what you need to a module that does not import them.",
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    /** @param {import('estree').Node & { importKind?: string; exportKind?: string }} node @param {unknown} source */
    function check(node, source) {
      if (node.importKind === 'type' || node.exportKind === 'type') return;
      if (!source || typeof source !== 'object' || !('value' in source) || typeof source.value !== 'string') return;
      const specifier = source.value;
      if (!specifier.startsWith('.')) return;
      const target = resolveLocal(context.filename, specifier);
      if (!target || DOORS.some((door) => target.includes(door))) return;
      const chain = chainToForbidden(target, new Set());
      if (!chain) return;
      const pkg = chain[chain.length - 1] ?? '';
      const files = chain.slice(0, -1).map((file) => path.relative(root, file));
      context.report({ node, messageId: 'loads', data: { specifier, pkg, chain: [...files, pkg].join(' → ') } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

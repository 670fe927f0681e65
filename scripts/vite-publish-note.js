// After `npm run build`, says where the built app is and how to publish it: the person who builds is often
// the one who must put it online, and dist/ alone does not say that a relay is a separate program.
import { relative, resolve } from 'node:path';

/** @returns {import('vite').Plugin} */
export function publishNote() {
  /** @type {import('vite').ResolvedConfig | undefined} */
  let config;
  return {
    name: 'kehu-publish-note',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (!config) return;
        const outDir = resolve(config.root, config.build.outDir);
        const shown = relative(process.cwd(), outDir) || '.';
        config.logger.info(
          [
            '',
            `Kehu is built: the app is the folder ${shown.startsWith('..') ? outDir : `${shown}/`} (static files that work at any address and path).`,
            'To publish it, copy that folder to any static web host that serves https (GitHub Pages, nginx, Caddy, ...),',
            'or run `npm start` to serve it from this computer. Sync between devices needs a signalling relay:',
            '`npm start` includes one, `npm run relay` runs one alone. Step by step: docs/deploy.md.',
          ].join('\n'),
        );
      },
    },
  };
}

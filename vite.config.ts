import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { publishNote } from './scripts/vite-publish-note.js';

export default defineConfig({
  // Relative: one build works at any origin and path (https://example.org/kehu/ as well as /). The service
  // worker's scope, the manifest's start_url and scope, and the icons resolve against the page's folder;
  // routes are hash routes, and the default relay is `signal` next to the page (sync/relay-url.ts).
  base: './',
  plugins: [
    svelte(),
    VitePWA({
      // The user decides when a new version takes over: an open form must never be reloaded away.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon-180x180.png'],
      manifest: {
        // Kehu in both languages: in Chinese text "客户" is the word customer (docs/words.md).
        name: 'Kehu',
        short_name: 'Kehu',
        description: 'Offline-first customer management that keeps your data on your devices',
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#0f766e',
        background_color: '#ffffff',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        navigateFallback: 'index.html',
        // The relay (`signal` next to the app, at any base path) is not part of the app shell.
        navigateFallbackDenylist: [/\/signal(?:[/?]|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
    publishNote(),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Pages are chunks of their own (ui/layout/pages.ts). The largest libraries the first screen
        // needs are chunks of their own too: they change less often than the app, so a new version
        // re-downloads less, and no chunk is past the 500 kB warning.
        codeSplitting: {
          groups: [
            { name: 'pinyin', test: /node_modules[\\/]pinyin-pro[\\/]/ },
            { name: 'dexie', test: /node_modules[\\/]dexie[\\/]/ },
            { name: 'peer', test: /node_modules[\\/]simple-peer[\\/]/ },
          ],
        },
      },
    },
  },
});

import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [svelte(), VitePWA({ registerType: 'prompt', injectRegister: false })],
  build: { target: 'es2022', sourcemap: true },
});

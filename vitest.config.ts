import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Compiles the runes of UI state classes (*.svelte.ts), so they are tested in Node too.
  plugins: [svelte()],
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    // A time limit is for a hung test, not a speed claim: property runs on a loaded 2-core machine
    // passed 5 s (Vitest's default) with nothing wrong.
    testTimeout: 60_000,
  },
});

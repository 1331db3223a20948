import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The counter console (docs/console.md). Everything it needs is bundled from the registry's
// packages: a counter PC may have no internet, so nothing is fetched at run time.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // Vite 8 transforms TSX with oxc; React 19's automatic runtime needs no plugin for a build.
  oxc: { jsx: { runtime: 'automatic' } },
  logLevel: 'warn',
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    reportCompressedSize: false,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a browser bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});

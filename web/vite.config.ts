import { defineConfig } from 'vite';

// No React plugin: esbuild's automatic JSX runtime is all this dashboard needs.
export default defineConfig({
  root: __dirname,
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

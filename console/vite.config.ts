import { defineConfig } from 'vite';

/*
 * The console is served by the API server at /console/ (server/src/platform/http/static-apps.ts).
 * No framework plugin: esbuild's automatic JSX runtime pointed at Preact is all the build needs.
 * In `npm run dev -w console`, API calls go to the server on port 3000 so cookies stay same-origin.
 */
export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Inline nothing: the page's CSP allows scripts from our own origin only.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5174,
    proxy: { '/api': 'http://localhost:3000' },
  },
});

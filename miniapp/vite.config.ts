import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import zaloMiniApp from 'zmp-vite-plugin';
import { precompressPlugin } from './build-tools/precompress-plugin';
import { serviceWorkerPlugin } from './build-tools/service-worker-plugin';
import { zaloPackagePlugins } from './build-tools/zalo-package-plugin';

/*
 * One code base, two builds:
 *  - `vite build --mode web`  → dist/web, served by the API server at `/`, installable, with a service worker;
 *  - `vite build --mode zalo` → dist/zalo, the package zmp-cli deploys (app-config.json, base /zapps/{APP_ID}/).
 * `__ZALO_BUILD__` is a build-time constant so the web build drops `import('./platform/zalo')` and
 * therefore carries no zmp-sdk code at all.
 */
const DEMO_APP_ID = 'demo-app-id-thay-bang-id-that';

export default defineConfig(({ mode, command }): UserConfig => {
  const zalo = mode === 'zalo';
  const appId = process.env.ZALO_APP_ID || DEMO_APP_ID;
  let apiBase = '';
  if (zalo) {
    // The package is served from h5.zdn.vn, so API calls must name our server absolutely.
    apiBase = process.env.VITE_API_URL ?? '';
    if (!apiBase) {
      apiBase = 'http://localhost:3000';
      console.warn('\n[zalo] VITE_API_URL is not set: the package will call http://localhost:3000.\n');
    }
    if (!process.env.ZALO_APP_ID) console.warn(`[zalo] ZALO_APP_ID is not set: using "${DEMO_APP_ID}".\n`);
  }
  const plugins: Plugin[] = zalo
    ? [zaloMiniApp(), ...zaloPackagePlugins(appId)]
    : command === 'build'
      ? [serviceWorkerPlugin(), preloadTenantPlugin(), precompressPlugin()]
      : [];

  return {
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // The server's form definitions and validator (no imports outside their folder) run in the
    // browser too, so the form checks exactly what the server will; only the form's chunk imports it.
    resolve: {
      alias: {
        '@forms': fileURLToPath(new URL('../server/src/platform/forms', import.meta.url)),
        // The server's EXIF GPS reader (no imports, plain bytes): one parser for phone and server.
        '@exif': fileURLToPath(new URL('../server/src/platform/files/exif-gps.ts', import.meta.url)),
      },
    },
    define: {
      __ZALO_BUILD__: JSON.stringify(zalo),
      __API_BASE__: JSON.stringify(apiBase.replace(/\/+$/, '')),
      __TENANT_ID__: JSON.stringify(process.env.VITE_TENANT_ID ?? ''),
      __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0'),
    },
    // Icons and the web manifest belong to the installable web app; Zalo takes its icon from the portal.
    publicDir: zalo ? false : 'public',
    build: {
      outDir: zalo ? 'dist/zalo' : 'dist/web',
      emptyOutDir: true,
      // Inline nothing: the page's CSP allows scripts and styles from our own origin only.
      assetsInlineLimit: 0,
      // One CSS file, loaded with the shell.
      cssCodeSplit: false,
      modulePreload: { polyfill: false },
    },
    plugins,
    server: {
      port: 5173,
      proxy: { '/api': 'http://localhost:3000' },
    },
  };
});

/**
 * The home cannot show its tiles before GET /api/tenant answers. Preloading it from the document
 * starts that request with the script's download instead of after the script has run: one round
 * trip less on a slow phone. Web build only, and only when the tenant comes from the host name
 * (with VITE_TENANT_ID the request carries a header a preload cannot send).
 */
function preloadTenantPlugin(): Plugin {
  return {
    name: 'preload-tenant',
    transformIndexHtml: () =>
      process.env.VITE_TENANT_ID
        ? []
        : [
            {
              tag: 'link',
              attrs: { rel: 'preload', href: '/api/tenant', as: 'fetch', crossorigin: 'anonymous' },
              injectTo: 'head-prepend',
            },
          ],
  };
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Runs after zmp-vite-plugin. That plugin forces `base: './'`; inside Zalo the package is served from
 * https://h5.zdn.vn/zapps/{APP_ID}/, so lazily loaded chunks need that absolute base. After the build
 * we check that the app-config.json it wrote lists our CSS and entry script: Zalo loads exactly those
 * files, and a package listing none would open blank.
 */
export function zaloPackagePlugins(appId: string): Plugin[] {
  let outDir = '';
  return [
    {
      name: 'ctic-zalo-base',
      config: () => ({ base: `/zapps/${appId}/` }),
      configResolved(config) {
        outDir = path.resolve(config.root, config.build.outDir);
      },
      closeBundle() {
        const file = path.join(outDir, 'app-config.json');
        const written = JSON.parse(readFileSync(file, 'utf8')) as {
          listCSS?: string[];
          listSyncJS?: string[];
        };
        const css = written.listCSS ?? [];
        const js = written.listSyncJS ?? [];
        if (!css.some((f) => f.endsWith('.css')) || !js.some((f) => f.endsWith('.js'))) {
          throw new Error(
            `${file} must list the CSS and the entry script; it lists ${JSON.stringify(written)}`,
          );
        }
      },
    },
  ];
}

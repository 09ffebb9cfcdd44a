import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputBundle, OutputChunk } from 'rollup';
import type { Plugin } from 'vite';
import { serviceWorkerSource } from './service-worker-source';

/**
 * Web build only: writes /sw.js with the list of files that make up the shell (index.html, the entry
 * chunk and what it imports statically, the CSS, the manifest and icons), so a second visit opens
 * offline. Lazily loaded screens are cached when first used. Also links the manifest and icons into
 * index.html (the Zalo package has neither).
 */
export function serviceWorkerPlugin(): Plugin {
  let publicDir = '';
  return {
    name: 'ctic-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' }, injectTo: 'head' },
      {
        tag: 'link',
        attrs: { rel: 'icon', href: '/icons/icon.svg', type: 'image/svg+xml' },
        injectTo: 'head',
      },
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/icon-192.png' }, injectTo: 'head' },
    ],
    generateBundle(_options, bundle: OutputBundle) {
      const shell = new Set<string>(['/index.html']);
      // Hashed names change with their content; public files do not, so their bytes go into the version.
      const version = createHash('sha256');
      const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const visit = (chunk: OutputChunk): void => {
        if (shell.has(`/${chunk.fileName}`)) return;
        shell.add(`/${chunk.fileName}`);
        for (const imported of chunk.imports) {
          const next = byName.get(imported);
          if (next) visit(next);
        }
      };
      chunks.filter((c) => c.isEntry).forEach(visit);
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset' && file.fileName.endsWith('.css')) shell.add(`/${file.fileName}`);
      }
      for (const entry of readdirSync(publicDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const relative = path.relative(publicDir, path.join(entry.parentPath, entry.name));
        shell.add(`/${relative.split(path.sep).join('/')}`);
        version.update(readFileSync(path.join(entry.parentPath, entry.name)));
      }
      const files = [...shell].sort();
      version.update(files.join('\n'));
      const source = serviceWorkerSource(files, version.digest('hex').slice(0, 12));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

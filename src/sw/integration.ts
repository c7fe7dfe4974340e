/**
 * Astro integration: at the end of `astro build`, bundles ./service-worker.ts into `sw.js` with
 * esbuild and writes the precache list into it with Workbox (`injectManifest`), then reports what
 * it precaches. @vite-pwa/astro would do the same but does not support Astro 7.
 */
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { globSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { normalizeBase } from '../lib/base-path.ts';
import { pageScripts } from './page-assets.ts';

/** What every visitor gets on install (besides the page scripts): pages, styles, fonts, search. */
export const PRECACHE_PATTERNS = ['**/*.html', '**/*.css', '**/*.woff2', '*.svg', 'pagefind/**/*'];

export function serviceWorker(): AstroIntegration {
  let base = '/';
  return {
    name: 'service-worker',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normalizeBase(config.base);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const swDest = join(outDir, 'sw.js');
        await build({
          entryPoints: [fileURLToPath(new URL('service-worker.ts', import.meta.url))],
          bundle: true,
          format: 'iife',
          minify: true,
          target: 'es2022',
          outfile: swDest,
          // Workbox logs its development messages unless told it runs in production.
          define: { 'process.env.NODE_ENV': '"production"' },
          logLevel: 'warning',
        });
        const pages = globSync('**/*.html', { cwd: outDir });
        const scripts = pageScripts(pages, base, undefined, outDir);
        const { count, size, warnings } = await injectManifest({
          swSrc: swDest,
          swDest,
          globDirectory: outDir,
          globPatterns: [...PRECACHE_PATTERNS, ...scripts],
          // Content-hashed names need no revision of their own.
          dontCacheBustURLsMatching: /^_astro\//,
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(
          `${relative(process.cwd(), swDest)} precaches ${count} files (${(size / 1024 / 1024).toFixed(2)} MB, ` +
            `${scripts.length} of them page scripts); demo code and data are cached when first loaded`,
        );
      },
    },
  };
}

/**
 * Build time (Node): which scripts of a built site a page runs before any interaction. They are the
 * scripts and island modules its HTML names (`<script src>`, `component-url`, `renderer-url`...)
 * and every module those import statically. What they import dynamically (TF.js, workers, WASM,
 * charts: what a demo loads on Train) is left out, for the service worker to cache when first used.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** Attributes through which Astro's HTML names a script. */
const HTML_SCRIPT = /\b(?:src|component-url|renderer-url|before-hydration-url|href)="([^"]+\.m?js)"/g;
/** Static `import ... from "./x.js"`, `import "./x.js"` and `export ... from "./x.js"` in a bundle. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.m?js)["']/g;

/** Script paths (relative to the output folder) that `html` names, given the site's base path. */
export function scriptsOfHtml(html: string, base: string): string[] {
  const found: string[] = [];
  for (const [, url = ''] of html.matchAll(HTML_SCRIPT)) {
    if (url.startsWith(base)) found.push(url.slice(base.length));
  }
  return found;
}

/** Relative paths of modules that `code` (the file at `file`) imports statically. */
export function staticImports(code: string, file: string): string[] {
  return [...code.matchAll(STATIC_IMPORT)].map(([, spec = '']) => posix.join(posix.dirname(file), spec));
}

/**
 * Every script the pages run before interaction, as paths relative to `outDir`, sorted.
 * `pages` are HTML paths relative to `outDir`; `read` reads a file of the output (a test may fake it).
 */
export function pageScripts(
  pages: readonly string[],
  base: string,
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
  outDir = '.',
): string[] {
  const seen = new Set<string>();
  const queue = pages.flatMap((page) => scriptsOfHtml(read(posix.join(outDir, page)), base));
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(read(posix.join(outDir, file)), file));
  }
  return [...seen].sort();
}

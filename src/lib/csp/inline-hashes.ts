/**
 * Completes Astro's per-page content security policy after the build.
 *
 * Astro hashes the scripts and styles it bundles, but not `<script is:inline>` bodies, which pass
 * around its pipeline (withastro/astro#16664, #16678). Starlight renders several of those (the
 * theme picker, the sidebar state, the search shortcut), and a strict policy would block them.
 * This integration reads every built page, hashes each inline script and `<style>` it actually
 * contains, and adds the missing hashes to that page's `<meta http-equiv="content-security-policy">`.
 * A page is only ever allowed the exact inline code it shipped with; nothing is loosened.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesUnder } from '../built-files.ts';

const META = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/i;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;

/** `'sha256-…'` of a text, as a CSP source. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** True for a `<script>` that a browser runs (not JSON-LD or another data block). */
function isExecutable(attributes: string): boolean {
  const type = /\btype\s*=\s*"([^"]*)"/i.exec(attributes)?.[1]?.trim().toLowerCase();
  return type === undefined || type === '' || type === 'module' || type === 'text/javascript';
}

/** Inline script and style bodies of a page, hashed. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(SCRIPT)]
    .filter(([, attrs = '', body = '']) => body.length > 0 && !/\bsrc\s*=/i.test(attrs) && isExecutable(attrs))
    .map(([, , body = '']) => cspHash(body));
  const styles = [...html.matchAll(STYLE)]
    .filter(([, body = '']) => body.length > 0)
    .map(([, body = '']) => cspHash(body));
  return { scripts, styles };
}

/** Adds `sources` to `directive` of a policy text, once each; a missing directive is created. */
export function addSources(policy: string, directive: string, sources: readonly string[]): string {
  const parts = policy
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const index = parts.findIndex((p) => p.split(/\s+/)[0]?.toLowerCase() === directive);
  const current = index >= 0 ? (parts[index] ?? '').split(/\s+/).slice(1) : ["'self'"];
  const merged = [...current, ...sources.filter((s) => !current.includes(s))];
  const text = [directive, ...new Set(merged)].join(' ');
  if (index >= 0) parts[index] = text;
  else parts.push(text);
  return `${parts.join('; ')};`;
}

/**
 * Returns the page with every inline script and style hash in its policy, and how many hashes
 * were added; a page without a policy is returned unchanged.
 */
export function completePolicy(html: string): { html: string; added: number } {
  const meta = META.exec(html);
  if (!meta) return { html, added: 0 };
  const before = meta[2] ?? '';
  const { scripts, styles } = inlineHashes(html);
  let policy = addSources(before, 'script-src', scripts);
  const styleDirective = /(^|;)\s*style-src-elem\s/.test(policy) ? 'style-src-elem' : 'style-src';
  policy = addSources(policy, styleDirective, styles);
  const count = (p: string) => (p.match(/'sha(256|384|512)-/g) ?? []).length;
  return { html: html.replace(META, `$1${policy}$3`), added: count(policy) - count(before) };
}

/** The integration; list it after Starlight in astro.config.mjs. */
export function cspInlineHashes(): AstroIntegration {
  return {
    name: 'csp-inline-hashes',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        let pages = 0;
        let added = 0;
        for (const file of await filesUnder(fileURLToPath(dir), '.html')) {
          const html = await readFile(file, 'utf8');
          const result = completePolicy(html);
          if (result.added > 0) {
            await writeFile(file, result.html);
            pages += 1;
            added += result.added;
          }
        }
        logger.info(`added ${added} inline script/style hashes to the policy of ${pages} pages`);
      },
    },
  };
}

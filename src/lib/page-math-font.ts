/**
 * Astro integration: at the end of `astro build`, each page gets a math font of its own, cut from
 * the site's subset (src/fonts/, src/lib/math-font.ts) down to the characters that page's formulas
 * draw, and declared in its <head>; the site-wide declaration leaves the built stylesheet.
 *
 * Why: the site's subset is about 48 KB, and a phone on a slow link fetches it with the page's
 * first layout, at the highest priority, before the largest text is painted; a page's own cut is
 * 5 to 16 KB here. A page without math loads no math font at all. `astro dev` keeps the site-wide font.
 *
 * List it before cspInlineHashes (which hashes the declaration into the page's policy) and
 * serviceWorker (which precaches the fonts) in astro.config.mjs.
 */
import { createHash } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import subsetFont from 'subset-font';
import { normalizeBase } from './base-path.ts';
import { filesUnder } from './built-files.ts';
import { drawnMathCharacters } from './math-font.ts';

/** The family name math.css gives `math` elements. */
export const MATH_FAMILY = 'WRW Math';

/**
 * Characters a page's font keeps besides those its formulas draw: the space (CSS takes the first
 * font that has it as the element's font, whose MATH table lays the formula out) and the radical,
 * which the browser draws for `msqrt` and `mroot` without any text of the page holding it.
 */
const ALWAYS = ' \u221a';

/** The site-wide declaration as the built stylesheet has it, minified (src/styles/math.css). */
const SITE_FACE = new RegExp(`@font-face\\{font-family:["']?${MATH_FAMILY}["']?;[^}]*\\}`, 'g');

/** The `<style>` that declares a page's math font, at `url`. */
export function mathFontFace(url: string): string {
  return `<style>@font-face{font-family:"${MATH_FAMILY}";src:local("STIX Two Math"),url(${url}) format("woff2");font-display:swap}</style>`;
}

/** The characters a page's math font keeps, sorted; empty when the page has no math. */
export function pageMathCharacters(html: string): string {
  const drawn = drawnMathCharacters(html);
  if (drawn.size === 0) return '';
  return [...new Set([...drawn, ...ALWAYS])].sort().join('');
}

/** The `<link>` that fetches a page's math font with the page's first requests. */
export function mathFontPreload(url: string): string {
  return `<link rel="preload" href="${url}" as="font" type="font/woff2" crossorigin>`;
}

/**
 * `html` with its math font at `url`: fetched from the top of the head, so that it has usually
 * arrived by the first layout of the formulas (without it, the browser lays every formula out
 * in a fallback face and then again once the font comes), and declared as the last element of the
 * head (after the policy).
 */
export function withMathFontFace(html: string, url: string): string {
  const end = html.indexOf('</head>');
  if (end < 0) throw new Error('page-math-font: a page has no </head>');
  const declared = `${html.slice(0, end)}${mathFontFace(url)}${html.slice(end)}`;
  // After the character set, which must come within the page's first 1,024 bytes.
  const top = /<meta charset="[^"]*"\s*\/?>/i.exec(declared) ?? /<head(?:\s[^>]*)?>/i.exec(declared);
  const at = top ? top.index + top[0].length : end;
  return `${declared.slice(0, at)}${mathFontPreload(url)}${declared.slice(at)}`;
}

/** `css` without the site-wide declaration of the math font, and the font files it named. */
export function withoutSiteFace(css: string): { css: string; files: string[] } {
  const files: string[] = [];
  const stripped = css.replace(SITE_FACE, (rule) => {
    for (const m of rule.matchAll(/url\(["']?[^"')]*\/([^/"')]+\.woff2)["']?\)/g)) files.push(m[1] as string);
    return '';
  });
  return { css: stripped, files };
}

export function pageMathFont(): AstroIntegration {
  let base = '/';
  let assets = '_astro';
  return {
    name: 'page-math-font',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normalizeBase(config.base);
        assets = config.build.assets;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const source = await readFile(fileURLToPath(new URL('../fonts/stix-two-math-subset.woff2', import.meta.url)));
        const fonts = new Map<string, string>();
        let pages = 0;
        let bytes = 0;
        for (const file of await filesUnder(outDir, '.html')) {
          const html = await readFile(file, 'utf8');
          const characters = pageMathCharacters(html);
          if (!characters) continue;
          let name = fonts.get(characters);
          if (!name) {
            const font = await subsetFont(source, characters, { targetFormat: 'woff2' });
            name = `math-font.${createHash('sha256').update(font).digest('base64url').slice(0, 8)}.woff2`;
            await writeFile(join(outDir, assets, name), font);
            fonts.set(characters, name);
            bytes += font.length;
          }
          await writeFile(file, withMathFontFace(html, `${base}${assets}/${name}`));
          pages += 1;
        }
        const unused = new Set<string>();
        for (const file of await filesUnder(join(outDir, assets), '.css')) {
          const { css, files } = withoutSiteFace(await readFile(file, 'utf8'));
          if (files.length === 0) continue;
          await writeFile(file, css);
          for (const name of files) unused.add(name);
        }
        for (const name of unused) await unlink(join(outDir, assets, name));
        if (unused.size === 0)
          throw new Error('page-math-font: no built stylesheet declares the site-wide math font; check SITE_FACE.');
        logger.info(
          `${pages} pages with math get a font of their own: ${fonts.size} fonts, ${(bytes / 1024).toFixed(1)} KB in all`,
        );
      },
    },
  };
}

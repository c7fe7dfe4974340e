/**
 * The site's content security policy, given to Astro's built-in CSP support (`security.csp` in
 * astro.config.mjs). Astro hashes every script and style it renders, Starlight's inline scripts
 * included, and writes one `<meta http-equiv="content-security-policy">` per page; the directives
 * below add the rest. Every source is this origin: the site loads nothing from elsewhere.
 *
 * Each exception to "self and hashes only" is listed here with its reason:
 * - `'wasm-unsafe-eval'` in script-src: compiling WebAssembly needs it. Two things on the site
 *   compile WASM: the TF.js WASM backend (the demos' fallback when no GPU is usable) and Pagefind,
 *   Starlight's search. It does not allow `eval` or `new Function`.
 * - `'unsafe-inline'` in style-src-attr only: typeset math sets cell widths and paddings with
 *   `style="..."` attributes (Temml's MathML), and Starlight sets a few too. Style attributes
 *   cannot run script; `<style>` elements stay hash-only.
 * - `blob:` in img-src: demos may hand a canvas snapshot to an `<img>` as an object URL.
 * - `blob:` in worker-src: on a cross-origin isolated page the TF.js WASM backend runs threads, and
 *   Emscripten starts each one from a `blob:` URL of TF.js's own worker script (a string in the
 *   package, not fetched). A blob URL can only be made by this page's own scripts, so this admits
 *   no outside code; the glue those threads load is a file of the site (src/lib/wasm-threads.ts).
 * - `data:` in img-src and font-src: stylesheets (Starlight's icons) embed small images as
 *   data URLs.
 */
import type { AstroUserConfig } from 'astro';

type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;

/** Directives other than script-src and style-src, which Astro fills with its hashes. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const satisfies readonly string[];

/** `security.csp` for astro.config.mjs. */
export const contentSecurityPolicy: CspConfig = {
  algorithm: 'SHA-256',
  directives: [...CSP_DIRECTIVES],
  scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
  // Scoped so that style-src-elem gets 'self' and the hashes, style-src-attr the one exception.
  styleDirective: {
    resources: [
      { resource: "'self'", kind: 'element' },
      { resource: "'unsafe-inline'", kind: 'attribute' },
    ],
  },
};

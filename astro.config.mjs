// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import { remarkCitations } from './src/lib/remark-citations.ts';
import { rehypeMath } from './src/lib/rehype-math.ts';
import { rehypeScrollTables } from './src/lib/rehype-scroll-tables.ts';
import { contentSecurityPolicy } from './src/lib/csp/policy.ts';
import { cspInlineHashes } from './src/lib/csp/inline-hashes.ts';
import { pageMathFont } from './src/lib/page-math-font.ts';
import { normalizeBase, remarkBaseLinks } from './src/lib/base-path.ts';
import { ISOLATION_HEADERS } from './src/lib/isolation.ts';
import { serviceWorker } from './src/sw/integration.ts';
import { wasmThreadsGlue } from './src/lib/wasm-threads.ts';
import { leanTfjsCore } from './src/lib/lean-tfjs-core.ts';
import { trimmedWasm } from './src/lib/wasm-trim.ts';

/** The public address of the site; set SITE_URL when deploying elsewhere. */
const site = process.env['SITE_URL'] || 'https://why-resnets-work.example';
/** The path the site is served under; set BASE_PATH (say, /why-resnets-work/) for a project site. */
const base = normalizeBase(process.env['BASE_PATH']);

export default defineConfig({
  site,
  base,
  // A separate output folder lets two builds (say, a test run and a benchmark) live side by side.
  outDir: process.env['ASTRO_OUT_DIR'] || './dist',
  output: 'static',
  // The dev and preview servers send the isolation headers that public/_headers asks hosts for;
  // SEND_ISOLATION_HEADERS=0 serves as GitHub Pages does, without them (the service worker adds them).
  server: { headers: process.env['SEND_ISOLATION_HEADERS'] === '0' ? {} : ISOLATION_HEADERS },
  trailingSlash: 'always',
  // A strict content security policy on every page (see src/lib/csp/policy.ts).
  security: { csp: contentSecurityPolicy },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkCitations, [remarkBaseLinks, { base }]],
      rehypePlugins: [rehypeMath, rehypeScrollTables],
    }),
  },
  vite: {
    resolve: {
      // Starlight's search builds Pagefind's form when the search dialog first opens, not on every
      // page load (src/lib/lazy-pagefind-ui.ts).
      alias: [
        {
          find: /^@pagefind\/default-ui$/,
          replacement: fileURLToPath(new URL('./src/lib/lazy-pagefind-ui.ts', import.meta.url)),
        },
        // Starlight's table of contents, with a cheaper search for the elements it watches
        // (src/lib/starlight-toc.ts).
        {
          find: /^(?:.*\/)?components-internals\/TableOfContents\/starlight-toc(?:\.[jt]s)?$/,
          replacement: fileURLToPath(new URL('./src/lib/starlight-toc.ts', import.meta.url)),
        },
      ],
    },
    // Threads of TF.js's WASM backend load its glue from a file, not a bundled copy
    // (src/lib/wasm-threads.ts); its binaries are served cut down to the demos' kernels (src/lib/wasm-trim.ts).
    plugins: [leanTfjsCore(), wasmThreadsGlue(), trimmedWasm()],
    worker: {
      plugins: () => [leanTfjsCore(), wasmThreadsGlue(), trimmedWasm()],
      // An ES-module worker keeps each TF.js backend in a chunk of its own, loaded by dynamic import
      // once the backend is chosen (src/training/backend.ts); an IIFE worker would inline all four.
      format: 'es',
      // The names the page build gives assets, so a .wasm file that both the worker and the
      // main-thread fallback import is written once, not twice under two names.
      rolldownOptions: { output: { assetFileNames: '_astro/[name].[hash][extname]' } },
    },
  },
  integrations: [
    starlight({
      title: 'Why ResNets Work',
      description:
        'Why residual networks train where classic ConvNets stop improving, with demos that train real models in your browser.',
      defaultLocale: 'root',
      locales: { root: { label: 'English', lang: 'en' } },
      markdown: { processedDirs: ['./content'] },
      customCss: ['./src/styles/math.css', './src/styles/site.css', './src/styles/tokens.css'],
      expressiveCode: { themes: ['github-dark', 'github-light'] },
      lastUpdated: false,
      components: { Head: './components/site/Head.astro' },
      // Hero buttons in frontmatter get the base path, as body links do (src/lib/base-path.ts).
      routeMiddleware: './src/lib/route-base.ts',
      sidebar: [
        { label: 'Introduction', link: '/' },
        { label: 'Chapters', items: [{ autogenerate: { directory: 'content/chapters' } }] },
        { label: 'Architectures', items: [{ autogenerate: { directory: 'content/architectures' } }] },
      ],
    }),
    preact(),
    // Each page's math font, cut to its own formulas (src/lib/page-math-font.ts); before the two below.
    pageMathFont(),
    // Hashes Starlight's `is:inline` scripts into each page's policy, which Astro leaves out.
    cspInlineHashes(),
    // Last, so that it precaches the pages as the hooks above left them (src/sw/).
    serviceWorker(),
  ],
});

import { describe, expect, it } from 'vitest';
import { pageScripts, scriptsOfHtml, staticImports } from '../../../src/sw/page-assets.ts';

describe('scriptsOfHtml', () => {
  it('finds page scripts and island modules under the base path', () => {
    const html =
      '<script type="module" src="/sub/_astro/page.abc.js"></script>' +
      '<astro-island component-url="/sub/_astro/LenetDemo.x1.js" renderer-url="/sub/_astro/client.y2.js">' +
      '<a href="/sub/chapters/">x</a><script src="https://elsewhere.example/x.js"></script>';
    expect(scriptsOfHtml(html, '/sub/')).toEqual([
      '_astro/page.abc.js',
      '_astro/LenetDemo.x1.js',
      '_astro/client.y2.js',
    ]);
  });
});

describe('staticImports', () => {
  it('follows static imports and re-exports, not dynamic imports', () => {
    const code =
      'import{a as b}from"./preact.js";import"./side.js";export{c}from"../x/y.js";' +
      'const t=()=>import("./tfjs.js");';
    expect(staticImports(code, '_astro/LenetDemo.js')).toEqual(['_astro/preact.js', '_astro/side.js', 'x/y.js']);
  });
});

describe('pageScripts', () => {
  it('collects what pages run before interaction, leaving what a demo loads on Train', () => {
    const files: Record<string, string> = {
      'index.html': '<astro-island component-url="/_astro/Demo.js" renderer-url="/_astro/client.js">',
      'a/index.html': '<script type="module" src="/_astro/page.js"></script>',
      '_astro/Demo.js': 'import{h}from"./preact.js";const go=()=>import("./trainer.js");',
      '_astro/client.js': 'import"./preact.js";',
      '_astro/preact.js': 'export const h=1;',
      '_astro/page.js': '',
      '_astro/trainer.js': 'import"./tfjs.js";',
    };
    const read = (file: string) => files[file] ?? '';
    expect(pageScripts(['index.html', 'a/index.html'], '/', read)).toEqual([
      '_astro/Demo.js',
      '_astro/client.js',
      '_astro/page.js',
      '_astro/preact.js',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { normalizeBase, remarkBaseLinks, withBase } from '../../../src/lib/base-path.ts';

describe('normalizeBase', () => {
  it('gives / when BASE_PATH is unset or empty', () => {
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('')).toBe('/');
    expect(normalizeBase('/')).toBe('/');
  });

  it('adds the leading and trailing slash Astro expects', () => {
    expect(normalizeBase('why-resnets-work')).toBe('/why-resnets-work/');
    expect(normalizeBase('/why-resnets-work')).toBe('/why-resnets-work/');
    expect(normalizeBase('/a/b/')).toBe('/a/b/');
  });

  it('refuses a value that is not a path', () => {
    expect(() => normalizeBase('/x?y')).toThrow(/BASE_PATH "\/x\?y" is not a path/);
  });
});

describe('withBase', () => {
  const base = '/why-resnets-work/';

  it('prefixes root-absolute links, keeping fragments', () => {
    expect(withBase(base, '/chapters/how-deep/')).toBe('/why-resnets-work/chapters/how-deep/');
    expect(withBase(base, '/chapters/resnet-34/#stages')).toBe('/why-resnets-work/chapters/resnet-34/#stages');
    expect(withBase(base, '/')).toBe('/why-resnets-work/');
  });

  it('leaves other links alone and never prefixes twice', () => {
    for (const url of ['#ref-he2015', 'how-deep/', '../x/', 'https://arxiv.org/abs/1512.03385', '//cdn.example/x']) {
      expect(withBase(base, url)).toBe(url);
    }
    expect(withBase(base, '/why-resnets-work/chapters/')).toBe('/why-resnets-work/chapters/');
    expect(withBase('/', '/chapters/')).toBe('/chapters/');
  });
});

describe('remarkBaseLinks', () => {
  it('rewrites links, images and definitions in the tree', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'link', url: '/chapters/how-deep/', children: [{ type: 'text', value: 'How deep' }] },
            { type: 'link', url: '#ref-he2015', children: [{ type: 'text', value: 'He' }] },
            { type: 'image', url: '/figures/a.svg', alt: 'a' },
          ],
        },
        { type: 'definition', identifier: 'r', url: '/architectures/resnet-34/' },
      ],
    };
    remarkBaseLinks({ base: '/sub/' })(tree);
    expect(JSON.stringify(tree)).toContain('"/sub/chapters/how-deep/"');
    expect(JSON.stringify(tree)).toContain('"#ref-he2015"');
    expect(JSON.stringify(tree)).toContain('"/sub/figures/a.svg"');
    expect(JSON.stringify(tree)).toContain('"/sub/architectures/resnet-34/"');
  });
});

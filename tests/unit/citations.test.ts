import { describe, expect, it } from 'vitest';
import { bibliography, findCitationKeys, shortLabel } from '../../src/lib/bibliography.ts';
import { remarkCitations, UnknownCitationError } from '../../src/lib/remark-citations.ts';
import type { Root } from 'mdast';
import { VFile } from 'vfile';

function paragraph(text: string): Root {
  return { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
}

describe('citations', () => {
  it('finds keys in order of first use, once each', () => {
    expect(findCitationKeys('a [@he2015] b [@lecun1998; @he2015] c')).toEqual(['he2015', 'lecun1998']);
  });

  it('labels works by family name and year', () => {
    expect(shortLabel('he2015')).toBe('He et al. 2015');
    expect(shortLabel('simonyan2014')).toBe('Simonyan and Zisserman 2014');
    expect(shortLabel('krizhevsky2014')).toBe('Krizhevsky 2014');
    expect(shortLabel('torchvision')).toBe('torchvision 2024');
  });

  it('links each citation and appends the reference list', () => {
    const tree = paragraph('Residual nets [@he2015; @he2016] train.');
    remarkCitations()(tree, new VFile({ path: 'content/x.mdx' }));
    const json = JSON.stringify(tree);
    expect(json).toContain('"url":"#ref-he2015"');
    expect(json).toContain('"url":"#ref-he2016"');
    expect(json).toContain(bibliography.he2016.url);
    expect(json).not.toContain('[@');
  });

  it('stops the build on an unknown key and names the file', () => {
    const tree = paragraph('See [@nobody1999].');
    expect(() => remarkCitations()(tree, new VFile({ path: 'content/chapters/bad.mdx' }))).toThrow(
      UnknownCitationError,
    );
    expect(() =>
      remarkCitations()(paragraph('See [@nobody1999].'), new VFile({ path: 'content/chapters/bad.mdx' })),
    ).toThrow(/content\/chapters\/bad\.mdx: unknown citation key "@nobody1999"/);
  });

  it('every entry links to an allowed host over https', () => {
    for (const ref of Object.values(bibliography)) {
      expect(ref.url).toMatch(/^https:\/\/(arxiv\.org|doi\.org|proceedings\.neurips\.cc|github\.com)\//);
    }
  });
});

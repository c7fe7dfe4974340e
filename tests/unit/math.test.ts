import { readFileSync } from 'node:fs';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { MATH_FONT_FILE, fontCodePoints } from '../../scripts/subset-math-font.mjs';
import { MATH_FONT_TEXT, autoItalic, drawnMathCharacters } from '../../src/lib/math-font.ts';
import { DISPLAY_LABEL, rehypeMath, renderMath } from '../../src/lib/rehype-math.ts';

/** Renders Markdown the way the site does, math included. */
async function render(markdown: string, path = 'content/chapters/test.mdx'): Promise<string> {
  const processor = unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeMath] });
  const renderer = await processor.createRenderer({ syntaxHighlight: false });
  return (await renderer.render(markdown, { fileURL: new URL(`file:///repo/${path}`) })).code;
}

describe('rehypeMath', () => {
  it('typesets inline math as one MathML element in the sentence, with no TeX source', async () => {
    const html = await render('The output $a^{[l+2]}$ of the block.');
    expect(html).toMatch(/^<p>The output <math><msup><mi>a<\/mi>.*<\/msup><\/math> of the block\.<\/p>$/);
    expect(html).not.toContain('katex');
    expect(html).not.toContain('annotation');
    expect(html).not.toContain('l+2');
  });

  it('puts a display formula in a focusable, named box that scrolls, with its number', async () => {
    const html = await render('Text.\n\n$$\nx_{l+1} = x_l + \\mathcal{F}(x_l) \\tag{1}\n$$\n');
    const box = /<div class="math-display"[^>]*>/.exec(html)?.[0] ?? '';
    expect(box).toContain('tabindex="0"');
    expect(box).toContain('role="group"');
    expect(box).toContain(`aria-label="${DISPLAY_LABEL}"`);
    expect(box).toContain('data-pagefind-ignore="all"');
    expect(html.match(/<math /g)).toHaveLength(1);
    expect(html).toContain('display="block"');
    expect(html).toContain('(1)');
    // Script letters are Unicode characters: MathML Core ignores mathvariant="script".
    expect(html).toContain('ℱ');
    expect(html).not.toContain('<pre');
  });

  it('fails the build on bad TeX, naming the file, the line and the TeX', async () => {
    await expect(render('Line one.\n\n$$\n\\frac{a}{\n$$\n', 'content/chapters/bad.mdx')).rejects.toThrow(
      /bad\.mdx:3: TeX error in math: [\s\S]*TeX: \\frac\{a\}\{/,
    );
    await expect(render('A $\\notacommand{x}$ here.')).rejects.toThrow(/TeX error in math/);
  });

  it('returns one <math> element per formula', () => {
    const math = renderMath('\\sum_{i=1}^{n} i', true);
    expect(math.tagName).toBe('math');
    expect(math.properties['display']).toBe('block');
    expect(math.properties['style']).toBeUndefined();
  });
});

describe('the math font', () => {
  it('draws one-letter identifiers in their Mathematical Italic forms', () => {
    expect(autoItalic('x')).toBe('𝑥');
    expect(autoItalic('h')).toBe('ℎ');
    expect(autoItalic('L')).toBe('𝐿');
    expect(autoItalic('σ')).toBe('𝜎');
    expect(autoItalic('2')).toBe('2');
    const drawn = drawnMathCharacters(
      '<p><math><mi>x</mi><mi>sin</mi><mi mathvariant="normal">d</mi><mo>&lt;</mo><mtext>a b</mtext></math> x</p>',
    );
    expect([...drawn].sort()).toEqual([' ', '<', 'a', 'b', 'd', 'i', 'n', 's', '𝑥'].sort());
  });

  it('holds every character of its list (run npm run subset-math-font after changing the list)', async () => {
    const inFont = await fontCodePoints(readFileSync(MATH_FONT_FILE));
    const missing = [...MATH_FONT_TEXT].filter((char) => !inFont.has(char.codePointAt(0) ?? -1));
    expect(missing).toEqual([]);
    // A subset, not the whole 400 KB font.
    expect(readFileSync(MATH_FONT_FILE).byteLength).toBeLessThan(60 * 1024);
  });
});

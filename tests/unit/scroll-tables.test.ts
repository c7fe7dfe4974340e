import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import { describe, expect, it } from 'vitest';
import { rehypeMath } from '../../src/lib/rehype-math.ts';
import { rehypeScrollTables } from '../../src/lib/rehype-scroll-tables.ts';

/** Renders Markdown the way the site does (GFM tables, MathML math), with the table step last. */
async function render(markdown: string): Promise<string> {
  const processor = unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeMath, rehypeScrollTables] });
  const renderer = await processor.createRenderer({ syntaxHighlight: false });
  return (await renderer.render(markdown)).code;
}

/** The opening tag of each scroll box, in order. */
function boxes(html: string): string[] {
  return [...html.matchAll(/<div class="wrw-scroll wrw-table-scroll"[^>]*>/g)].map((m) => m[0]);
}

const TABLE = '| Depth | Plain | ResNet |\n|---|---|---|\n| 20 | 8.75 | 8.75 |\n';

describe('rehypeScrollTables', () => {
  it('wraps each table in a focusable, named region that holds only the table', async () => {
    const html = await render(`## Results on CIFAR-10\n\nText.\n\n${TABLE}`);
    const [box, ...more] = boxes(html);
    expect(more).toEqual([]);
    expect(box).toContain('tabindex="0"');
    expect(box).toContain('role="region"');
    expect(box).toContain('aria-label="Table: Results on CIFAR-10"');
    expect(html).toMatch(/<div class="wrw-scroll wrw-table-scroll"[^>]*><table>[\s\S]*<\/table><\/div>/);
    expect(html.match(/<table>/g)).toHaveLength(1);
  });

  it('names a table by the nearest heading before it, and numbers a second one under the same heading', async () => {
    const html = await render(`## First\n\n${TABLE}\n## Second\n\n${TABLE}\ntext\n\n${TABLE}`);
    expect(boxes(html).map((b) => /aria-label="([^"]*)"/.exec(b)?.[1])).toEqual([
      'Table: First',
      'Table: Second',
      'Table: Second (2)',
    ]);
  });

  it('reads a heading with math as a screen reader would, once, without the TeX source', async () => {
    const html = await render(`## The block $a^{[l+2]}$\n\n${TABLE}`);
    const label = /aria-label="([^"]*)"/.exec(boxes(html)[0] ?? '')?.[1] ?? '';
    expect(label.startsWith('Table: The block a')).toBe(true);
    expect(label).not.toContain('{');
    expect(label.match(/l\+2/g) ?? []).toHaveLength(1);
  });

  it('falls back to the column headers when no heading comes before the table', async () => {
    const html = await render(TABLE);
    expect(boxes(html)[0]).toContain('aria-label="Table: Depth, Plain, ResNet"');
  });

  it('prefers the caption of a table that has one, and wraps a table only once', () => {
    const plugin = rehypeScrollTables();
    const table = {
      type: 'element' as const,
      tagName: 'table',
      properties: {},
      children: [
        {
          type: 'element' as const,
          tagName: 'caption',
          properties: {},
          children: [{ type: 'text' as const, value: 'Top-1 error' }],
        },
      ],
    };
    const tree = { type: 'root' as const, children: [table] };
    plugin(tree);
    plugin(tree);
    const [box] = tree.children;
    expect(box?.tagName).toBe('div');
    expect(box?.properties).toMatchObject({ role: 'region', ariaLabel: 'Top-1 error', tabIndex: 0 });
    expect(box?.children).toEqual([table]);
  });
});

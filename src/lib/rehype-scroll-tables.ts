/**
 * Rehype plugin: wraps every table of a page's Markdown in a scroll box. A table wider than a phone
 * then scrolls inside the page instead of widening it, shows that it scrolls (the edge shadows of
 * `.wrw-scroll` in src/styles/site.css) and can be scrolled by keyboard: the box is focusable and a
 * named region. Its name is the table's caption, else "Table: " and the heading before the table,
 * else its column headers; a second table of the same name is numbered "(2)" so that names differ.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** The classes of the scroll box (the shared edge-shadow style and the table's own layout). */
export const TABLE_SCROLL_CLASSES = ['wrw-scroll', 'wrw-table-scroll'];

const HEADING = /^h[1-6]$/;

/** Whether a node belongs in the name: hidden content, a formula's TeX source and heading anchor links do not. */
function spoken(el: Element): boolean {
  const cls = el.properties['className'];
  return (
    el.tagName !== 'annotation' &&
    String(el.properties['ariaHidden']) !== 'true' &&
    !(Array.isArray(cls) && cls.includes('sl-anchor-link'))
  );
}

/** The text a screen reader would read from `node`, with whitespace collapsed. */
function textOf(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && !spoken(node)) return '';
  if (node.type !== 'element' && node.type !== 'root') return '';
  return node.children
    .map(textOf)
    .join(node.type === 'element' && /^(th|td)$/.test(node.tagName) ? ' ' : '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isElement(node: RootContent | ElementContent, tag?: string): node is Element {
  return node.type === 'element' && (tag === undefined || node.tagName === tag);
}

/** The cells of the table's first row, as "Depth, n, Plain". */
function headerText(table: Element): string {
  const rows: Element[] = [];
  const collect = (el: Element): void => {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName === 'thead' || child.tagName === 'tbody') collect(child);
    }
  };
  collect(table);
  const first = rows[0];
  if (!first) return '';
  return first.children
    .filter((c): c is Element => isElement(c) && (c.tagName === 'th' || c.tagName === 'td'))
    .map(textOf)
    .filter((t) => t !== '')
    .join(', ');
}

function isWrapped(el: Element): boolean {
  const cls = el.properties['className'];
  return Array.isArray(cls) && cls.includes(TABLE_SCROLL_CLASSES[1] ?? '');
}

/** The plugin: `rehypePlugins: [rehypeScrollTables]`. */
export function rehypeScrollTables() {
  return (tree: Root): void => {
    let heading = '';
    /** How many tables each name has been given, to number the second and later ones. */
    const used = new Map<string, number>();

    const nameOf = (table: Element): string => {
      const caption = table.children.find((c) => isElement(c, 'caption'));
      const from = (caption && textOf(caption)) || (heading && `Table: ${heading}`) || `Table: ${headerText(table)}`;
      const name = from === 'Table: ' ? 'Table' : from;
      const count = (used.get(name) ?? 0) + 1;
      used.set(name, count);
      return count === 1 ? name : `${name} (${count})`;
    };

    const visit = (parent: Root | Element): void => {
      parent.children.forEach((child, index) => {
        if (!isElement(child)) return;
        if (HEADING.test(child.tagName)) {
          heading = textOf(child);
          return;
        }
        if (child.tagName === 'table') {
          if (parent.type === 'element' && isWrapped(parent)) return;
          const box: Element = {
            type: 'element',
            tagName: 'div',
            properties: {
              className: [...TABLE_SCROLL_CLASSES],
              tabIndex: 0,
              role: 'region',
              ariaLabel: nameOf(child),
            },
            children: [child],
          };
          parent.children[index] = box;
          return;
        }
        visit(child);
      });
    };
    visit(tree);
  };
}

/**
 * Remark plugin: turns `[@key]` citation groups into links to the page's reference list, and
 * appends that list ("References", in order of first citation) at the end of the page.
 * An unknown key throws, so the build stops with the file named.
 */
import type { Root, Text, PhrasingContent, ListItem } from 'mdast';
import type { VFile } from 'vfile';
import { bibliography, CITATION_PATTERN, isCitationKey, shortLabel, type CitationKey } from './bibliography.ts';

interface Parent {
  children: unknown[];
}

function visitText(node: unknown, parent: Parent | undefined, visit: (text: Text, parent: Parent) => void): void {
  const n = node as { type?: string; children?: unknown[] };
  if (n.type === 'text' && parent) visit(node as Text, parent);
  // Code, inline code and math keep their brackets.
  if (n.children && n.type !== 'code' && n.type !== 'inlineCode' && n.type !== 'math' && n.type !== 'inlineMath') {
    // Iterate over a copy: visit() may splice the parent's children.
    for (const child of [...n.children]) visitText(child, n as Parent, visit);
  }
}

/** Error raised for a citation key that the bibliography lacks. */
export class UnknownCitationError extends Error {
  constructor(file: string, key: string) {
    super(
      `${file}: unknown citation key "@${key}". Add it to src/lib/bibliography.ts or fix the key. ` +
        `Known keys: ${Object.keys(bibliography).join(', ')}.`,
    );
    this.name = 'UnknownCitationError';
  }
}

export function remarkCitations() {
  return (tree: Root, file: VFile): void => {
    const cited: CitationKey[] = [];
    const where = file.path || 'an MDX file';

    visitText(tree, undefined, (text, parent) => {
      const value = text.value;
      if (!value.includes('[@')) return;
      const out: PhrasingContent[] = [];
      let last = 0;
      for (const match of value.matchAll(CITATION_PATTERN)) {
        const start = match.index;
        if (start > last) out.push({ type: 'text', value: value.slice(last, start) });
        const keys = (match[1] ?? '').split(';').map((k) => k.trim().replace(/^@/, ''));
        out.push({ type: 'text', value: '(' });
        keys.forEach((key, i) => {
          if (!isCitationKey(key)) throw new UnknownCitationError(where, key);
          if (!cited.includes(key)) cited.push(key);
          if (i > 0) out.push({ type: 'text', value: '; ' });
          out.push({
            type: 'link',
            url: `#ref-${key}`,
            children: [{ type: 'text', value: shortLabel(key) }],
            data: { hProperties: { className: ['citation'] } },
          });
        });
        out.push({ type: 'text', value: ')' });
        last = start + match[0].length;
      }
      if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
      const index = parent.children.indexOf(text);
      parent.children.splice(index, 1, ...out);
    });

    if (cited.length === 0) return;
    const items: ListItem[] = cited.map((key) => {
      const ref = bibliography[key];
      return {
        type: 'listItem',
        data: { hProperties: { id: `ref-${key}` } },
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', value: `${ref.authors}. ` },
              { type: 'emphasis', children: [{ type: 'text', value: ref.title }] },
              { type: 'text', value: `. ${ref.venue}, ${ref.year}. ` },
              {
                type: 'link',
                url: ref.url,
                children: [{ type: 'text', value: ref.url.replace(/^https:\/\//, '') }],
                data: { hProperties: { rel: ['noopener', 'noreferrer', 'external'] } },
              },
            ],
          },
        ],
      };
    });
    tree.children.push(
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'References' }] },
      {
        type: 'list',
        ordered: true,
        spread: false,
        children: items,
        data: { hProperties: { className: ['references'] } },
      },
    );
  };
}

/**
 * Rehype plugins that run after rehype-katex.
 * - `rehypeFailOnMathErrors`: rehype-katex only warns on a TeX error and renders it in red; this
 *   turns the warning into a build failure that names the file and the bad TeX.
 * - `rehypeHideMathML`: keeps KaTeX's hidden MathML copy out of the Pagefind index.
 */
import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';

export function rehypeFailOnMathErrors() {
  return (_tree: Root, file: VFile): void => {
    const errors = file.messages.filter((m) => m.source === 'rehype-katex');
    if (errors.length === 0) return;
    const details = errors
      .map((m) => `  line ${m.line ?? '?'}: ${m.cause instanceof Error ? m.cause.message : m.reason}`)
      .join('\n');
    throw new Error(`${file.path || 'an MDX file'}: TeX error(s) in math:\n${details}`);
  };
}

function walk(node: Root | Element, fn: (el: Element) => void): void {
  for (const child of node.children) {
    if (child.type === 'element') {
      fn(child);
      walk(child, fn);
    }
  }
}

export function rehypeHideMathML() {
  return (tree: Root): void => {
    walk(tree, (el) => {
      const cls = el.properties['className'];
      if (Array.isArray(cls) && cls.includes('katex-mathml')) el.properties['dataPagefindIgnore'] = 'all';
      // A display equation wider than a phone scrolls sideways: reachable by keyboard, and named.
      if (Array.isArray(cls) && cls.includes('katex-display')) {
        el.properties['tabIndex'] = 0;
        el.properties['role'] = 'group';
        el.properties['ariaLabel'] = 'Equation (scrolls sideways when wider than the screen)';
      }
    });
  };
}

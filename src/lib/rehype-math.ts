/**
 * Rehype plugin: typesets the math of a page's Markdown at build time as MathML, with Temml.
 *
 * Browsers lay out MathML themselves, so a formula is one element per symbol where KaTeX's HTML
 * rendering made several spans per glyph plus a hidden MathML copy for screen readers: the heavy
 * chapters ship about half the elements they did, and no math stylesheet or font beyond one small
 * math font (src/styles/math.css). The page ships no JavaScript for math.
 *
 * - Inline math (`$…$`) becomes a `<math>` element in the sentence.
 * - Display math (`$$…$$`) becomes `<div class="math-display">` holding one `<math display="block">`:
 *   focusable and named, because a formula wider than a phone scrolls sideways inside it.
 * - A TeX error fails the build, naming the file, the line and the TeX.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtmlIsomorphic } from 'hast-util-from-html-isomorphic';
import { toText } from 'hast-util-to-text';
import temml from 'temml';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';

/** The accessible name of a display formula's scroll box. */
export const DISPLAY_LABEL = 'Equation (scrolls sideways when wider than the screen)';

/** The classes that remark-math gives its output (`code.language-math`, inside `pre` for display). */
function mathKind(el: Element): 'inline' | 'display' | undefined {
  const cls = el.properties['className'];
  if (!Array.isArray(cls)) return undefined;
  if (cls.includes('math-display')) return 'display';
  if (cls.includes('math-inline') || cls.includes('language-math')) return 'inline';
  return undefined;
}

/** Temml extensions a caller may allow, e.g. `\\data` to mark terms with data attributes. */
export type TemmlExtension = '\\data';

/**
 * Renders TeX to the HTML of one `<math>` element. Plain LaTeX only (Temml's strict mode), unless
 * `extensions` allows some of Temml's own commands.
 * @throws Error naming `where` and the TeX when Temml cannot parse it.
 */
export function renderMathHtml(
  tex: string,
  displayMode: boolean,
  where = 'math',
  extensions: readonly TemmlExtension[] = [],
): string {
  try {
    return temml.renderToString(tex, {
      displayMode,
      throwOnError: true,
      strict: extensions.length === 0,
      trust: (context: { command: string }) => (extensions as readonly string[]).includes(context.command),
      annotate: false,
    });
  } catch (error) {
    // Temml's message ends in a copy of the TeX with the fault underlined by combining marks,
    // which few terminals draw well; the TeX follows on a line of its own instead.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim().replace(/:$/, '');
    throw new Error(`${where}: TeX error in math: ${reason}\n  TeX: ${tex.trim()}`, { cause: error });
  }
}

/**
 * Renders TeX to one `<math>` element (see {@link renderMathHtml}).
 * @throws Error naming `where` and the TeX when Temml cannot parse it.
 */
export function renderMath(tex: string, displayMode: boolean, where = 'math'): Element {
  const html = renderMathHtml(tex, displayMode, where);
  const [math, ...rest] = fromHtmlIsomorphic(html, { fragment: true }).children;
  if (math?.type !== 'element' || math.tagName !== 'math' || rest.length > 0) {
    throw new Error(`${where}: Temml returned something other than one <math> element for: ${tex.trim()}`);
  }
  // Display style is set by the wrapper's class, not inline, so that one rule governs every formula.
  delete math.properties['style'];
  return math;
}

export function rehypeMath() {
  return (tree: Root, file: VFile): void => {
    visitParents(tree, 'element', (element, ancestors) => {
      const kind = mathKind(element);
      if (!kind) return;
      let parent = ancestors.at(-1);
      let scope: Element = element;
      let display = kind === 'display';
      // A fenced display formula arrives as <pre><code class="language-math math-display">.
      if (parent?.type === 'element' && parent.tagName === 'pre') {
        scope = parent;
        parent = ancestors.at(-2);
        display = true;
      }
      if (!parent) return;
      const line = scope.position?.start.line;
      const where = `${file.path || 'an MDX file'}${line === undefined ? '' : `:${line}`}`;
      const math = renderMath(toText(scope, { whitespace: 'pre' }), display, where);
      const replacement: ElementContent = display
        ? {
            type: 'element',
            tagName: 'div',
            properties: {
              className: ['math-display'],
              tabIndex: 0,
              role: 'group',
              ariaLabel: DISPLAY_LABEL,
              // The formula's symbols are noise in search results; the sentences around it are not.
              dataPagefindIgnore: 'all',
            },
            children: [math],
          }
        : math;
      const index = parent.children.indexOf(scope);
      parent.children.splice(index, 1, replacement);
      return SKIP;
    });
  };
}

/**
 * What the table of contents (./starlight-toc.ts) watches, in a module of its own so that tests
 * can import it without a DOM.
 */

/** The id Starlight gives the page's title. */
export const PAGE_TITLE_ID = '_top';

/**
 * Matches the headings that can appear in the contents: the page title and the h`minH`…h`maxH`
 * headings with an id, e.g. `h1#_top,:where(h2,h3)[id]` (Starlight's defaults, 2 and 3).
 */
export function tocHeadingSelector(minH = 2, maxH = 3): string {
  const levels = Array.from({ length: 1 + maxH - minH }, (_, index) => `h${minH + index}`);
  return `h1#${PAGE_TITLE_ID},:where(${levels.join()})[id]`;
}

/**
 * The elements whose arrival at the top of the view names the current section. The same elements,
 * in document order, as Starlight's selector list
 *
 *     main :where(H), main :where(H, .sl-heading-wrapper) ~ *:not(:has(H)),
 *     main .sl-markdown-content > *:not(:has(H)), main > *:not(:has(H))
 *
 * where H is `headingSelector`; `tests/e2e/toc.spec.ts` compares the two on every built page.
 * Self-contained (it reads only its argument and `document`), so that a test can run it in a page.
 */
export function tocTargets(headingSelector: string): Element[] {
  const headings = [...document.querySelectorAll(headingSelector)];
  // What `:has(H)` matches: every element with a heading inside it.
  const holdsHeading = new Set<Element>();
  for (const heading of headings) {
    for (let up = heading.parentElement; up && !holdsHeading.has(up); up = up.parentElement) holdsHeading.add(up);
  }
  const inMain = (element: Element) => element.parentElement?.closest('main') != null;
  const targets = new Set<Element>();
  const addChildren = (parent: Element) => {
    for (const child of parent.children) if (!holdsHeading.has(child)) targets.add(child);
  };

  const mainHeadings = headings.filter(inMain);
  for (const heading of mainHeadings) targets.add(heading);
  const anchors = [...mainHeadings, ...document.querySelectorAll('main .sl-heading-wrapper')];
  // Later siblings of a heading or heading wrapper; a run of siblings is walked once.
  const walked = new Set<Element>();
  for (const anchor of anchors) {
    for (let next = anchor.nextElementSibling; next && !walked.has(next); next = next.nextElementSibling) {
      walked.add(next);
      if (!holdsHeading.has(next)) targets.add(next);
    }
  }
  for (const content of document.querySelectorAll('main .sl-markdown-content')) addChildren(content);
  for (const main of document.querySelectorAll('main')) addChildren(main);

  return [...targets].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

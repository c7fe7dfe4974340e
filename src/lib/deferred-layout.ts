/**
 * Keeps what the reader sees in place while the browser lays out deferred blocks.
 *
 * src/styles/site.css gives every block of an article after the first `content-visibility: auto`
 * (code listings and demo islands excepted), so that the browser lays out only the blocks near the
 * view: on the long chapters this removes most of the main-thread time that style and layout took
 * while the page loaded. A block never rendered keeps a placeholder height (160 px), and a block
 * rendered at another width keeps the height it had then, until it comes near the view again.
 *
 * The browser's scroll anchoring is meant to absorb those changes, but Chromium does not choose a
 * skipped block as its anchor: after a jump or a fast scroll whose view holds only placeholders, the
 * blocks rendered above what the reader looks at push it away (measured on the LeNet chapter: the
 * demo scrolled into view at 1280 px moved 630 px down in the next frame; scrolling up 3,000 px
 * moved the view's content 3,867 px). See w3c/csswg-drafts#9833.
 *
 * So this does the anchoring itself, for the article's blocks only: at each scroll it notes the
 * first block that starts in the view and where it is; when a block changes size (a resize
 * observer, which runs after layout and before paint), it scrolls by however much that block moved,
 * so the reader never sees the move. Where the browser's own anchoring already compensated, the
 * block has not moved and nothing is done.
 */

/** What the keeper needs of a block: its position in the view. */
export interface Block {
  getBoundingClientRect(): { readonly top: number; readonly bottom: number };
}

/** The block the reader is looking at, its top when noted, and the view's scroll offset then. */
export interface Anchor {
  readonly block: Block;
  readonly top: number;
  readonly scrollY: number;
}

/**
 * The block the reader is looking at: the first that starts inside the view (its top at or below
 * the view's top, above its bottom), or, when none does (one block taller than the view), the first
 * that reaches into it. Not a block cut off at the top: a placeholder there that takes its real
 * height would move everything after it, such as the heading a link scrolled to or a demo below.
 */
export function topBlockInView(blocks: readonly Block[], viewHeight: number): Block | undefined {
  let reaching: Block | undefined;
  for (const block of blocks) {
    const { top, bottom } = block.getBoundingClientRect();
    if (top >= viewHeight) break;
    if (bottom <= 0) continue;
    if (top >= 0) return block;
    reaching ??= block;
  }
  return reaching;
}

/**
 * Notes the block the reader is looking at (see {@link topBlockInView}), where its top is, and the
 * view's scroll offset.
 */
export function noteAnchor(blocks: readonly Block[], viewHeight: number, scrollY: number): Anchor | undefined {
  const block = topBlockInView(blocks, viewHeight);
  return block === undefined ? undefined : { block, top: block.getBoundingClientRect().top, scrollY };
}

/**
 * How far to scroll (positive: down) to put the anchor's top back where it was noted; 0 when it
 * moved by less than half a pixel, when there is no anchor, and when the view has scrolled since
 * it was noted (`scrollY`): then the anchor is what the reader looked at before, and the scroll
 * (a link, a script, the browser's own anchoring) must not be undone.
 */
export function correction(anchor: Anchor | undefined, scrollY: number): number {
  if (anchor === undefined || scrollY !== anchor.scrollY) return 0;
  const moved = anchor.block.getBoundingClientRect().top - anchor.top;
  return Math.abs(moved) >= 0.5 ? moved : 0;
}

/**
 * Keeps the block the reader is looking at in place when blocks of `article` change size. Returns a
 * function that stops it.
 */
export function keepViewInPlace(article: HTMLElement, win: Window = window): () => void {
  const blocks = [...article.children].filter((el): el is HTMLElement => el instanceof HTMLElement);
  let anchor: Anchor | undefined;
  const note = (): void => {
    anchor = noteAnchor(blocks, win.innerHeight, win.scrollY);
  };
  const observer = new ResizeObserver(() => {
    // A scroll made during this frame's rendering (from an animation frame callback) reaches the
    // scroll listener only in the next frame, after this callback: correction() then leaves it be.
    const dy = correction(anchor, win.scrollY);
    if (dy !== 0) win.scrollBy({ top: dy, behavior: 'instant' });
    note();
  });
  for (const block of blocks) observer.observe(block);
  win.addEventListener('scroll', note, { passive: true });
  return () => {
    observer.disconnect();
    win.removeEventListener('scroll', note);
  };
}

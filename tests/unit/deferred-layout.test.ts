import { describe, expect, it } from 'vitest';
import { correction, noteAnchor, topBlockInView, type Block } from '../../src/lib/deferred-layout.ts';

/** A column of blocks with settable heights, seen through a view scrolled to `scrollY`. */
function column(heights: number[], scrollY = 0) {
  const view = { scrollY, heights: [...heights] };
  const blocks: Block[] = heights.map((_, i) => ({
    getBoundingClientRect() {
      const top = view.heights.slice(0, i).reduce((a, b) => a + b, 0) - view.scrollY;
      return { top, bottom: top + (view.heights[i] ?? 0) };
    },
  }));
  return { view, blocks };
}

const VIEW = 800;

describe('deferred layout: keeping the view in place', () => {
  it('anchors on the first block that starts in the view, not one cut off at the top', () => {
    const { blocks } = column([100, 100, 100], 150);
    expect(topBlockInView(blocks, VIEW)).toBe(blocks[2]);
    expect(noteAnchor(blocks, VIEW, 150)).toEqual({ block: blocks[2], top: 50, scrollY: 150 });
  });

  it('a block whose top is the top of the view starts in it', () => {
    const { blocks } = column([100, 100], 100);
    expect(topBlockInView(blocks, VIEW)).toBe(blocks[1]);
  });

  it('falls back to a block taller than the view that covers it', () => {
    const { blocks } = column([100, 2000, 100], 300);
    expect(topBlockInView(blocks, VIEW)).toBe(blocks[1]);
  });

  it('has no anchor when the view is past every block', () => {
    const { blocks } = column([100], 500);
    expect(noteAnchor(blocks, VIEW, 500)).toBeUndefined();
    expect(correction(undefined, 500)).toBe(0);
  });

  it('scrolls by as much as blocks above the anchor grew or shrank, and not for blocks below it', () => {
    const { view, blocks } = column([160, 160, 160, 160, 160], 400);
    let anchor = noteAnchor(blocks, VIEW, view.scrollY);
    expect(anchor?.block).toBe(blocks[3]);
    // A placeholder above the view is rendered at its real height: the anchor moves down by 400.
    view.heights[0] = 560;
    expect(correction(anchor, view.scrollY)).toBe(400);
    // The keeper scrolls by that much, and notes the anchor again: back where the reader saw it.
    view.scrollY += 400;
    anchor = noteAnchor(blocks, VIEW, view.scrollY);
    expect(anchor).toEqual({ block: blocks[3], top: 80, scrollY: 800 });
    expect(correction(anchor, view.scrollY)).toBe(0);
    // The block cut off at the top of the view takes its real height: still above the anchor.
    view.heights[2] = 360;
    expect(correction(anchor, view.scrollY)).toBe(200);
    view.scrollY += 200;
    anchor = noteAnchor(blocks, VIEW, view.scrollY);
    // The anchor itself and the blocks below it change size: nothing above it moved.
    view.heights[3] = 40;
    view.heights[4] = 900;
    expect(correction(anchor, view.scrollY)).toBe(0);
    // A block above shrinks: scroll up.
    view.heights[1] = 60;
    expect(correction(anchor, view.scrollY)).toBe(-100);
  });

  it('never undoes a scroll it has not seen: an anchor noted before it is left alone', () => {
    const { view, blocks } = column([160, 160, 160, 160, 160, 160, 160, 160], 0);
    const anchor = noteAnchor(blocks, VIEW, view.scrollY);
    expect(anchor?.block).toBe(blocks[0]);
    // A link scrolls far down, and blocks around its target are rendered in the same frame.
    view.scrollY = 1000;
    view.heights[0] = 300;
    expect(correction(anchor, view.scrollY)).toBe(0);
  });

  it('leaves moves under half a pixel alone', () => {
    const { view, blocks } = column([100, 100], 80);
    const anchor = noteAnchor(blocks, VIEW, view.scrollY);
    view.heights[0] = 100.4;
    expect(correction(anchor, view.scrollY)).toBe(0);
    view.heights[0] = 100.6;
    expect(correction(anchor, view.scrollY)).toBeCloseTo(0.6);
  });
});

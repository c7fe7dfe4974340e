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

describe('deferred layout: keeping the view in place', () => {
  it('takes the first block that reaches into the view as the anchor', () => {
    const { blocks } = column([100, 100, 100], 150);
    expect(topBlockInView(blocks)).toBe(blocks[1]);
    expect(noteAnchor(blocks)).toEqual({ block: blocks[1], top: -50 });
  });

  it('a block whose bottom is at the top of the view is not in it', () => {
    const { blocks } = column([100, 100], 100);
    expect(topBlockInView(blocks)).toBe(blocks[1]);
  });

  it('has no anchor when the view is past every block', () => {
    const { blocks } = column([100], 500);
    expect(noteAnchor(blocks)).toBeUndefined();
    expect(correction(undefined)).toBe(0);
  });

  it('scrolls by as much as blocks above the anchor grew or shrank, and not for blocks below it', () => {
    const { view, blocks } = column([160, 160, 160, 160], 400);
    const anchor = noteAnchor(blocks);
    expect(anchor?.block).toBe(blocks[2]);
    // A placeholder above the view is rendered at its real height: the anchor moves down by 400.
    view.heights[0] = 560;
    expect(correction(anchor)).toBe(400);
    // The view scrolls by that much: the anchor is back where the reader saw it.
    view.scrollY += 400;
    expect(correction(anchor)).toBe(0);
    // The anchor itself and the blocks below it change size: nothing above it moved.
    view.heights[2] = 40;
    view.heights[3] = 900;
    expect(correction(anchor)).toBe(0);
    // A block above shrinks: scroll up.
    view.heights[1] = 60;
    expect(correction(anchor)).toBe(-100);
  });

  it('leaves moves under half a pixel alone', () => {
    const { view, blocks } = column([100, 100], 120);
    const anchor = noteAnchor(blocks);
    view.heights[0] = 100.4;
    expect(correction(anchor)).toBe(0);
    view.heights[0] = 100.6;
    expect(correction(anchor)).toBeCloseTo(0.6);
  });
});

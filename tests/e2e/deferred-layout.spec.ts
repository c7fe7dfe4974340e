/**
 * Deferred layout (src/styles/site.css, src/lib/deferred-layout.ts): an article's blocks after the
 * first are laid out only near the view (code listings and demo islands always, and every block on
 * paper), and what the reader looks at stays in place when blocks that were never rendered, or were
 * rendered at another width, take their real heights. Chromium's own scroll anchoring does not keep
 * it there (see the module): without the keeper, the first scroll test's demo moved 630 px down,
 * out of the view, and the second's view 3,867 px.
 */
import { expect, test, type Page } from '@playwright/test';
import { resizeTo } from './support/design.ts';

const CHAPTER = '/chapters/classic-convnets/';
const DEMO = 'section[aria-label="LeNet-5 trains on MNIST"]';

/** The top of `selector` in the view, every 50 ms for `ms` milliseconds, from the next frame on. */
async function tops(page: Page, selector: string, ms = 1000): Promise<number[]> {
  return page.evaluate(
    async ({ selector, ms }) => {
      const el = document.querySelector(selector);
      if (!el) throw new Error(`no ${selector}`);
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const out: number[] = [];
      const t0 = performance.now();
      while (performance.now() - t0 < ms) {
        out.push(el.getBoundingClientRect().top);
        await new Promise((done) => setTimeout(done, 50));
      }
      return out;
    },
    { selector, ms },
  );
}

async function frames(page: Page, n: number): Promise<void> {
  await page.evaluate(async (n) => {
    for (let k = 0; k < n; k += 1) await new Promise((done) => requestAnimationFrame(done));
  }, n);
}

test.describe('deferred layout', () => {
  test.use({ viewport: { width: 360, height: 800 } });

  test('blocks far down wait to be laid out; listings and demos do not', async ({ page }) => {
    // The chapter with a code listing and demos.
    await page.goto('/chapters/residual-block/');
    const kinds = await page.evaluate(() => {
      const blocks = [...document.querySelectorAll<HTMLElement>('.sl-markdown-content > *')];
      const cv = (el: Element) => getComputedStyle(el).contentVisibility;
      const last = blocks.filter((b) => b.matches('p')).at(-1);
      return {
        first: cv(blocks[0] as HTMLElement),
        lastParagraph: last ? cv(last) : 'none',
        lastSkipped: last ? last.getBoundingClientRect().height : 0,
        listings: blocks.filter((b) => b.querySelector('pre')).map(cv),
        islands: blocks.filter((b) => b.querySelector('astro-island') || b.matches('astro-island')).map(cv),
      };
    });
    expect(kinds.first).toBe('visible');
    expect(kinds.lastParagraph).toBe('auto');
    // Far from the view, its placeholder height.
    expect(kinds.lastSkipped).toBe(160);
    expect(kinds.listings.length).toBeGreaterThan(0);
    expect(kinds.islands.length).toBeGreaterThan(0);
    expect(new Set([...kinds.listings, ...kinds.islands])).toEqual(new Set(['visible']));
    // On paper every block is laid out, and without containment, so that it breaks across pages.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() =>
      [...document.querySelectorAll('.sl-markdown-content > *')].map((b) => getComputedStyle(b).contentVisibility),
    );
    expect(new Set(printed)).toEqual(new Set(['visible']));
  });

  test('a demo scrolled into view after the page was widened stays where it was put', async ({ page }) => {
    await page.goto(CHAPTER);
    const demo = page.locator(DEMO);
    await demo.scrollIntoViewIfNeeded();
    await frames(page, 10);
    await resizeTo(page, 1280);
    await demo.getByRole('button', { name: /^Train$/ }).scrollIntoViewIfNeeded();
    const seen = await tops(page, DEMO);
    // The keeper holds the first block that starts in the view, here the heading above the demo; that
    // heading, last laid out at 360 px, takes its height at 1280 px (29 -> 35 px), so the demo may
    // move by at most a line. Without the keeper it moved 630 px, out of the view.
    expect(Math.max(...seen) - Math.min(...seen), `demo tops ${seen.join(' ')}`).toBeLessThanOrEqual(24);
    const top = seen.at(-1) ?? NaN;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(800 - 100);
  });

  test('scrolling up over blocks never rendered at this width leaves the view where it went', async ({ page }) => {
    await page.goto(CHAPTER);
    await page.locator(DEMO).scrollIntoViewIfNeeded();
    await frames(page, 10);
    await resizeTo(page, 1280);
    // Up 3,000 px at once (as a fling or the Home key might), then follow the first block that started
    // in the view right after the scroll, before the blocks around it were rendered.
    const first = await page.evaluate(() => {
      window.scrollBy({ top: -3000, behavior: 'instant' });
      const block = [...document.querySelectorAll('.sl-markdown-content > *')].find(
        (b) => b.getBoundingClientRect().top >= 0,
      );
      block?.setAttribute('data-watched', '');
      return block?.getBoundingClientRect().top ?? NaN;
    });
    const seen = await tops(page, '[data-watched]');
    expect(
      seen.map((top) => Math.abs(top - first)).every((d) => d <= 1),
      `${first} then ${seen.join(' ')}`,
    ).toBe(true);
  });

  /** Brings each section heading of the longest chapter to the top of the view, as its contents do. */
  async function visitSections(page: Page, from: 'task' | 'frame') {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto('/chapters/residual-block/');
    return page.evaluate(async (from) => {
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      const task = () => new Promise((done) => setTimeout(done, 0));
      const seen: { id: string; top: number; after: number }[] = [];
      for (const heading of document.querySelectorAll<HTMLElement>('.sl-markdown-content h2[id]')) {
        await (from === 'task' ? task() : frame());
        heading.scrollIntoView({ block: 'start' });
        const top = heading.getBoundingClientRect().top;
        for (let k = 0; k < 6; k += 1) await frame();
        seen.push({ id: heading.id, top, after: heading.getBoundingClientRect().top });
      }
      return seen;
    }, from);
  }

  test('a section a link scrolls to stays at the top of the view', async ({ page }) => {
    // A click on a link is a task of its own, whose scroll the keeper sees before the next layout.
    const seen = await visitSections(page, 'task');
    expect(seen.length).toBeGreaterThan(5);
    const moved = seen.filter((s) => Math.abs(s.after - s.top) > 1);
    expect(moved.map((s) => `${s.id}: ${s.top.toFixed(0)} -> ${s.after.toFixed(0)}`)).toEqual([]);
  });

  test('a scroll made from an animation frame is never undone', async ({ page }) => {
    // Such a scroll reaches the keeper only after the next layout; it must leave the view where the
    // scroll put it (with an anchor noted before it, it once scrolled 2,661 px back).
    const seen = await visitSections(page, 'frame');
    const lost = seen.filter((s) => s.after < 0 || s.after > 900 - 40);
    expect(lost.map((s) => `${s.id}: ${s.top.toFixed(0)} -> ${s.after.toFixed(0)}`)).toEqual([]);
  });
});

/**
 * The table of contents (src/lib/starlight-toc.ts and toc-targets.ts, in place of Starlight's
 * element): it watches the same elements Starlight's selector list finds, on every page, and marks
 * the section being read, in the sidebar contents on a wide screen and in the "On this page" bar
 * on a phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { tocHeadingSelector, tocTargets } from '../../src/lib/toc-targets.ts';
import { sitemapPaths } from './support/site.ts';

/** Starlight's own selector list (its starlight-toc.ts), run as it runs it. */
function starlightTargets(headings: string): Element[] {
  return [
    ...document.querySelectorAll(
      [
        `main :where(${headings})`,
        `main :where(${headings}, .sl-heading-wrapper) ~ *:not(:has(${headings}))`,
        `main .sl-markdown-content > *:not(:has(${headings}))`,
        `main > *:not(:has(${headings}))`,
      ].join(),
    ),
  ];
}

async function compare(page: Page) {
  // The heading levels this page's contents list (Starlight writes them on the element).
  const levels = await page.evaluate(() => {
    const toc = document.querySelector<HTMLElement>('starlight-toc');
    return [Number(toc?.dataset['minH'] ?? 2), Number(toc?.dataset['maxH'] ?? 3)] as const;
  });
  const headings = tocHeadingSelector(...levels);
  const ours = await page.evaluateHandle(tocTargets, headings);
  const theirs = await page.evaluateHandle(starlightTargets, headings);
  return page.evaluate(
    ([a, b]) => ({
      ours: a.length,
      theirs: b.length,
      same: a.length === b.length && a.every((element, i) => element === b[i]),
    }),
    [ours, theirs] as const,
  );
}

test('on every page, the contents watch exactly the elements Starlight would', async ({ page, request }) => {
  const paths = await sitemapPaths(request);
  expect(paths.length).toBeGreaterThan(5);
  for (const path of [...paths, '/404.html']) {
    await page.goto(path);
    const result = await compare(page);
    expect(result.same, `${path}: ${result.ours} elements watched, Starlight's selector finds ${result.theirs}`).toBe(
      true,
    );
    if ((await page.locator('starlight-toc').count()) > 0) expect(result.ours, path).toBeGreaterThan(0);
  }
});

/** The chapter's third section heading, and the contents link to it. */
async function thirdSection(page: Page) {
  const heading = page.locator('.sl-markdown-content h2').nth(2);
  const id = await heading.getAttribute('id');
  expect(id).toBeTruthy();
  return { heading, id: id ?? '', text: (await heading.textContent())?.trim() ?? '' };
}

test('on a wide screen, the sidebar contents mark the section being read', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/chapters/residual-block/');
  const { heading, id } = await thirdSection(page);
  const link = page.locator(`starlight-toc a[href="#${id}"]`);
  await expect(link).not.toHaveAttribute('aria-current', 'true');
  await heading.evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await expect(link).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('starlight-toc a[aria-current="true"]')).toHaveCount(1);
});

test('on a phone, the "On this page" bar names the section being read', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto('/chapters/residual-block/');
  const { heading, text } = await thirdSection(page);
  const shown = page.locator('mobile-starlight-toc .display-current');
  await expect(shown).not.toHaveText(text);
  await heading.evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await expect(shown).toHaveText(text);
});

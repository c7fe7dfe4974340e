// Budgets on figures that do not drift with machine load: bytes of HTML and CSS before any
// interaction, and Lighthouse's accessibility, best-practices and SEO scores on every chapter.
// (The JavaScript budget and "no TF.js before a demo starts" live in site.spec.ts; performance
// scores and timings are printed by `npm run bench`, not asserted.)
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, test } from '@playwright/test';
import { openLighthouse, type PageAudit } from '../../bench/lib/lighthouse.mjs';
import { byKind, recordResponses, settle } from '../../bench/lib/weigh.mjs';
import { sitemapPaths } from './support/site.ts';

/** HTML + CSS (gzip) a page may request before any interaction. */
const HTML_CSS_BUDGET_GZIP = 150 * 1024;

/** Every chapter page, from the chapter files themselves, so a new chapter is audited too. */
const CHAPTERS = readdirSync(new URL('../../content/chapters/', import.meta.url))
  .filter((file) => file.endsWith('.mdx') || file.endsWith('.md'))
  .map((file) => `/chapters/${basename(file).replace(/\.mdx?$/, '')}/`)
  .sort();

/** Lighthouse categories asserted at 100. */
const FULL_MARKS = ['accessibility', 'best-practices', 'seo'];

test.describe.configure({ mode: 'serial' });

test('no page requests over 150 KB gzip of HTML and CSS before interaction', async ({ browser }) => {
  const context = await browser.newContext();
  const paths = await sitemapPaths(context.request);
  expect(paths.filter((path) => path.startsWith('/chapters/')).sort(), 'the sitemap lists every chapter').toEqual(
    CHAPTERS,
  );
  const report: string[] = [];
  for (const path of paths) {
    const pageContext = await browser.newContext();
    const recorder = recordResponses(pageContext);
    const page = await pageContext.newPage();
    await page.goto(path);
    await settle(page);
    const { html, css } = byKind(await recorder.settled());
    const gzip = html.gzip + css.gzip;
    report.push(
      `${path.padEnd(40)} HTML+CSS ${((html.raw + css.raw) / 1024).toFixed(1).padStart(6)} KB raw, ${(gzip / 1024).toFixed(1).padStart(5)} KB gzip`,
    );
    expect(gzip, `${path}: HTML+CSS before interaction, bytes gzip`).toBeLessThanOrEqual(HTML_CSS_BUDGET_GZIP);
    await pageContext.close();
  }
  console.log(`HTML and CSS requested before interaction, per page:\n${report.join('\n')}`);
  await context.close();
});

test.describe('Lighthouse: accessibility, best practices and SEO score 100', () => {
  let lighthouse: Awaited<ReturnType<typeof openLighthouse>> | undefined;

  test.beforeAll(async () => {
    lighthouse = await openLighthouse();
  });

  test.afterAll(() => {
    lighthouse?.close();
  });

  for (const path of CHAPTERS) {
    test(`on ${path}`, async ({ baseURL }) => {
      // One Lighthouse run takes 20-40 s on a loaded two-core machine.
      test.setTimeout(180_000);
      const runner = lighthouse;
      if (!runner) throw new Error('Lighthouse did not start.');
      const audit: PageAudit = await runner.audit(new URL(path, baseURL).href, FULL_MARKS);
      const failed = audit.failed.map((f) => `${f.category}: ${f.id} (${f.title}) ${f.items.join('; ')}`);
      expect(audit.scores, `${path}: audits below full score:\n${failed.join('\n')}`).toEqual(
        Object.fromEntries(FULL_MARKS.map((category) => [category, 100])),
      );
    });
  }
});

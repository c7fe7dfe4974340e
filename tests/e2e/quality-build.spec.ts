/**
 * Gates over the built HTML itself (no browser needed): every page is valid HTML by the Nu Html
 * Checker, and every link resolves or goes to an allowed citation host. They read the folder that
 * the preview serves ($ASTRO_OUT_DIR or dist), so run them after `astro build`.
 */
import { expect, test } from '@playwright/test';
import { checkHtml } from '../../scripts/check-html.mjs';
import { checkLinks, siteOf } from '../../scripts/check-links.mjs';

const dir = process.env['ASTRO_OUT_DIR'] || 'dist';

test('every built page is valid HTML (Nu Html Checker)', async () => {
  test.setTimeout(180_000);
  const { files, errors, ignored } = await checkHtml(dir);
  console.log(`Nu Html Checker: ${files} pages, ${errors.length} errors, ${ignored} known messages ignored`);
  expect(files).toBeGreaterThanOrEqual(8);
  expect(errors, 'HTML errors (file:line:column: message)').toEqual([]);
});

test('every internal link and fragment resolves; outbound links go to citation hosts and open safely', () => {
  const { pages, internal, external, problems } = checkLinks(dir, siteOf(dir));
  console.log(`Links: ${pages} pages, ${internal} internal, ${external} external`);
  expect(internal).toBeGreaterThan(100);
  expect(problems).toEqual([]);
});

import type { APIRequestContext, Page } from '@playwright/test';

/** Paths of every page the sitemap lists, relative to the site root (e.g. "/chapters/how-deep/"). */
export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const index = await (await request.get('/sitemap-index.xml')).text();
  const paths: string[] = [];
  for (const [, sitemapUrl] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const sitemap = await (await request.get(new URL(sitemapUrl ?? '').pathname)).text();
    for (const [, loc] of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(loc ?? '').pathname);
  }
  return paths;
}

/** Chromium flags a page as failing when the console reports an error; collect them. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  return errors;
}

/** Requests that leave the site's own origin. */
export function collectForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

/** Opens Starlight's search dialog and types `query`; returns the dialog. */
export async function searchFor(page: Page, query: string) {
  await page
    .getByRole('button', { name: /search/i })
    .first()
    .click();
  await page
    .getByRole('searchbox')
    .or(page.getByPlaceholder(/search/i))
    .first()
    .fill(query);
  return page.getByRole('dialog', { name: 'Search' });
}

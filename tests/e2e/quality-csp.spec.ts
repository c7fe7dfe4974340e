/**
 * Content security policy gate: every page declares a strict policy before its first script,
 * every inline script and style carries a hash in it, and no page (search included) or demo
 * triggers a `securitypolicyviolation` while it loads and runs.
 */
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { allPages, cspViolations, pagePolicy, parsePolicy, recordCspViolations } from './support/quality.ts';
import { demosOnSite, installDemoHooks, startTraining } from './support/quality-demos.ts';
import { searchFor } from './support/site.ts';

/** Sources that script-src may hold besides hashes; 'wasm-unsafe-eval' is explained in src/lib/csp/policy.ts. */
const SCRIPT_SOURCES = new Set(["'self'", "'wasm-unsafe-eval'"]);
/** Keywords that would make the policy toothless. */
const FORBIDDEN = ["'unsafe-eval'", "'unsafe-inline'", '*', 'http:', 'https:', "'strict-dynamic'"];

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Bodies of the inline `<script>` / `<style>` elements of raw HTML. */
function inlineBodies(html: string, tag: 'script' | 'style'): string[] {
  const pattern = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  return [...html.matchAll(pattern)]
    .filter(([, attrs]) => !/\bsrc\s*=/.test(attrs ?? '') && !/type\s*=\s*"application\/ld\+json"/.test(attrs ?? ''))
    .map(([, , body]) => body ?? '')
    .filter((body) => body.length > 0);
}

test('every page declares a strict policy that covers its inline scripts and styles', async ({ request }) => {
  const pages = await allPages(request);
  for (const path of pages) {
    const html = await (await request.get(path)).text();
    const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"/gi)];
    expect(metas, `${path} has one CSP <meta>`).toHaveLength(1);
    const meta = metas[0];
    // A <meta> policy governs what follows it. Astro writes it in <head> after Starlight's
    // theme script (which is hashed below all the same); everything in <body> comes after it.
    expect((meta?.index ?? Infinity) < html.search(/<\/head>/i), `${path}: the policy is in <head>`).toBe(true);
    const policy = parsePolicy(meta?.[1] ?? '');

    expect(policy.get('default-src'), `${path}: default-src`).toEqual(["'self'"]);
    expect(policy.get('object-src'), `${path}: object-src`).toEqual(["'none'"]);
    expect(policy.get('base-uri'), `${path}: base-uri`).toEqual(["'self'"]);
    for (const [directive, sources] of policy) {
      for (const source of sources) {
        expect(FORBIDDEN, `${path}: ${directive} must not allow ${source}`).not.toContain(
          directive === 'style-src-attr' && source === "'unsafe-inline'" ? '' : source,
        );
        // No third-party origin: only keywords, hashes, data: and blob:.
        expect(source, `${path}: ${directive} names only this origin`).toMatch(/^('[^']+'|data:|blob:)$/);
      }
    }
    const scriptSrc = policy.get('script-src') ?? [];
    for (const source of scriptSrc) {
      if (!source.startsWith("'sha256-")) expect(SCRIPT_SOURCES, `${path}: script-src ${source}`).toContain(source);
    }
    for (const body of inlineBodies(html, 'script')) {
      expect(scriptSrc, `${path}: inline script ${JSON.stringify(body.slice(0, 60))} is hashed`).toContain(
        sha256(body),
      );
    }
    const styleSrc = policy.get('style-src-elem') ?? policy.get('style-src') ?? [];
    for (const body of inlineBodies(html, 'style')) {
      expect(styleSrc, `${path}: inline style ${JSON.stringify(body.slice(0, 60))} is hashed`).toContain(sha256(body));
    }
    expect(html, `${path} has no inline event handlers`).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  }
  console.log(`CSP checked on ${pages.length} pages`);
});

test('no page triggers a policy violation while it loads, searches and switches theme', async ({ browser }) => {
  const context = await browser.newContext();
  await recordCspViolations(context);
  const pages = await allPages(context.request);
  for (const path of pages) {
    const page = await context.newPage();
    await page.goto(path, { waitUntil: 'networkidle' });
    expect(await pagePolicy(page), `${path} declares a policy`).not.toBeNull();
    expect(await cspViolations(page), `${path}: no CSP violations on load`).toEqual([]);
    await page.close();
  }

  // Search loads Pagefind (a script and a WASM module) on demand.
  const page = await context.newPage();
  await page.goto('/chapters/residual-block/');
  await searchFor(page, 'residual');
  await expect(page.locator('a[href*="/chapters/residual-block/"]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: /theme/i }).first().selectOption('dark');
  expect(await cspViolations(page), 'no CSP violations while searching').toEqual([]);

  // Canary: the policy is enforced and the recorder hears it. An injected inline script is refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.append(script);
  });
  await expect.poll(async () => (await cspViolations(page)).map((v) => v.directive)).toContain('script-src-elem');
  expect(await page.evaluate(() => 'injected' in window || '__injected' in window)).toBe(false);
  await context.close();
});

test('no demo triggers a policy violation while it trains', async ({ browser }) => {
  const context = await browser.newContext();
  await recordCspViolations(context);
  await installDemoHooks(context);
  const demos = await demosOnSite(context.request);
  test.skip(demos.length === 0, 'no demo on the site yet');
  for (const demo of demos) {
    const page = await context.newPage();
    await page.goto(demo.path);
    await startTraining(page, demo);
    await demo.waitForProgress(page);
    expect(await cspViolations(page), `${demo.name}: no CSP violations while training`).toEqual([]);
    await page.close();
  }
  await context.close();
});

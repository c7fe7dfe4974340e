/**
 * Helpers shared by the quality gates (quality-*.spec.ts, faults*.spec.ts): themes, the page list,
 * content-security-policy violation capture and the policy parser.
 */
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { sitemapPaths } from './site.ts';

/** Starlight's two colour themes. */
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** WCAG 2.2 AA, as axe-core tags it. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every page of the site: the sitemap plus the 404 page (which the sitemap rightly omits). */
export async function allPages(request: APIRequestContext): Promise<string[]> {
  return [...(await sitemapPaths(request)), '/404.html'];
}

/**
 * Makes every page of `context` open in `theme`. Starlight reads the reader's choice from
 * localStorage 'starlight-theme' before first paint and sets html[data-theme].
 */
export async function useTheme(context: BrowserContext, theme: Theme): Promise<void> {
  await context.addInitScript((t) => {
    try {
      localStorage.setItem('starlight-theme', t);
    } catch {
      // Storage may be unavailable (opaque origins); the theme then follows the system.
    }
  }, theme);
}

/** A `securitypolicyviolation` event, as the page saw it. */
export interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
  readonly sample: string;
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
  }
}

/**
 * Records every `securitypolicyviolation` event of every document (workers report to their
 * owner document) from the first script on. Read them back with {@link cspViolations}.
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: CspViolation[] = [];
    window.__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
        sample: e.sample,
      });
    });
  });
}

/** Violations recorded on the page so far. */
export async function cspViolations(page: Page): Promise<CspViolation[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/** A policy as directive name -> sources. */
export type Policy = Map<string, string[]>;

/** Parses a `content-security-policy` value. */
export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The policy a page declares in its `<meta http-equiv="content-security-policy">`, or null. */
export async function pagePolicy(page: Page): Promise<string | null> {
  const meta = page.locator('meta[http-equiv="content-security-policy" i]');
  if ((await meta.count()) !== 1) return null;
  return meta.getAttribute('content');
}

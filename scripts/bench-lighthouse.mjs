// Lighthouse for every chapter page (mobile emulation, simulated slow 4G): performance,
// accessibility, best practices and SEO scores with LCP, TBT and CLS. Runs on its own
// (`node scripts/bench-lighthouse.mjs [--no-build]`) or as part of scripts/bench.mjs.
import { auditPages } from '../bench/lib/lighthouse.mjs';
import { fixed, isMain, saveResult, table } from '../bench/lib/report.mjs';
import { buildSite, chapterPaths, previewSite, sitemapPaths } from '../bench/lib/site.mjs';

/**
 * Audits every chapter page of a served site.
 * @param {string} origin e.g. http://localhost:4610
 */
export async function benchLighthouse(origin, { log = false } = {}) {
  const paths = chapterPaths(await sitemapPaths(origin));
  const pages = await auditPages(
    paths.map((path) => `${origin}${path}`),
    { onPage: log ? (audit) => console.error(`lighthouse: ${new URL(audit.url).pathname} done`) : undefined },
  );
  return { config: 'Lighthouse default (mobile, simulated throttling)', pages };
}

/** The Markdown table of a Lighthouse result, with what kept a score below 100 underneath. */
export function lighthouseTables({ pages }) {
  const rows = pages.map((p) => [
    new URL(p.url).pathname,
    p.scores['performance'] ?? '—',
    p.scores['accessibility'] ?? '—',
    p.scores['best-practices'] ?? '—',
    p.scores['seo'] ?? '—',
    fixed(p.lcpMs === null ? null : p.lcpMs / 1000, 2),
    fixed(p.tbtMs, 0),
    fixed(p.cls, 3),
    p.domElements ?? '—',
    p.mainThread
      .slice(0, 2)
      .map((m) => `${m.group} ${fixed(m.ms, 0)}`)
      .join(', '),
  ]);
  const lines = [
    '### Lighthouse (mobile emulation, simulated slow 4G)',
    '',
    table(
      [
        'Page',
        'Performance',
        'Accessibility',
        'Best practices',
        'SEO',
        'LCP (s)',
        'TBT (ms)',
        'CLS',
        'DOM elements',
        'Main thread (ms, top 2)',
      ],
      rows,
    ),
  ];
  const failed = pages.flatMap((p) =>
    p.failed.map(
      (f) =>
        `- ${new URL(p.url).pathname} · ${f.category} · \`${f.id}\` (${f.title})${f.items.length ? `: ${f.items.join('; ')}` : ''}`,
    ),
  );
  if (failed.length) lines.push('', 'Audits below full score:', '', ...failed);
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  if (!process.argv.includes('--no-build')) await buildSite();
  const server = await previewSite();
  try {
    const result = await benchLighthouse(server.origin, { log: true });
    console.log(lighthouseTables(result));
    console.log(`\nSaved ${saveResult('lighthouse', result)}`);
  } finally {
    await server.close();
  }
}

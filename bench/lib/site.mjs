// The built site for the bench: a timed `astro build` into a folder of its own, and `astro preview`
// of that folder on a port of its own, so a benchmark never fights a test run over dist/ or :4321.
/* global fetch */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

/** Where the bench builds the site unless ASTRO_OUT_DIR says otherwise. */
export const OUT_DIR = process.env['ASTRO_OUT_DIR'] || join(tmpdir(), 'why-resnets-work-bench-dist');
/** The preview port of the bench unless BENCH_PORT says otherwise. */
export const PORT = Number(process.env['BENCH_PORT'] || 4610);

/** Runs `astro build` into OUT_DIR; resolves to its wall time in seconds, rejects on failure. */
export function buildSite({ quiet = true } = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO, 'build'], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_OUT_DIR: OUT_DIR },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let log = '';
    child.stdout?.on('data', (chunk) => (log += chunk));
    child.stderr?.on('data', (chunk) => (log += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`astro build failed (exit ${code}):\n${log.slice(-4000)}`));
    });
  });
}

/**
 * Serves OUT_DIR with `astro preview`; resolves once it answers.
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function previewSite() {
  if (!existsSync(join(OUT_DIR, 'index.html'))) {
    throw new Error(`No built site in ${OUT_DIR}: run the bench without --no-build, or build there first.`);
  }
  const origin = `http://localhost:${PORT}`;
  // --ignore-lock: another preview (a test run's) may hold Astro's one-server lock.
  const child = spawn(process.execPath, [ASTRO, 'preview', '--port', String(PORT), '--ignore-lock'], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_OUT_DIR: OUT_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const close = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      child.once('exit', () => resolve(undefined));
      child.kill('SIGTERM');
    });
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (child.exitCode !== null) throw new Error(`astro preview exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) return { origin, close };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await close();
  throw new Error(`astro preview did not answer on ${origin} within 60 s:\n${log}`);
}

/** Paths of every page in the sitemap of a served site, e.g. "/chapters/how-deep/". */
export async function sitemapPaths(origin) {
  const index = await (await fetch(`${origin}/sitemap-index.xml`)).text();
  const paths = [];
  for (const [, sitemapUrl] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const sitemap = await (await fetch(`${origin}${new URL(sitemapUrl).pathname}`)).text();
    for (const [, loc] of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(loc).pathname);
  }
  return paths;
}

/** The chapter pages among the sitemap's paths. */
export function chapterPaths(paths) {
  return paths.filter((path) => path.startsWith('/chapters/'));
}

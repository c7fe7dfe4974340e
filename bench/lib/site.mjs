// The built site for the bench: a timed `astro build` into a folder of its own, served on a port of
// its own as a static host serves it (gzip, the isolation headers), so a benchmark never fights a
// test run over dist/ or :4321 and Lighthouse sees the bytes a reader would download.
/* global fetch */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ISOLATION_HEADERS } from '../../src/lib/isolation.ts';

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

/** Content types of the files the site serves. */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};
/** What a host compresses: text, WASM and the raw data sets; fonts and images are compressed already. */
const COMPRESSIBLE = /\.(html|m?js|css|json|xml|txt|svg|wasm|u8)$/;

/**
 * Serves OUT_DIR as a static host does: gzip for clients that accept it (what Lighthouse and a
 * reader's browser get), the isolation headers of public/_headers, index.html for folders and
 * 404.html otherwise. Resolves once it listens.
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function previewSite() {
  if (!existsSync(join(OUT_DIR, 'index.html'))) {
    throw new Error(`No built site in ${OUT_DIR}: run the bench without --no-build, or build there first.`);
  }
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://bench').pathname);
    let file = normalize(join(OUT_DIR, pathname));
    if (!file.startsWith(OUT_DIR)) file = join(OUT_DIR, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = existsSync(file) && statSync(file).isFile();
    const target = found ? file : join(OUT_DIR, '404.html');
    const headers = { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', ...ISOLATION_HEADERS };
    let body = readFileSync(target);
    if (COMPRESSIBLE.test(target) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body, { level: 6 });
      Object.assign(headers, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
    }
    response.writeHead(found ? 200 : 404, { ...headers, 'content-length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(PORT, 'localhost', () => resolve(undefined)));
  const close = () => new Promise((resolve) => server.close(() => resolve(undefined)));
  return { origin: `http://localhost:${PORT}`, close };
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

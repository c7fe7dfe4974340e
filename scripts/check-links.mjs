// Checks the links of every built page: each internal link and #fragment resolves to a built file
// and an element id, pages load nothing from other origins, and outbound links go only to the
// citation hosts below and open safely (rel="noopener noreferrer").
// Usage: `node scripts/check-links.mjs [dir]` (default: $ASTRO_OUT_DIR or dist). Exits 1 on a problem.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where outbound links may point: the papers' DOI and arXiv pages, the NeurIPS proceedings and
 * the reference implementations the chapters cite (src/lib/bibliography.ts).
 */
export const ALLOWED_EXTERNAL = [
  /^https:\/\/arxiv\.org\//,
  /^https:\/\/doi\.org\//,
  /^https:\/\/proceedings\.neurips\.cc\//,
  /^https:\/\/github\.com\/pytorch\/vision(\/|$)/,
  /^https:\/\/github\.com\/BVLC\/caffe(\/|$)/,
  /^https:\/\/github\.com\/akamaster\/pytorch_resnet_cifar10(\/|$)/,
  /^https:\/\/github\.com\/KaimingHe\/resnet-1k-layers(\/|$)/,
];

/** Tags whose attribute names a URL the browser follows or loads. */
const URL_ATTRIBUTES = {
  a: 'href',
  area: 'href',
  link: 'href',
  script: 'src',
  img: 'src',
  source: 'src',
  iframe: 'src',
};

const TAG = /<([a-z][a-z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Decodes the few entities Astro writes inside attribute values. */
function decodeEntities(text) {
  return text
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The tags of a page with their attributes; script, style and comment bodies are skipped. */
export function tagsOf(html) {
  const markup = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2')
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi, '$1$2');
  const tags = [];
  for (const [, name = '', rest = ''] of markup.matchAll(TAG)) {
    const attributes = new Map();
    for (const [, key = '', dq, sq, bare] of rest.matchAll(ATTRIBUTE)) {
      attributes.set(key.toLowerCase(), decodeEntities(dq ?? sq ?? bare ?? ''));
    }
    tags.push({ name: name.toLowerCase(), attributes });
  }
  return tags;
}

/** The site path a built file answers at: dist/a/b/index.html -> /a/b/, dist/404.html -> /404.html. */
export function pathOfFile(dir, file) {
  const rel = relative(dir, file).split(sep).join('/');
  return rel === 'index.html'
    ? '/'
    : rel.endsWith('/index.html')
      ? `/${rel.slice(0, -'index.html'.length)}`
      : `/${rel}`;
}

/** The built file a site path serves, or null. */
function fileOfPath(dir, path) {
  const local = join(dir, ...path.split('/').filter(Boolean));
  if (path.endsWith('/')) return existsSync(join(local, 'index.html')) ? join(local, 'index.html') : null;
  return existsSync(local) && statSync(local).isFile() ? local : null;
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Checks every page under `dir`. `site` is the deployed origin (canonical links use it); links to
 * it count as internal. Returns pages and links counted and the problems, one readable line each.
 */
export function checkLinks(dir, site) {
  const files = htmlFiles(dir);
  if (files.length === 0) throw new Error(`No HTML files under ${dir}: build the site first.`);
  const pages = new Map(files.map((file) => [file, tagsOf(readFileSync(file, 'utf8'))]));
  const idsOf = new Map();
  const ids = (file) => {
    if (!idsOf.has(file)) {
      const tags = pages.get(file) ?? tagsOf(readFileSync(file, 'utf8'));
      idsOf.set(
        file,
        new Set(
          tags
            .flatMap((t) => [t.attributes.get('id'), t.name === 'a' ? t.attributes.get('name') : undefined])
            .filter(Boolean),
        ),
      );
    }
    return idsOf.get(file);
  };
  const origin = site ? new URL(site).origin : null;
  const problems = [];
  let internal = 0;
  let external = 0;

  for (const [file, tags] of pages) {
    const pagePath = pathOfFile(dir, file);
    const base = new URL(pagePath, 'http://site.invalid');
    const where = relative(dir, file);
    for (const tag of tags) {
      const attribute = URL_ATTRIBUTES[tag.name];
      const raw = attribute ? tag.attributes.get(attribute) : undefined;
      if (raw === undefined || raw === '') continue;
      const rel = (tag.attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
      if (/^(javascript|vbscript):/i.test(raw.trim())) {
        problems.push(`${where}: <${tag.name}> with a script URL: ${raw}`);
        continue;
      }
      if (/^(data|blob|mailto):/i.test(raw)) continue;
      const url = new URL(raw, base);
      const isSite = url.origin === base.origin || (origin !== null && url.origin === origin);
      if (!isSite) {
        external += 1;
        if (tag.name !== 'a' && tag.name !== 'area' && !rel.includes('canonical')) {
          problems.push(`${where}: <${tag.name}> loads ${raw} from another origin`);
        } else if (!ALLOWED_EXTERNAL.some((pattern) => pattern.test(url.href))) {
          problems.push(`${where}: link to ${raw}, a host not on the citation list in scripts/check-links.mjs`);
        } else if (!rel.includes('noopener') || !rel.includes('noreferrer')) {
          problems.push(`${where}: link to ${raw} lacks rel="noopener noreferrer"`);
        }
        continue;
      }
      // The 404 page answers at every missing address; its canonical link names none in particular.
      if (rel.includes('canonical') && pagePath === '/404.html') continue;
      internal += 1;
      const path = decodeURIComponent(url.pathname);
      const target = fileOfPath(dir, path);
      if (!target) {
        problems.push(`${where}: <${tag.name}> ${raw} points to ${path}, which the build does not contain`);
        continue;
      }
      if (url.hash.length > 1 && target.endsWith('.html')) {
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (!ids(target).has(fragment)) {
          problems.push(`${where}: link ${raw}: no element with id "${fragment}" on ${pathOfFile(dir, target)}`);
        }
      }
    }
  }
  return { pages: files.length, internal, external, problems };
}

/** The deployed origin, read from the home page's canonical link. */
export function siteOf(dir) {
  const home = join(dir, 'index.html');
  if (!existsSync(home)) return null;
  const canonical = tagsOf(readFileSync(home, 'utf8')).find(
    (t) => t.name === 'link' && t.attributes.get('rel') === 'canonical',
  );
  return canonical?.attributes.get('href') ?? null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? (process.env['ASTRO_OUT_DIR'] || 'dist');
  const { pages, internal, external, problems } = checkLinks(dir, siteOf(dir));
  for (const line of problems) console.error(line);
  console.log(
    `Links: ${pages} pages, ${internal} internal and ${external} external links, ${problems.length} problems.`,
  );
  process.exit(problems.length > 0 ? 1 : 0);
}

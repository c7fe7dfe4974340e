// Validates every built page with the Nu Html Checker (npm package vnu-jar, run with the machine's
// Java): zero errors allowed. Usage: `node scripts/check-html.mjs [dir]` (default: $ASTRO_OUT_DIR
// or dist). Exits 1 and lists "file:line:column: message" for each error.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vnuJar from 'vnu-jar';

/**
 * Messages that are known and harmless, each with the reason. Keep this list short: a message
 * belongs here only when browsers handle the markup correctly and either it comes from a dependency
 * or the checker's schema predates the standard that defines it. `message` is the checker's text or
 * a pattern of it; `source`, when given, must match the page's text where the message points.
 */
export const IGNORED = [
  {
    // Starlight's SidebarPersister.astro renders its two restore scripts with aria-hidden="true"
    // inside the sidebar. A script has no rendering, so the attribute does nothing at all.
    message: 'The “aria-hidden” attribute must not be specified on the “script” element.',
    reason: "Starlight's sidebar state scripts",
  },
  {
    // Astro writes `<style>astro-island{display:contents}</style>` next to the first island of a
    // page, wherever that island sits in <body>. Browsers apply a style element anywhere.
    message: 'A “style” element in “body” must be the first child of its parent.',
    reason: "Astro's island runtime style",
    // Read from the page at the reported position: the checker's own excerpt may stop at "<style>as".
    source: /^<style>astro-island[,{]/,
  },
  {
    // The living equation's terms (src/block/equation-tex.ts) are focusable and named, so a reader
    // can step through them with Tab and hear each one. The checker validates MathML against the
    // MathML 3 schema (2014), which has no tabindex or ARIA; MathML Core, the MathML that browsers
    // implement, makes tabindex and the ARIA attributes global attributes of every MathML element.
    // Only the equation's marked terms are let through: any other element is still an error.
    message:
      /^Attribute “(?:tabindex|role|aria-label)” not allowed on element “m(?:i|o|n|row|sup|sub|subsup)” at this point\.$/,
    reason: 'MathML Core global attributes on the living equation’s terms',
    source: /^<m[a-z]+(?: [a-z]+="[^"<>]*")* data-term="[A-Za-z0-9]+" tabindex="0" role="img" aria-label="[^"<>]+">/,
  },
];

/**
 * True when a rule of {@link IGNORED} covers the checker's `message`, reported where the page's
 * text reads `source`.
 * @param {string} message
 * @param {string} source
 */
export function isIgnored(message, source) {
  return IGNORED.some(
    (rule) =>
      (rule.message instanceof RegExp ? rule.message.test(message) : rule.message === message) &&
      (!rule.source || rule.source.test(source)),
  );
}

/** Every .html file under `dir`, sorted. */
export function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Runs vnu.jar on `files`; resolves with its JSON report. */
function runVnu(files) {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject(
        new Error(
          `Could not run Java for the Nu Html Checker (${error.message}). Install a JRE ` +
            '(apt-get install default-jre-headless); .ci/run does this on a fresh machine.',
        ),
      ),
    );
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(stderr));
      } catch {
        reject(new Error(`The Nu Html Checker failed (exit ${code}):\n${stderr.slice(0, 2000)}`));
      }
    });
  });
}

/**
 * Checks every page under `dir`. Returns the files checked, the errors (as readable lines) and
 * how many known messages were ignored.
 */
export async function checkHtml(dir) {
  const files = htmlFiles(dir);
  if (files.length === 0) throw new Error(`No HTML files under ${dir}: build the site first.`);
  const report = await runVnu(files);
  const errors = [];
  let ignored = 0;
  /** @type {Map<string, string[]>} */
  const lines = new Map();
  /** The page's text from where a message points (its first line and column, 1-based). */
  const sourceAt = (/** @type {{ url?: string, firstLine?: number, lastLine?: number, firstColumn?: number }} */ m) => {
    if (!m.url) return '';
    const path = fileURLToPath(m.url);
    if (!lines.has(path)) lines.set(path, readFileSync(path, 'utf8').split('\n'));
    const line = lines.get(path)?.[(m.firstLine ?? m.lastLine ?? 1) - 1] ?? '';
    return line.slice((m.firstColumn ?? 1) - 1);
  };
  for (const m of report.messages ?? []) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    if (isIgnored(m.message, sourceAt(m))) {
      ignored += 1;
      continue;
    }
    const file = m.url ? relative(dir, fileURLToPath(m.url)) : '?';
    errors.push(`${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.message}`);
  }
  return { files: files.length, errors, ignored };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? (process.env['ASTRO_OUT_DIR'] || 'dist');
  const { files, errors, ignored } = await checkHtml(dir);
  for (const line of errors) console.error(line);
  console.log(`Nu Html Checker: ${files} pages, ${errors.length} errors (${ignored} known messages ignored).`);
  process.exit(errors.length > 0 ? 1 : 0);
}

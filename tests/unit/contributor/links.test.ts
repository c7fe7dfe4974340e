/** The link checker (scripts/check-links.mjs) against a tiny built site with one of each mistake. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../../scripts/check-links.mjs';

const dir = mkdtempSync(join(tmpdir(), 'links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function page(path: string, body: string): void {
  mkdirSync(join(dir, path), { recursive: true });
  writeFileSync(join(dir, path, 'index.html'), `<!DOCTYPE html><html><head></head><body>${body}</body></html>`);
}

describe('check-links', () => {
  page('', '<h1 id="top">Home</h1><a href="/chapters/a/#ok">fine</a><a href="#top">top</a>');
  page(
    'chapters/a',
    [
      '<h2 id="ok">OK</h2>',
      '<a href="/chapters/missing/">a page that does not exist</a>',
      '<a href="/#nowhere">a fragment that does not exist</a>',
      '<a href="https://example.com/">a host not allowed</a>',
      '<a href="https://arxiv.org/abs/1512.03385">no rel</a>',
      '<a href="https://arxiv.org/abs/1603.05027" rel="noopener noreferrer">fine</a>',
      '<script src="https://cdn.example.com/x.js"></script>',
      '<script>const s = "<a href=\'/not-a-link/\'>";</script>',
    ].join(''),
  );

  it('names the file and the problem for each broken link, and nothing else', () => {
    const { problems, internal, external } = checkLinks(dir, 'https://site.example/');
    expect(internal).toBe(4);
    expect(external).toBe(4);
    expect(problems).toEqual([
      'chapters/a/index.html: <a> /chapters/missing/ points to /chapters/missing/, which the build does not contain',
      'chapters/a/index.html: link /#nowhere: no element with id "nowhere" on /',
      'chapters/a/index.html: link to https://example.com/, a host not on the citation list in scripts/check-links.mjs',
      'chapters/a/index.html: link to https://arxiv.org/abs/1512.03385 lacks rel="noopener noreferrer"',
      'chapters/a/index.html: <script> loads https://cdn.example.com/x.js from another origin',
    ]);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addSources, completePolicy, cspHash, inlineHashes } from '../../../src/lib/csp/inline-hashes.ts';
import { contentSecurityPolicy, CSP_DIRECTIVES } from '../../../src/lib/csp/policy.ts';

const page = (policy: string, body: string) =>
  `<!DOCTYPE html><html><head><meta http-equiv="content-security-policy" content="${policy}">${body}</head></html>`;

describe('content security policy', () => {
  it('hashes exactly the text between the tags', () => {
    const text = '\n\tconsole.log(1);\n';
    expect(cspHash(text)).toBe(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  });

  it('hashes inline scripts and styles, not external or data scripts', () => {
    const { scripts, styles } = inlineHashes(
      '<script>a()</script><script type="module">b()</script><script src="/x.js"></script>' +
        '<script type="application/ld+json">{}</script><style>p{}</style>',
    );
    expect(scripts).toEqual([cspHash('a()'), cspHash('b()')]);
    expect(styles).toEqual([cspHash('p{}')]);
  });

  it('adds missing hashes once, keeping what Astro wrote', () => {
    const html = page(
      `default-src 'self'; script-src 'self' ${cspHash('b()')}; style-src-elem 'self';`,
      '<script>a()</script><script>b()</script><script>a()</script><style>p{}</style>',
    );
    const { html: out, added } = completePolicy(html);
    expect(added).toBe(2);
    const policy = /content="([^"]*)"/.exec(out)?.[1] ?? '';
    expect(policy).toContain(`script-src 'self' ${cspHash('b()')} ${cspHash('a()')};`);
    expect(policy).toContain(`style-src-elem 'self' ${cspHash('p{}')};`);
    expect(policy.match(new RegExp(cspHash('a()').replace(/[+/=]/g, '\\$&'), 'g'))).toHaveLength(1);
  });

  it('leaves a page without a policy alone', () => {
    const html = '<html><head><script>a()</script></head></html>';
    expect(completePolicy(html)).toEqual({ html, added: 0 });
  });

  it('creates a directive that is missing', () => {
    expect(addSources("default-src 'self'", 'script-src', ["'sha256-x'"])).toBe(
      "default-src 'self'; script-src 'self' 'sha256-x';",
    );
  });

  it('allows no third-party origin, eval or inline script', () => {
    const sources = [
      ...CSP_DIRECTIVES.flatMap((d) => d.split(/\s+/).slice(1)),
      ...(contentSecurityPolicy.scriptDirective?.resources ?? []).map((r) => (typeof r === 'string' ? r : r.resource)),
    ];
    for (const source of sources) expect(source).toMatch(/^('self'|'none'|'wasm-unsafe-eval'|data:|blob:)$/);
    expect(CSP_DIRECTIVES).toContain("object-src 'none'");
  });
});

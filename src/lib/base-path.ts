/**
 * The site's base path (Astro's `base`, set with `BASE_PATH` at build time) and a remark plugin
 * that puts it in front of root-absolute links in MDX. Chapters keep writing `/chapters/how-deep/`;
 * a build for a GitHub Pages project site (`BASE_PATH=/why-resnets-work/`) links to
 * `/why-resnets-work/chapters/how-deep/`.
 */
import type { Root } from 'mdast';

/**
 * `BASE_PATH` as Astro wants it: one leading and one trailing slash, `/` when unset.
 * `why-resnets-work`, `/why-resnets-work` and `/why-resnets-work/` all give `/why-resnets-work/`.
 */
export function normalizeBase(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (/[?#\s\\]/.test(trimmed)) {
    throw new Error(`BASE_PATH "${raw ?? ''}" is not a path: write it like /why-resnets-work/.`);
  }
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Prefixes a root-absolute URL (`/chapters/x/#h`) with `base`; leaves relative URLs, anchors,
 * protocol-relative (`//host`) and absolute (`https:`) URLs alone, and never prefixes twice.
 */
export function withBase(base: string, url: string): string {
  if (base === '/' || !url.startsWith('/') || url.startsWith('//')) return url;
  if (url === base.slice(0, -1) || url.startsWith(base)) return url;
  return base + url.slice(1);
}

interface UrlNode {
  type?: string;
  url?: string;
  children?: UrlNode[];
}

/** Remark plugin: links, images and link definitions with a root-absolute URL get `base` in front. */
export function remarkBaseLinks({ base }: { base: string }) {
  const visit = (node: UrlNode): void => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url) {
      node.url = withBase(base, node.url);
    }
    node.children?.forEach(visit);
  };
  return (tree: Root): void => {
    if (base !== '/') visit(tree);
  };
}

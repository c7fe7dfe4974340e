/** Addresses of the site's own files, under the base path the site was built with (`BASE_PATH`). */

/** `path` (no leading slash, such as `data/runs/default.json`) under the site's base path. */
export function sitePath(path: string): string {
  const base = import.meta.env.BASE_URL;
  return `${base.endsWith('/') ? base : `${base}/`}${path.replace(/^\/+/, '')}`;
}

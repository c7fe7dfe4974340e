import type { APIRoute } from 'astro';

/**
 * robots.txt that lets every crawler in and names the sitemap, under the base path. (Crawlers read
 * robots.txt only at a host's root; under a sub-path it still documents where the sitemap is.)
 */
export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const sitemap = new URL(`${base}sitemap-index.xml`, site).href;
  return new Response(`User-agent: *\nAllow: ${base}\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};

/**
 * The service worker, bundled into `sw.js` at the end of `astro build` (./integration.ts), which
 * also writes the precache list into `self.__WB_MANIFEST`.
 *
 * - Precached on install: every page, the stylesheets, the fonts, the search index and the scripts a
 *   page runs before any interaction (./page-assets.ts decides which).
 * - Cached when first used: whatever a demo loads on Train (TF.js, its workers, the WASM binaries:
 *   hashed files under `_astro/`, cache-first) and the data sets (`data/`, network-first).
 * - Pages are network-first: online, a reader always gets the deployed version; offline, or after
 *   4 s without an answer, the cached one. A new deploy installs a new worker on the next visit,
 *   which takes over at once and drops the files the old deploy listed.
 * - Every response it serves carries the cross-origin isolation headers (src/lib/isolation.ts), so
 *   on hosts that cannot send them the pages it serves are isolated too, from the first page opened
 *   after it started (the page that installed it is never reloaded).
 */
/// <reference lib="webworker" />
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { ISOLATION_HEADERS } from '../lib/isolation.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/** The site's base path, such as `/` or `/why-resnets-work/`: the worker's own folder. */
const base = new URL('./', self.location.href).pathname;

/** Adds the isolation headers to every response this worker hands to a page or worker. */
const isolate: WorkboxPlugin = {
  handlerWillRespond: ({ response }) => {
    // Opaque and error responses cannot be rebuilt; the site makes no cross-origin requests anyway.
    if (response.type === 'opaque' || response.type === 'error' || response.status === 0) {
      return Promise.resolve(response);
    }
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
    return Promise.resolve(
      new Response(response.body, { status: response.status, statusText: response.statusText, headers }),
    );
  },
};

/** Offline and never visited: the page from the precache (`/x/` is stored as `/x/index.html`). */
const fromPrecache: WorkboxPlugin = {
  handlerDidError: async ({ request }) => {
    const { pathname } = new URL(request.url);
    return (
      (await matchPrecache(pathname.endsWith('/') ? `${pathname}index.html` : pathname)) ??
      (await matchPrecache(`${base}404.html`))
    );
  },
};

void self.skipWaiting();
clientsClaim();

// Registered before the precache route, so that pages are network-first although precached.
registerRoute(
  new NavigationRoute(
    new NetworkFirst({ cacheName: 'pages', networkTimeoutSeconds: 4, plugins: [fromPrecache, isolate] }),
  ),
);

addPlugins([isolate]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const sameOrigin = (url: URL, folder: string) => url.origin === self.location.origin && url.pathname.startsWith(folder);

// Content-hashed files never change; a few deploys' worth are kept. A file is the same whoever asks
// for it, so the cache ignores `Vary`: the threaded WASM glue is fetched both as a module (by the
// backend) and as a classic script (by its threads), and a host's `Vary: Origin` would otherwise
// keep the copy cached for one from answering the other offline.
registerRoute(
  ({ url }) => sameOrigin(url, `${base}_astro/`),
  new CacheFirst({
    cacheName: 'demo-code',
    matchOptions: { ignoreVary: true },
    // The cast: Workbox's class types predate `exactOptionalPropertyTypes`.
    plugins: [new ExpirationPlugin({ maxEntries: 60, purgeOnQuotaError: true }) as WorkboxPlugin, isolate],
  }),
);

// Data sets keep their names across versions and their manifest lists their SHA-256: always ask
// the network first (a 304 when unchanged), so the manifest and the files never disagree.
registerRoute(
  ({ url }) => sameOrigin(url, `${base}data/`),
  new NetworkFirst({ cacheName: 'data', plugins: [isolate] }),
);

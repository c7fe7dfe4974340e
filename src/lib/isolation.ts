/**
 * Cross-origin isolation: the two headers that make `crossOriginIsolated` true, which gives the
 * demos SharedArrayBuffer and so multi-threaded WASM. Every byte of the site is its own, so
 * `require-corp` blocks nothing. Hosts send them from public/_headers; the dev and preview servers
 * from astro.config.mjs; on hosts that send no headers the service worker adds them (src/sw/).
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const satisfies Record<string, string>;

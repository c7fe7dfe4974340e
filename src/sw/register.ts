/**
 * Registers the service worker (`sw.js`, built by ./integration.ts) once the page has loaded, so
 * that its precaching never competes with the page's own requests. Only built sites have one.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const register = () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((error: unknown) => {
      // Offline reading is a bonus: the site works without it.
      console.warn('Offline reading is unavailable: the service worker did not register.', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

// Finds a Chromium for the end-to-end tests, installing Debian's package when running as root.
// Order: $CHROMIUM_PATH, /usr/bin/chromium, Playwright's own download; else apt (root) or a clear message.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const DEBIAN = '/usr/bin/chromium';

/**
 * Flags that keep Chromium quiet on a machine without outside network (no sandbox: tests run as
 * root in containers). The one list used by the e2e tests, the benchmarks and Lighthouse.
 */
export const QUIET_CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

function playwrightBrowser() {
  try {
    const path = createRequire(import.meta.url)('playwright-core').chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {string} the path of a Chromium executable */
export function findChromium({ install = true } = {}) {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  if (existsSync(DEBIAN)) return DEBIAN;
  const bundled = playwrightBrowser();
  if (bundled) return bundled;
  if (install && process.getuid?.() === 0) {
    console.log('No Chromium found: installing Debian’s chromium package with apt-get…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(DEBIAN)) return DEBIAN;
  }
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one and run the tests again:\n' +
      '  sudo apt-get install -y chromium      (Debian/Ubuntu)\n' +
      '  npx playwright install chromium       (elsewhere)\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(findChromium());
}

import { defineConfig } from '@playwright/test';
import { findChromium, QUIET_CHROMIUM_ARGS } from './scripts/find-chromium.mjs';
import { normalizeBase } from './src/lib/base-path.ts';

const executablePath = findChromium();
const port = Number(process.env['E2E_PORT'] ?? 4321);
/**
 * A build under a base path (BASE_PATH, with ASTRO_OUT_DIR naming its folder) gets its own pass:
 * the base-path and offline specs, served without isolation headers as GitHub Pages serves it.
 */
const base = normalizeBase(process.env['BASE_PATH']);
const subPath = base !== '/';
const ownPassSpecs = /(base-path|offline)\.spec\.ts/;

/** Flags that keep Chromium quiet on a machine without outside network. */
const baseArgs = [...QUIET_CHROMIUM_ARGS];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  // One retry: these machines are shared and noisy. A test that passes only on its retry is still
  // named at the end of `npm test` (scripts/test-all.mjs) as flaky, to be fixed, not forgotten.
  retries: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env['E2E_REPORT'] ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${port}${base}`,
    trace: 'off',
    // Page routes (fault injection) never reach requests a service worker answers; the offline
    // spec allows it.
    serviceWorkers: 'block',
  },
  webServer: {
    // --ignore-lock: Astro 7 refuses a second preview server otherwise, and builds may run side by side.
    command: `npm run --silent preview -- --port ${port} --ignore-lock`,
    url: `http://localhost:${port}${base}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
    env: subPath ? { SEND_ISOLATION_HEADERS: '0' } : {},
  },
  projects: subPath
    ? [
        {
          name: 'base-path',
          testMatch: ownPassSpecs,
          use: { serviceWorkers: 'allow', launchOptions: { executablePath, args: baseArgs } },
        },
      ]
    : [
        {
          // Headless Chromium here offers a real WebGPU adapter, in software (SwiftShader).
          name: 'webgpu',
          testIgnore: ownPassSpecs,
          use: { launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] } },
        },
        {
          // A browser without WebGPU: demos must explain the fallback and still work.
          name: 'no-webgpu',
          testMatch: /.*\.fallback\.spec\.ts/,
          use: { launchOptions: { executablePath, args: [...baseArgs, '--disable-webgpu'] } },
        },
      ],
});

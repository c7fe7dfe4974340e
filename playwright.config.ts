import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

const executablePath = findChromium();
const port = Number(process.env['E2E_PORT'] ?? 4321);

/** Flags that keep Chromium quiet on a machine without outside network. */
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env['E2E_REPORT'] ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'off',
  },
  webServer: {
    // --ignore-lock: Astro 7 refuses a second preview server otherwise, and builds may run side by side.
    command: `npm run --silent preview -- --port ${port} --ignore-lock`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
  projects: [
    {
      // Headless Chromium here offers a real WebGPU adapter, in software (SwiftShader).
      name: 'webgpu',
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

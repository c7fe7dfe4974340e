/**
 * `npm run screenshots`: the site's own Playwright setup (server, Chromium, flags), pointed at
 * scripts/screenshots.shot.ts only. The PNGs land in screenshots/ (not committed), one per demo,
 * moment, theme and width, so a reviewer can look at all of them at once. Build first
 * (`npm run build`, or ASTRO_OUT_DIR for another folder).
 */
import { defineConfig } from '@playwright/test';
import base from '../playwright.config.ts';

const webgpu = base.projects?.find((project) => project.name === 'webgpu');

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /screenshots\.shot\.ts$/,
  reporter: [['list']],
  projects: [{ name: 'screenshots', use: { ...webgpu?.use } }],
});

import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit`, the fast checks (seconds), and `training`, the runs that train real models
 * to an accuracy or a published effect (minutes), named `*.long.test.ts`. `npm test` runs both and
 * reports them apart; `npm run test:unit` runs the fast ones alone.
 */
const LONG = 'tests/unit/**/*.long.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    globals: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: [LONG] } },
      { extends: true, test: { name: 'training', include: [LONG] } },
    ],
  },
});

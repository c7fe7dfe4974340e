/**
 * The lab's Node scripts (npm run experiment, sweep, surface) load src/lab/ bundled as CommonJS by
 * scripts/lab-bundle.mjs. The bundle must still start the WASM backend on the cut binaries, which
 * src/lib/wasm-trim.ts finds from `import.meta.url` (empty in CommonJS unless the bundle sets it).
 */
import { expect, it } from 'vitest';
import { loadLabModule } from '../../../scripts/lab-bundle.mjs';

interface Headless {
  activateWasm(): Promise<void>;
  CONFIGS: Record<string, unknown>;
}

it('the bundled lab starts the WASM backend, as npm run experiment does', async () => {
  const lab = (await loadLabModule('headless.ts')) as Headless;
  expect(Object.keys(lab.CONFIGS)).toContain('quick');
  await expect(lab.activateWasm()).resolves.toBeUndefined();
});

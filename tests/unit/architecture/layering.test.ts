/**
 * The layers of the code, enforced: models ← training ← lab, block ← demos ← components. A module
 * imports only from its own layer or the ones below; `src/` never imports `components/`; TF.js is
 * imported for its values only by the few files that must (the engine's one entry, the backend
 * chooser, the WASM binaries, the model builder), everything else takes it as a parameter or imports types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Rank of each room; a module may import from rooms of lower or equal rank (not a sibling room). */
const RANK: Readonly<Record<string, number>> = {
  'src/models': 0,
  'src/training': 1,
  'src/lab': 2,
  'src/block': 2,
  'src/demos': 3,
  components: 4,
};

/** The only files that import TF.js values (why: see each module's header). */
const TFJS_VALUE_IMPORTS = new Set([
  'src/training/tf.ts', // the engine's one entry, with its gradients registered
  'src/training/tfjs-core-entry.ts', // tfjs-core's index in the browser build
  'src/training/gradients.ts', // the gradients the demos take
  'src/training/backend.ts', // loads the one backend it chose, on demand
  'src/training/backends/cpu.ts', // each backend with the kernels the demos run
  'src/training/backends/wasm.ts',
  'src/training/backends/webgl.ts',
  'src/training/backends/webgpu.ts',
  'src/training/wasm-assets.ts', // URLs of the WASM binaries, served by the site
  'src/models/graph.ts', // the layer graph and model on tfjs-core
  'src/models/layers.ts', // the standard layers on it
  'src/models/tfjs-custom-layers.ts', // the layers TF.js lacks
]);

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|astro)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

interface Import {
  readonly from: string;
  readonly typeOnly: boolean;
}

/** Static, re-exported, side-effect and dynamic imports of a source file. */
function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/g))
    found.push({ from: m[2] as string, typeOnly: m[1] !== undefined });
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g))
    found.push({ from: m[1] as string, typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push({ from: m[1] as string, typeOnly: false });
  return found;
}

function roomOf(path: string): string | null {
  return Object.keys(RANK).find((room) => path === room || path.startsWith(`${room}/`)) ?? null;
}

const SOURCES = [...files('src'), ...files('components')];

describe('layering', () => {
  it('finds the modules it checks', () => {
    expect(SOURCES).toContain('src/training/driver.ts');
    expect(SOURCES).toContain('components/lenet/LenetDemo.tsx');
    expect(
      importsOf(
        "import type { A } from './a.ts';\nimport {\n  b,\n} from '../b.ts';\nconst c = await import('./c.ts');",
      ),
    ).toEqual([
      { from: './a.ts', typeOnly: true },
      { from: '../b.ts', typeOnly: false },
      { from: './c.ts', typeOnly: false },
    ]);
  });

  it('each module imports only from its own room or the layers below', () => {
    const violations: string[] = [];
    for (const file of SOURCES) {
      const room = roomOf(file);
      if (room === null) continue;
      for (const { from } of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
        if (!from.startsWith('.')) continue;
        const target = relative(ROOT, resolve(dirname(join(ROOT, file)), from));
        const targetRoom = roomOf(target);
        if (targetRoom === null || targetRoom === room) continue;
        const allowed = (RANK[targetRoom] as number) < (RANK[room] as number);
        if (!allowed) violations.push(`${file} imports ${target} (${room} may not import ${targetRoom})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('src/ never imports components/, and nothing outside src/ and components/ is reached from src/', () => {
    const violations = files('src').flatMap((file) =>
      importsOf(readFileSync(join(ROOT, file), 'utf8'))
        .filter(({ from }) => from.startsWith('.'))
        .map(({ from }) => relative(ROOT, resolve(dirname(join(ROOT, file)), from)))
        .filter((target) => target.startsWith('components/'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(violations).toEqual([]);
  });

  it('TF.js values are imported only by the engine entry, the backend chooser, the WASM binaries and the builder', () => {
    const violations: string[] = [];
    for (const file of SOURCES) {
      for (const { from, typeOnly } of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
        if (!from.startsWith('@tensorflow/')) continue;
        if (file.startsWith('components/')) violations.push(`${file} imports ${from} (islands never touch TF.js)`);
        else if (!typeOnly && !TFJS_VALUE_IMPORTS.has(file)) violations.push(`${file} imports ${from}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

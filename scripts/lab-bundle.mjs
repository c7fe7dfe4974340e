/**
 * What the lab's Node scripts (experiment, sweep, surface) share: bundling a lab module with
 * esbuild (Node cannot load TF.js's ES modules and the lab's TypeScript directly), and reading a
 * named configuration with `--set key=value` overrides.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `src/lab/<file>.ts` into node_modules/.cache/depth-lab/ and loads it. */
export async function loadLabModule(file) {
  const outfile = join(root, 'node_modules', '.cache', 'depth-lab', `${basename(file, '.ts')}.cjs`);
  await build({
    entryPoints: [join(root, 'src', 'lab', file)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Every package through its ES build, so tfjs-core is bundled once.
    mainFields: ['module', 'main'],
    // import.meta is empty in CommonJS: give modules that resolve files from it (src/lib/wasm-trim.ts)
    // the bundle's own address.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/**
 * The configuration `name` of `configs`, with each `key=value` of `sets` applied (a number or a word,
 * or for a list setting values written 8/20/32 or 8,20,32). Exits with a message naming what is known when a name or key is not.
 */
export function namedConfig(configs, name, sets = []) {
  const named = configs[name];
  if (!named) {
    console.error(`Unknown configuration "${name}". Known: ${Object.keys(configs).join(', ')}.`);
    process.exit(2);
  }
  const config = { ...named };
  for (const pair of sets) {
    const [key, raw] = pair.split('=');
    if (!(key in named) || raw === undefined) {
      console.error(`--set ${pair}: expected key=value with a key of ${Object.keys(named).join(', ')}.`);
      process.exit(2);
    }
    if (Array.isArray(named[key]))
      config[key] = raw.split(/[/,]/).map((v) => (Number.isNaN(Number(v)) ? v : Number(v)));
    else config[key] = Number.isNaN(Number(raw)) ? raw : Number(raw);
  }
  return config;
}

/**
 * A Vite plugin that lets TF.js's multi-threaded WASM backend start from a bundle, with one copy of
 * its glue.
 *
 * Each pthread worker of the threaded build loads the backend's Emscripten glue with
 * `importScripts(mainScriptUrlOrBlob)`, and @tensorflow/tfjs-backend-wasm 4.22 sets that to a Blob
 * of `wasmFactoryThreadedSimd.toString()`: the factory's source text, cut out of its module. Once
 * bundled and minified, that text refers to names of the module around it, and every thread dies
 * with "e is not defined". This plugin rewrites that one line to load the glue from a file of the
 * site's own (emitted with `?url`). The threads themselves still start from TF.js's `blob:` worker
 * script, which the content security policy allows (src/lib/csp/policy.ts).
 *
 * The package also imports both factories (the threaded glue and the one-thread glue) up front, and
 * a backend runs one. The plugin makes `init()` load only the one it calls:
 * - the one-thread factory is a chunk of its own, imported on demand;
 * - the threaded factory is that same glue file, which the threads load: `init()` imports it as a
 *   module (allowed by `script-src 'self'`, in the training worker or on the page), and the file
 *   ends by putting its factory on `globalThis`, which a classic script does anyway. So a reader on
 *   the threaded build downloads the glue once (the threads get it from the HTTP cache), where a
 *   bundled copy of the factory would be a second download of the same code.
 *
 * The glue file is the package's, minified by esbuild (its top-level name kept: the threads call
 * it by that name) with that one line added, written to `node_modules/.cache`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transformSync } from 'esbuild';
import type { Plugin } from 'vite';

/** The module of @tensorflow/tfjs-backend-wasm that starts the threaded build. */
const BACKEND_MODULE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
/** The statement that hands each thread the factory's source text as a Blob. */
const BLOB_STATEMENT =
  /factoryConfig\.mainScriptUrlOrBlob\s*=\s*new Blob\(\[\s*`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)\s*\],\s*\{[^}]*\}\);/;

/** True for the module of @tensorflow/tfjs-backend-wasm that starts the threaded build. */
export function isWasmBackendModule(file: string): boolean {
  return BACKEND_MODULE.test(file);
}

/**
 * Rewrites the source of backend_wasm.js so that threads load the threaded glue from
 * `glueUrlExpression` (a JavaScript expression, resolved against the loading script's address).
 * Throws when the statement is not found (a new TF.js version): threads would silently break.
 */
export function rewriteThreadedGlue(code: string, glueUrlExpression: string, file: string): string {
  if (!BLOB_STATEMENT.test(code)) {
    throw new Error(
      `${file}: the threaded-build statement that src/lib/wasm-threads.ts rewrites is not there; check it against this TF.js version.`,
    );
  }
  // Absolute: the threads are blob: workers, against whose URL a path cannot be resolved.
  return code.replace(
    BLOB_STATEMENT,
    `factoryConfig.mainScriptUrlOrBlob = new URL(${glueUrlExpression}, self.location.href).href;`,
  );
}

/** The package's static imports of the two factories, and how it unwraps them. */
const FACTORY_IMPORTS =
  /import \* as wasmFactoryThreadedSimd_import from '\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js';\n([\s\S]*?)import \* as wasmFactory_import from '\.\.\/wasm-out\/tfjs-backend-wasm\.js';\n([\s\S]*?)const wasmFactoryThreadedSimd = \(wasmFactoryThreadedSimd_import\.default \|\|\s*wasmFactoryThreadedSimd_import\);\nconst wasmFactory = \(wasmFactory_import\.default \|\| wasmFactory_import\);/;
/** The end of `init()`'s feature tests, after which it calls one factory. */
const FEATURES_READ =
  /(const \[simdSupported, threadsSupported\] = await Promise\.all\(\[[^\]]*\]\);\n)(\s*return new Promise\()/;

/** The name under which the threaded glue defines its factory, and puts it on `globalThis`. */
export const THREADED_FACTORY = 'WasmBackendModuleThreadedSimd';

/**
 * Rewrites the source of backend_wasm.js so that `init()` loads only the factory it calls (the
 * threaded one under the same condition as the package's): the one-thread factory by a dynamic
 * import of its module, the threaded one by importing the glue file at `glueUrlExpression` (see
 * {@link threadedGlueFile}). Throws when the code is not as expected (a new TF.js version).
 */
export function importFactoriesOnDemand(code: string, file: string, glueUrlExpression: string): string {
  if (!FACTORY_IMPORTS.test(code) || !FEATURES_READ.test(code)) {
    throw new Error(
      `${file}: the factory imports that src/lib/wasm-threads.ts makes lazy are not as expected; check them against this TF.js version.`,
    );
  }
  return code
    .replace(
      FACTORY_IMPORTS,
      '$1$2let wasmFactoryThreadedSimd;\nlet wasmFactory;\nconst unwrapFactory = (m) => m.default || m;',
    )
    .replace(
      FEATURES_READ,
      `$1    if (threadsSupported && simdSupported && wasmPath == null) {
        if (wasmFactoryThreadedSimd === undefined) {
            await import(/* @vite-ignore */ new URL(${glueUrlExpression}, self.location.href).href);
            wasmFactoryThreadedSimd = globalThis.${THREADED_FACTORY};
            if (typeof wasmFactoryThreadedSimd !== 'function') {
                throw new Error('The threaded WebAssembly glue loaded but defined no ${THREADED_FACTORY}.');
            }
        }
    } else {
        wasmFactory ??= unwrapFactory(await import('../wasm-out/tfjs-backend-wasm.js'));
    }
$2`,
    );
}

/** The threaded glue as the package ships it, next to backend_wasm.js. */
export function threadedGluePath(backendModule: string): string {
  return join(dirname(backendModule), '..', 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js').replaceAll('\\', '/');
}

/**
 * The glue file the site serves: the package's glue minified, its top-level factory name kept, and
 * one statement added that puts the factory on `globalThis`, so that the same file works as the
 * threads' classic script and as a module that `init()` imports. Throws when the glue does not
 * define the factory at its top level (a new TF.js version).
 */
export function threadedGlueFile(glue: string): string {
  if (!new RegExp(`^\\s*var ${THREADED_FACTORY} = `).test(glue)) {
    throw new Error(
      `The threaded WASM glue no longer starts with "var ${THREADED_FACTORY} ="; check src/lib/wasm-threads.ts.`,
    );
  }
  const { code } = transformSync(glue, { loader: 'js', minify: true, legalComments: 'none' });
  if (!code.startsWith(`var ${THREADED_FACTORY}=`)) {
    throw new Error(`Minifying the threaded WASM glue renamed ${THREADED_FACTORY}, which the threads call by name.`);
  }
  return `${code}globalThis.${THREADED_FACTORY}=${THREADED_FACTORY};\n`;
}

/** Writes the glue file the site serves under `cacheDir` and returns its path. */
function writeThreadedGlue(backendModule: string, cacheDir: string): string {
  const out = join(cacheDir, 'tfjs-backend-wasm-threaded-simd.js').replaceAll('\\', '/');
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(out, threadedGlueFile(readFileSync(threadedGluePath(backendModule), 'utf8')));
  return out;
}

/** The Vite plugin: the glue file becomes an asset of the site, imported with `?url`. */
export function wasmThreadsGlue(): Plugin {
  let cacheDir = join(process.cwd(), 'node_modules', '.cache', 'wasm-threads');
  return {
    name: 'tfjs-wasm-threads-glue',
    enforce: 'pre',
    configResolved(config) {
      cacheDir = join(config.root, 'node_modules', '.cache', 'wasm-threads');
    },
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!isWasmBackendModule(file)) return null;
      const glue = `${writeThreadedGlue(file, cacheDir)}?url`;
      const rewritten = importFactoriesOnDemand(
        rewriteThreadedGlue(code, 'threadedGlueUrl', file),
        file,
        'threadedGlueUrl',
      );
      return { code: `import threadedGlueUrl from ${JSON.stringify(glue)};\n${rewritten}`, map: null };
    },
  };
}

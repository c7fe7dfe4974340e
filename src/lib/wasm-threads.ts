/**
 * A Vite plugin that lets TF.js's multi-threaded WASM backend start from a bundle.
 *
 * Each pthread worker of the threaded build loads the backend's Emscripten glue with
 * `importScripts(mainScriptUrlOrBlob)`, and @tensorflow/tfjs-backend-wasm 4.22 sets that to a Blob
 * of `wasmFactoryThreadedSimd.toString()`: the factory's source text, cut out of its module. Once
 * bundled and minified, that text refers to names of the module around it, and every thread dies
 * with "e is not defined". This plugin rewrites that one line to load the glue as the package ships
 * it, a file of the site's own (emitted with `?url`), so each thread runs exactly the code the
 * package tested. The threads themselves still start from TF.js's `blob:` worker script, which the
 * content security policy allows (src/lib/csp/policy.ts).
 *
 * It also makes the two factories (the glue of the threaded build and of the one-thread builds)
 * load on demand, each in a chunk of its own: the package imports both, and a backend runs one.
 */
import { dirname, join } from 'node:path';
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

/**
 * Rewrites the source of backend_wasm.js so that `init()` imports only the factory it calls (the
 * threaded one under the same condition as the package's). Throws when the code is not as
 * expected (a new TF.js version).
 */
export function importFactoriesOnDemand(code: string, file: string): string {
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
        wasmFactoryThreadedSimd ??= unwrapFactory(await import('../wasm-out/tfjs-backend-wasm-threaded-simd.js'));
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

/** The Vite plugin: the glue becomes an asset of the site, imported with `?url`. */
export function wasmThreadsGlue(): Plugin {
  return {
    name: 'tfjs-wasm-threads-glue',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!isWasmBackendModule(file)) return null;
      const glue = `${threadedGluePath(file)}?url`;
      const rewritten = importFactoriesOnDemand(rewriteThreadedGlue(code, 'threadedGlueUrl', file), file);
      return { code: `import threadedGlueUrl from ${JSON.stringify(glue)};\n${rewritten}`, map: null };
    },
  };
}

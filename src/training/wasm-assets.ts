/**
 * The WASM backend's binaries, served by the site itself (Vite copies them into the build and
 * gives their URLs), never from a CDN. Browser-only: imported by ./browser-host.ts.
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** File-name map for `setWasmPaths`. */
export const WASM_PATHS: Readonly<Record<string, string>> = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};

/**
 * Starts TF.js for the block playground's experiments through the engine's one backend choice
 * (../training/backend.ts), once per page: every island awaits the same promise. Browser-only
 * (it needs the WASM asset URLs); import it dynamically, on the reader's Start.
 */
import { browserProbe, chooseBackend, parseBackendParam, type BackendReport } from '../training/backend.ts';
import { tfActivator } from '../training/backend.ts';
import * as tf from '../training/tf.ts';
import { WASM_PATHS } from '../training/wasm-assets.ts';

/** TF.js with gradients, and the report of the backend it runs on. */
export interface Engine {
  readonly tf: typeof tf;
  readonly report: BackendReport;
}

let started: Promise<Engine> | null = null;

/** Chooses and activates the backend on first call; later calls share the result. */
export function startEngine(): Promise<Engine> {
  started ??= chooseBackend(
    parseBackendParam(globalThis.location?.search ?? ''),
    browserProbe(),
    tfActivator(tf, WASM_PATHS),
  )
    .then((report) => ({ tf, report }))
    .catch((error: unknown) => {
      started = null;
      throw error;
    });
  return started;
}

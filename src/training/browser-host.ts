/**
 * Wires the engine's sessions to the browser: the real backend probe, the site's data files, the
 * model zoo and the WASM binaries. Used by the one worker entry and its main-thread fallback
 * (src/demos/services.ts). Reads no globals at import time.
 */
import { getSpec } from '../models/index.ts';
import { buildModel } from '../models/tfjs-builder.ts';
import { browserProbe, chooseBackend, tfActivator } from './backend.ts';
import { loadDataset } from './dataset.ts';
import type { JobHost } from './job-session.ts';
import type { FaultInjection, Request, SessionEvent } from './protocol.ts';
import { LENET_MNIST } from './presets.ts';
import { TrainingSession, yieldToEventLoop } from './session.ts';
import * as tf from './tf.ts';
import { WASM_PATHS } from './wasm-assets.ts';

/** Wraps fetch so that a test can damage one file (see `FaultInjection`). */
function faultyFetch(faults: FaultInjection | undefined): typeof fetch {
  const target = faults?.dataFile;
  if (!target) return globalThis.fetch.bind(globalThis);
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (!url.endsWith(`/${target.path}`)) return fetch(input, init);
    if (target.fault === 'missing') return new Response('not found', { status: 404 });
    const bytes = new Uint8Array(await (await fetch(input, init)).arrayBuffer());
    if (target.fault === 'truncated') return new Response(bytes.slice(0, Math.floor(bytes.length / 2)));
    const copy = bytes.slice();
    copy[0] = (copy[0] ?? 0) ^ 0xff;
    return new Response(copy);
  };
}

/** Chooses the backend in this browser (worker or page). */
const chooseBrowserBackend: JobHost<unknown, unknown, unknown>['chooseBackend'] = (request) =>
  chooseBackend(request, browserProbe(), tfActivator(tf, WASM_PATHS));

/** The browser's part of a job session's host: everything but its jobs and where events go. */
export const BROWSER_JOB_HOST = {
  tf,
  chooseBackend: chooseBrowserBackend,
  loadDataset: (dataUrl: string, datasetId: string, size?: number) =>
    loadDataset({
      baseUrl: dataUrl,
      datasetId,
      fetch: globalThis.fetch.bind(globalThis),
      ...(size === undefined ? {} : { size }),
    }),
  yieldNow: yieldToEventLoop,
} as const;

/** A session for the browser that posts its events to `post`. */
export function createBrowserSession(post: (event: SessionEvent) => void): TrainingSession {
  return new TrainingSession({
    tf,
    chooseBackend: chooseBrowserBackend,
    loadDataset: (request: Extract<Request, { type: 'init' }>, onProgress) =>
      loadDataset({
        baseUrl: request.dataUrl,
        datasetId: request.datasetId,
        fetch: faultyFetch(request.faults),
        onProgress: (p) => onProgress(p.loadedBytes, p.totalBytes),
      }),
    createModel: (modelId, seed) => buildModel(getSpec(modelId), { seed, logits: true }).model,
    defaults: LENET_MNIST.config,
    clock: () => performance.now(),
    yieldNow: yieldToEventLoop,
    post,
  });
}

/**
 * The one place that chooses a TF.js backend and the only caller of `tf.setBackend`.
 *
 * Order: WebGPU on a hardware adapter, WebGL2 with float textures on a hardware renderer, WASM,
 * then the plain-JavaScript CPU backend. A software GPU (SwiftShader, llvmpipe...) counts as no
 * GPU: it trains 10-80x slower than WASM. `?backend=` forces one; the report says which backend
 * runs and, on a fallback, why.
 */
import type * as Tf from './tf.ts';
import { messageOf } from './errors.ts';
import { registerWasmTrainingKernels } from './wasm-kernels.ts';

/** Backend names, best first. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** A TF.js backend the engine can run on. */
export type BackendName = (typeof BACKENDS)[number];

/** Names shown to readers. */
export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** Type guard for backend names. */
export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

/** What the reader asked for in the URL. */
export interface BackendRequest {
  /** The forced backend, or null for the automatic choice. */
  readonly requested: BackendName | null;
  /** A notice for an unknown value, which is ignored. */
  readonly notice: string | null;
}

/** Reads `?backend=` from a query string such as `location.search`. */
export function parseBackendParam(search: string): BackendRequest {
  const raw = new URLSearchParams(search).get('backend');
  if (raw === null || raw.trim() === '') return { requested: null, notice: null };
  const value = raw.trim().toLowerCase();
  if (isBackendName(value)) return { requested: value, notice: null };
  return {
    requested: null,
    notice: `Unknown backend "${raw}" in the address ignored; use webgpu, webgl, wasm or cpu. Choosing automatically.`,
  };
}

/** What a WebGPU probe found. */
export type WebGpuFacts =
  | { readonly status: 'no-api' }
  | { readonly status: 'no-adapter' }
  | { readonly status: 'adapter'; readonly software: boolean; readonly description: string };

/** What a WebGL probe found. */
export type WebGlFacts =
  | { readonly status: 'no-webgl2' }
  | { readonly status: 'no-float' }
  | { readonly status: 'ok'; readonly software: boolean; readonly renderer: string };

/** Facts about the environment: `browserProbe()` in the browser, fakes in tests. */
export interface EnvironmentProbe {
  webgpu(): Promise<WebGpuFacts>;
  webgl(): WebGlFacts;
  wasm(): boolean;
}

/**
 * Makes a backend current; throws with a reason if it cannot. It may resolve to a description of
 * how the backend runs (the WASM backend's threads), which the report gives as its device.
 */
export type BackendActivator = (name: BackendName) => Promise<string | undefined>;

/** The outcome of {@link chooseBackend}. */
export interface BackendReport {
  readonly backend: BackendName;
  readonly label: string;
  /** True when the reader's `?backend=` choice is the one running. */
  readonly forced: boolean;
  /** Why better backends were not used (null when the best one runs). */
  readonly reason: string | null;
  /** A notice about the request itself (unknown `?backend=` value). */
  readonly notice: string | null;
  /** The adapter or renderer in use, when known (e.g. "SwiftShader"). */
  readonly device: string | null;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|lavapipe/i;

/** True when an adapter or renderer description names a software implementation. */
export function isSoftwareDescription(text: string): boolean {
  return SOFTWARE.test(text);
}

interface Attempt {
  readonly ok: boolean;
  readonly why: string;
  readonly device: string | null;
}

async function attempt(
  name: BackendName,
  probe: EnvironmentProbe,
  activate: BackendActivator,
  forced: boolean,
): Promise<Attempt> {
  let device: string | null = null;
  if (name === 'webgpu') {
    const facts = await probe.webgpu();
    if (facts.status === 'no-api') return { ok: false, why: 'this browser has no WebGPU', device };
    if (facts.status === 'no-adapter') return { ok: false, why: 'no GPU adapter', device };
    device = facts.description || null;
    if (facts.software && !forced) {
      return { ok: false, why: `the WebGPU adapter is software (${facts.description}), slower than WASM`, device };
    }
  } else if (name === 'webgl') {
    const facts = probe.webgl();
    if (facts.status === 'no-webgl2') return { ok: false, why: 'no WebGL2', device };
    if (facts.status === 'no-float') return { ok: false, why: 'WebGL2 without float textures', device };
    device = facts.renderer || null;
    if (facts.software && !forced) {
      return { ok: false, why: `the WebGL renderer is software (${facts.renderer})`, device };
    }
  } else if (name === 'wasm' && !probe.wasm()) {
    return { ok: false, why: 'no WebAssembly', device };
  }
  try {
    const detail = await activate(name);
    return { ok: true, why: '', device: detail ?? device };
  } catch (error) {
    return { ok: false, why: `${BACKEND_LABELS[name]} failed to start (${messageOf(error)})`, device };
  }
}

/**
 * Chooses and activates a backend. A forced backend is tried first, even on a software GPU; if it
 * fails, the automatic order follows and the report explains both.
 */
export async function chooseBackend(
  request: BackendRequest,
  probe: EnvironmentProbe,
  activate: BackendActivator,
): Promise<BackendReport> {
  const reasons: string[] = [];
  if (request.requested) {
    const result = await attempt(request.requested, probe, activate, true);
    if (result.ok) {
      return {
        backend: request.requested,
        label: BACKEND_LABELS[request.requested],
        forced: true,
        reason: null,
        notice: request.notice,
        device: result.device,
      };
    }
    reasons.push(`${BACKEND_LABELS[request.requested]} was requested but ${result.why}`);
  }
  for (const name of BACKENDS) {
    if (name === request.requested) continue;
    const result = await attempt(name, probe, activate, false);
    if (result.ok) {
      return {
        backend: name,
        label: BACKEND_LABELS[name],
        forced: false,
        reason: reasons.length > 0 ? reasons.join('; ') : null,
        notice: request.notice,
        device: result.device,
      };
    }
    reasons.push(result.why);
  }
  throw new Error(`No TF.js backend could start: ${reasons.join('; ')}`);
}

/** Reads adapter details across the older (`requestAdapterInfo`) and newer (`info`) APIs. */
interface AdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: Record<string, unknown>;
  requestAdapterInfo?: () => Promise<Record<string, unknown>>;
}

interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<AdapterLike | null>;
}

/** The real probe, for a window or a worker. Reads globals only when called. */
export function browserProbe(): EnvironmentProbe {
  return {
    async webgpu() {
      const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
      if (!gpu) return { status: 'no-api' };
      let adapter: AdapterLike | null = null;
      try {
        adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      } catch {
        adapter = null;
      }
      if (!adapter) return { status: 'no-adapter' };
      const info = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined)) ?? {};
      const parts = ['description', 'vendor', 'architecture', 'device']
        .map((key) => info[key])
        .filter((value): value is string => typeof value === 'string' && value !== '');
      const description = parts.join(' ') || 'unknown adapter';
      const fallback = adapter.isFallbackAdapter === true || info['isFallbackAdapter'] === true;
      return { status: 'adapter', software: fallback || isSoftwareDescription(description), description };
    },
    webgl() {
      let gl: WebGL2RenderingContext | null = null;
      try {
        const canvas =
          typeof OffscreenCanvas !== 'undefined'
            ? new OffscreenCanvas(1, 1)
            : typeof document !== 'undefined'
              ? document.createElement('canvas')
              : null;
        gl = canvas?.getContext('webgl2') ?? null;
      } catch {
        gl = null;
      }
      if (!gl) return { status: 'no-webgl2' };
      const hasFloat = gl.getExtension('EXT_color_buffer_float') !== null;
      const debug = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      if (!hasFloat) return { status: 'no-float' };
      return { status: 'ok', software: isSoftwareDescription(renderer), renderer };
    },
    wasm() {
      return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
    },
  };
}

/** Where the WASM backend finds its .wasm files: a folder prefix or a file-name map. */
export type WasmPaths = string | Readonly<Record<string, string>>;

/** How the WASM backend runs, for the report: its thread count and, with one thread, why. */
export function describeWasmThreads(threads: number, isolated: boolean): string {
  if (threads > 1) return `WebAssembly, ${threads} threads`;
  return isolated
    ? 'WebAssembly, one thread (TF.js runs one per two logical cores)'
    : 'WebAssembly, one thread (page not cross-origin isolated)';
}

/**
 * Loads the WASM backend. On a cross-origin isolated page TF.js picks its threaded build (one
 * thread per two logical cores, at most four: its own rule, which assumes two hardware threads per
 * core, so a two-core machine still gets one), whose
 * pthread workers start from `blob:` URLs (the site's CSP allows them in worker-src, see
 * src/lib/csp/policy.ts). Should that build fail to start anyway (a browser or a policy that
 * refuses those workers, an offline visit with only the one-thread binary cached), the backend is
 * started again on one thread rather than given up for the CPU backend.
 */
async function activateWasm(tf: typeof Tf, wasmPaths: WasmPaths): Promise<string> {
  const wasm = await import('./backends/wasm.ts');
  wasm.setWasmPaths(wasmPaths);
  registerWasmTrainingKernels(tf);
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  // TF.js's own test (SharedArrayBuffer can be posted) already answers no off an isolated page; an
  // explicit `false` keeps a page that merely has SharedArrayBuffer (an old browser) on one thread.
  if (!isolated) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) {
    if (!(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')))
      throw new Error("tf.setBackend('wasm') returned false");
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') returned false, threaded or not");
  }
  await tf.ready();
  return describeWasmThreads(wasm.getThreadsCount(), isolated);
}

/**
 * Returns an activator that loads a backend on demand (./backends/, each in a chunk of its own with
 * only the kernels the demos run, so a reader downloads only the backend that runs), registers
 * what it lacks and calls
 * `tf.setBackend`. The WASM backend gets the Conv2DBackpropFilter kernel that version 4.22 lacks,
 * and says how many threads it runs.
 */
export function tfActivator(tf: typeof Tf, wasmPaths: WasmPaths): BackendActivator {
  return async (name) => {
    if (name === 'wasm') return activateWasm(tf, wasmPaths);
    if (name === 'webgpu') await import('./backends/webgpu.ts');
    else if (name === 'webgl') await import('./backends/webgl.ts');
    else await import('./backends/cpu.ts');
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tf.setBackend('${name}') returned false`);
    await tf.ready();
    return undefined;
  };
}

import { describe, expect, it } from 'vitest';
import {
  chooseBackend,
  isSoftwareDescription,
  parseBackendParam,
  type BackendName,
  type EnvironmentProbe,
  type WebGlFacts,
  type WebGpuFacts,
} from '../../../src/training/backend.ts';

function probe(webgpu: WebGpuFacts, webgl: WebGlFacts, wasm = true): EnvironmentProbe {
  return { webgpu: () => Promise.resolve(webgpu), webgl: () => webgl, wasm: () => wasm };
}

/**
 * An activator that records calls, fails for the names in `broken` and says how a backend runs
 * where `details` has a line for it.
 */
function activator(broken: BackendName[] = [], details: Partial<Record<BackendName, string>> = {}) {
  const calls: BackendName[] = [];
  const activate = (name: BackendName) => {
    calls.push(name);
    return broken.includes(name) ? Promise.reject(new Error(`${name} exploded`)) : Promise.resolve(details[name]);
  };
  return { calls, activate };
}

const hardwareGpu: WebGpuFacts = { status: 'adapter', software: false, description: 'nvidia ampere' };
const swiftshaderGpu: WebGpuFacts = { status: 'adapter', software: true, description: 'Google SwiftShader' };
const hardwareGl: WebGlFacts = { status: 'ok', software: false, renderer: 'ANGLE (NVIDIA)' };
const swiftshaderGl: WebGlFacts = {
  status: 'ok',
  software: true,
  renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))',
};

describe('parseBackendParam', () => {
  it('reads a known backend, case-insensitively', () => {
    expect(parseBackendParam('?backend=WebGPU')).toEqual({ requested: 'webgpu', notice: null });
    expect(parseBackendParam('?x=1&backend=wasm')).toEqual({ requested: 'wasm', notice: null });
  });
  it('ignores a missing or empty value', () => {
    expect(parseBackendParam('')).toEqual({ requested: null, notice: null });
    expect(parseBackendParam('?backend=')).toEqual({ requested: null, notice: null });
  });
  it('ignores an unknown value with a notice', () => {
    const result = parseBackendParam('?backend=cuda');
    expect(result.requested).toBeNull();
    expect(result.notice).toBe(
      'Unknown backend "cuda" in the address ignored; use webgpu, webgl, wasm or cpu. Choosing automatically.',
    );
  });
});

describe('isSoftwareDescription', () => {
  it.each(['Google SwiftShader', 'llvmpipe (LLVM 15.0.7, 256 bits)', 'Microsoft Basic Render Driver'])(
    '%s is software',
    (d) => {
      expect(isSoftwareDescription(d)).toBe(true);
    },
  );
  it.each(['ANGLE (NVIDIA GeForce RTX 3080)', 'apple m2', 'intel gen-12lp'])('%s is hardware', (d) => {
    expect(isSoftwareDescription(d)).toBe(false);
  });
});

describe('chooseBackend', () => {
  it('picks WebGPU on a hardware adapter', async () => {
    const { calls, activate } = activator();
    const report = await chooseBackend({ requested: null, notice: null }, probe(hardwareGpu, hardwareGl), activate);
    expect(report).toMatchObject({ backend: 'webgpu', forced: false, reason: null, device: 'nvidia ampere' });
    expect(calls).toEqual(['webgpu']);
  });

  it('treats software WebGPU and WebGL (SwiftShader) as no GPU and picks WASM, saying why', async () => {
    const { calls, activate } = activator();
    const report = await chooseBackend(
      { requested: null, notice: null },
      probe(swiftshaderGpu, swiftshaderGl),
      activate,
    );
    expect(report.backend).toBe('wasm');
    expect(report.reason).toBe(
      'the WebGPU adapter is software (Google SwiftShader), slower than WASM; the WebGL renderer is software (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device)))',
    );
    expect(calls).toEqual(['wasm']);
  });

  it("reports how the backend runs (the WASM backend's threads) as its device", async () => {
    const { activate } = activator([], { wasm: 'WebAssembly, 4 threads' });
    const report = await chooseBackend(
      { requested: null, notice: null },
      probe(swiftshaderGpu, swiftshaderGl),
      activate,
    );
    expect(report).toMatchObject({ backend: 'wasm', device: 'WebAssembly, 4 threads' });
  });

  it('explains a browser without WebGPU and uses hardware WebGL', async () => {
    const { activate } = activator();
    const report = await chooseBackend(
      { requested: null, notice: null },
      probe({ status: 'no-api' }, hardwareGl),
      activate,
    );
    expect(report).toMatchObject({ backend: 'webgl', reason: 'this browser has no WebGPU' });
  });

  it('explains a missing adapter, WebGL without float textures, and falls to CPU without WASM', async () => {
    const { activate } = activator();
    const report = await chooseBackend(
      { requested: null, notice: null },
      probe({ status: 'no-adapter' }, { status: 'no-float' }, false),
      activate,
    );
    expect(report).toMatchObject({
      backend: 'cpu',
      reason: 'no GPU adapter; WebGL2 without float textures; no WebAssembly',
    });
  });

  it('falls back when setBackend fails, with the error in the reason', async () => {
    const { calls, activate } = activator(['webgpu']);
    const report = await chooseBackend({ requested: null, notice: null }, probe(hardwareGpu, hardwareGl), activate);
    expect(report).toMatchObject({ backend: 'webgl', reason: 'WebGPU failed to start (webgpu exploded)' });
    expect(calls).toEqual(['webgpu', 'webgl']);
  });

  it('honours ?backend=webgpu even on a software adapter', async () => {
    const { activate } = activator();
    const report = await chooseBackend(
      { requested: 'webgpu', notice: null },
      probe(swiftshaderGpu, swiftshaderGl),
      activate,
    );
    expect(report).toMatchObject({ backend: 'webgpu', forced: true, reason: null, device: 'Google SwiftShader' });
  });

  it('reports a forced backend that cannot run and continues automatically', async () => {
    const { activate } = activator();
    const report = await chooseBackend(
      { requested: 'webgpu', notice: null },
      probe({ status: 'no-api' }, swiftshaderGl),
      activate,
    );
    expect(report).toMatchObject({ backend: 'wasm', forced: false });
    expect(report.reason).toBe(
      'WebGPU was requested but this browser has no WebGPU; the WebGL renderer is software (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device)))',
    );
  });

  it('passes the notice of an unknown request through', async () => {
    const { activate } = activator();
    const request = parseBackendParam('?backend=tpu');
    const report = await chooseBackend(request, probe({ status: 'no-api' }, { status: 'no-webgl2' }), activate);
    expect(report.notice).toContain('Unknown backend "tpu"');
    expect(report.backend).toBe('wasm');
  });

  it('throws when nothing can start', async () => {
    const { activate } = activator(['cpu']);
    await expect(
      chooseBackend(
        { requested: null, notice: null },
        probe({ status: 'no-api' }, { status: 'no-webgl2' }, false),
        activate,
      ),
    ).rejects.toThrow(
      'No TF.js backend could start: this browser has no WebGPU; no WebGL2; no WebAssembly; CPU failed to start (cpu exploded)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { backendDiagnostic, backendSentence, roughDuration } from '../../../components/demo/backend-text.ts';
import { chartReadout, ChartSeries, cursorTarget } from '../../../components/demo/chart-data.ts';
import { identityResult, labResult, lenetResult, lesionResult } from '../../../components/demo/result-text.ts';
import type { BackendReport } from '../../../src/training/backend.ts';
import { datasetName } from '../../../src/training/dataset.ts';

const wasm: BackendReport = {
  backend: 'wasm',
  label: 'WASM',
  forced: false,
  reason: 'the WebGPU adapter is software (google swiftshader)',
  notice: null,
  device: null,
};

describe('backend status in plain words', () => {
  it('says processor or graphics card, why, and roughly how long', () => {
    expect(backendSentence(wasm, 65_000)).toBe('Training on your processor (no usable GPU found) — about 1 min');
    expect(backendSentence({ ...wasm, backend: 'webgpu', label: 'WebGPU', reason: null })).toBe(
      'Training on your graphics card',
    );
    expect(backendSentence({ ...wasm, forced: true })).toBe('Training on your processor (as the address asks)');
    expect(backendSentence(null)).toMatch(/browser/);
  });

  it('keeps the raw diagnostic for the "Why?" disclosure', () => {
    expect(backendDiagnostic({ ...wasm, device: 'SwiftShader' })).toBe(
      'Backend: WASM on SwiftShader. Not a GPU backend because the WebGPU adapter is software (google swiftshader).',
    );
    expect(backendDiagnostic({ ...wasm, forced: true, reason: null })).toBe('Backend: WASM (forced).');
  });

  it('rounds durations the way a reader says them', () => {
    expect([5_000, 38_000, 50_000, 130_000].map(roughDuration)).toEqual([
      'a few seconds',
      'about 40 s',
      'about 1 min',
      'about 2 min',
    ]);
    expect(roughDuration(Number.NaN)).toBe('');
  });
});

describe('the sentence after a run reads its own numbers', () => {
  it('identity: names the winner and the ratio', () => {
    expect(identityResult(0.016, 0.0004, 200)).toBe(
      "After 200 steps the residual stack's error is 40× lower than the plain stack's (0.00040 against 0.016): its shortcuts carry the input through.",
    );
    expect(identityResult(0.01, 0.0105, 50)).toMatch(/about equally well/);
    expect(identityResult(0.001, 0.01, 50)).toMatch(/plain stack's error is 10× lower/);
    expect(identityResult(Number.NaN, 1, 5)).toBe('');
  });

  it('lesion: the worst single deletion of each net, in points', () => {
    const text = lesionResult({ intact: 0.9, deleted: [0.12, 0.3] }, { intact: 0.92, deleted: [0.8, 0.9] });
    expect(text).toContain('residual net at most 12.0 points of test accuracy (from 92.0 %)');
    expect(text).toContain('plain net up to 78.0 points (from 90.0 %)');
    expect(text).toMatch(/residual net shrugs off/);
  });

  it('LeNet: loss before and after, and test accuracy', () => {
    expect(lenetResult({ firstLoss: 2.304, lastLoss: 0.123, testAccuracy: 0.978, steps: 500, elapsed: '0:31' })).toBe(
      'In 500 steps (0:31) the training loss fell from 2.30 to 0.12, and it now labels 97.8 % of test digits it never saw correctly.',
    );
  });

  it('depth lab: the deepest against the shallowest net of each family, in training error', () => {
    const run = (family: 'plain' | 'resnet', depth: number, trainError: number) => ({
      family,
      depth,
      curve: [
        { step: 0, trainError: 0.9 },
        { step: 400, trainError },
      ],
    });
    const degraded = [run('plain', 8, 0.2), run('plain', 20, 0.24), run('plain', 32, 0.3), run('resnet', 8, 0.19)];
    expect(labResult([...degraded, run('resnet', 32, 0.15)])).toBe(
      'After 400 steps plain-32 is at 30.0 % training error against 20.0 % for plain-8, and ResNet-32 at 15.0 % against 19.0 % for ResNet-8: depth cost the plain nets more than the residual ones.',
    );
    expect(labResult([...degraded, run('resnet', 32, 0.4)])).toMatch(/depth cost the residual nets more, unusually/);
    expect(labResult([run('plain', 8, 0.2), run('resnet', 8, 0.19)])).toBe(
      'After 400 steps plain-8 is at 20.0 % training error and ResNet-8 at 19.0 %; tick a second depth to see what depth does.',
    );
    // Nothing measured yet (a run stopped at once): no sentence rather than a made-up one.
    expect(labResult([{ family: 'plain', depth: 8, curve: [] }, run('resnet', 8, 0.19)])).toBe('');
  });

  it('data sets go by their proper names', () => {
    expect(datasetName('mnist')).toBe('the MNIST digits');
    expect(datasetName('fashion-mnist')).toBe('the Fashion-MNIST images');
  });
});

describe('the live chart’s cursor and readout', () => {
  it('walks the cursor by key, clamped to the points, and Escape returns to the latest', () => {
    expect(cursorTarget('ArrowLeft', 5, 10)).toBe(4);
    expect(cursorTarget('ArrowRight', 9, 10)).toBe(9);
    expect(cursorTarget('PageDown', 5, 10)).toBe(0);
    expect(cursorTarget('PageUp', 5, 10)).toBe(9);
    expect(cursorTarget('Home', 5, 10)).toBe(0);
    expect(cursorTarget('End', 0, 10)).toBe(9);
    expect(cursorTarget('Escape', 5, 10)).toBe('latest');
    expect(cursorTarget('a', 5, 10)).toBeNull();
  });

  it('reads one point of every series, a gap as a dash', () => {
    const data = new ChartSeries(2);
    data.append(0, [2.5, null]);
    data.append(10, [1.25, 0.5]);
    const format = (v: number) => v.toFixed(2);
    expect(chartReadout(data, 1, 'step', ['train', 'test'], format)).toBe('step 10: train 1.25 · test 0.50');
    expect(chartReadout(data, 0, 'step', ['train', 'test'], format)).toBe('step 0: train 2.50 · test –');
    expect(chartReadout(new ChartSeries(1), -1, 'step', ['train'], format)).toBe('No points yet.');
  });
});

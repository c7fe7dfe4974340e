/**
 * What a reader's loss-surface computation is (src/lab/surface-session.ts runs it): its settings,
 * the menus they come from, the defaults and the time estimate. Free of TF.js, so that the island
 * which shows the menus and the estimate loads none of it before Start.
 */
import type { SurfaceOptions } from '../training/loss-surface.ts';
import { DEFAULT, type ExperimentConfig } from './config.ts';

/** One computation: the pair's training (`config`, one depth) and the grid of their slices. */
export interface SurfaceSpec {
  /** The lab's settings; `depths` holds the one depth, `trainSubset` the images the loss is measured on. */
  readonly config: ExperimentConfig;
  readonly grid: SurfaceOptions;
}

/** Grid sizes a reader may choose (points per axis). */
export const GRID_CHOICES = [5, 7, 11, 15, 21] as const;

/** Training steps per network a reader may choose. */
export const STEP_CHOICES = [20, 100, 200, 400] as const;

/**
 * The pair the chapter's island trains by default: plain-20 and ResNet-20 of width 8 on 7×7
 * Fashion-MNIST (the lab's convolutional setting at a depth a browser trains in well under a
 * minute), 200 steps, and an 11×11 grid of the loss on 256 training images.
 */
export const SURFACE_DEFAULTS: SurfaceSpec = {
  config: {
    ...DEFAULT,
    depths: [20],
    steps: 200,
    // The lab's own evaluations and probes are not taken here; these only size its fixed tensors.
    evalEvery: 200,
    probeEvery: 200,
    probeBatch: 8,
    trainSubset: 256,
  },
  grid: { resolution: 11, range: 1, seed: 1 },
};

/** The defaults with a reader's grid size and step count; refuses values off the menus. */
export function surfaceSpec(resolution: number, steps: number, base: SurfaceSpec = SURFACE_DEFAULTS): SurfaceSpec {
  if (!(GRID_CHOICES as readonly number[]).includes(resolution))
    throw new Error(`The grid must be one of ${GRID_CHOICES.join(', ')} points a side (got ${String(resolution)}).`);
  if (!(STEP_CHOICES as readonly number[]).includes(steps))
    throw new Error(`The steps must be one of ${STEP_CHOICES.join(', ')} (got ${String(steps)}).`);
  return {
    config: { ...base.config, steps, evalEvery: steps, probeEvery: steps },
    grid: { ...base.grid, resolution },
  };
}

/** Seconds per unit of work: one training step of one network, one image at one grid point. */
export interface WorkRates {
  readonly trainStep: number;
  readonly gridImage: number;
}

/**
 * Seconds per unit of work of the default pair's architecture, measured by tests/e2e/surface.spec.ts
 * (it prints them) on the WASM backend in headless Chromium, on this project's two-core test
 * machine while it was heavily loaded (load average about 16): one training step of one network,
 * and one image's forward pass at one grid point. An idle machine is several times faster, so the
 * estimate errs long.
 */
export const WASM_RATES: WorkRates = { trainStep: 0.57, gridImage: 0.0007 };

/** Estimated seconds for `steps` training steps and `points` grid points of one network. */
export function workSeconds(spec: SurfaceSpec, steps: number, points: number, rates: WorkRates = WASM_RATES): number {
  return steps * rates.trainStep + points * spec.config.trainSubset * rates.gridImage;
}

/** Estimated seconds for the whole spec: every network trained, then its grid. */
export function estimateSeconds(spec: SurfaceSpec, rates: WorkRates = WASM_RATES): number {
  const perNet = workSeconds(spec, spec.config.steps, spec.grid.resolution ** 2, rates);
  return spec.config.families.length * perNet;
}

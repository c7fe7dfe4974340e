/**
 * The lab's settings in the demos' one schema (../training/settings.ts): the numeric settings it
 * shares with the engine take the engine's ranges, its own (width, steps) are added here, and the
 * choices (depths, data set, layers, input size, optimiser) are closed lists. The address codec
 * (./url-state.ts) and the settings form read only this. DOM-free.
 */
import { numberSetting, TRAINING_SETTINGS, type NumberSetting } from '../training/settings.ts';
import type { ExperimentConfig } from './config.ts';

/** Depths a reader may choose: 6n+2, which fits both the conv (three stages of n blocks) and the MLP family. */
export const DEPTH_CHOICES: readonly number[] = [8, 14, 20, 26, 32, 38, 44, 50, 56];

/** At most this many depths are trained at once (each trains as plain and as ResNet). */
export const MAX_DEPTHS = 3;

/** Input sides: the data's 28, or 2x2 / 4x4 pixel averages. */
export const INPUT_SIZES: readonly number[] = [7, 14, 28];

/** A numeric lab setting: its address parameter, its field and its rule. */
export interface LabNumber {
  readonly key: keyof ExperimentConfig & ('width' | 'learningRate' | 'momentum' | 'batchSize' | 'steps' | 'seed');
  readonly setting: NumberSetting;
}

/** Address parameter name to numeric setting, in the order the form shows them. */
export const LAB_NUMBERS: Readonly<Record<string, LabNumber>> = {
  width: { key: 'width', setting: numberSetting('Width (units or first-stage filters)', 4, 64, true) },
  lr: { key: 'learningRate', setting: TRAINING_SETTINGS.learningRate },
  momentum: { key: 'momentum', setting: TRAINING_SETTINGS.momentum },
  batch: { key: 'batchSize', setting: TRAINING_SETTINGS.batchSize },
  steps: { key: 'steps', setting: numberSetting('Steps per network', 10, 5000, true) },
  seed: { key: 'seed', setting: TRAINING_SETTINGS.seed },
};

/**
 * Why the depth checkbox for `depth` cannot change now, or null when it can: a fourth depth
 * cannot be ticked, and the last one cannot be unticked.
 */
export function depthLock(depths: readonly number[], depth: number): string | null {
  const on = depths.includes(depth);
  if (!on && depths.length >= MAX_DEPTHS)
    return `Up to ${MAX_DEPTHS} depths train at once; untick one to choose ${depth}.`;
  if (on && depths.length <= 1) return 'At least one depth must train.';
  return null;
}

/** `depths` with `depth` ticked or unticked, sorted; unchanged when {@link depthLock} forbids it. */
export function toggleDepth(depths: readonly number[], depth: number): readonly number[] {
  if (depthLock(depths, depth) !== null) return depths;
  return depths.includes(depth) ? depths.filter((d) => d !== depth) : [...depths, depth].sort((a, b) => a - b);
}

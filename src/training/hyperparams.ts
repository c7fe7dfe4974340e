/**
 * Training settings with typed ranges (from the demos' one schema, ./settings.ts). Out-of-range values are clamped and reported with a
 * message naming the field and the allowed range; nothing silently changes.
 */

import { formatSetting, TRAINING_SETTINGS, type NumberSetting } from './settings.ts';

/** The optimisers the engine offers. */
export type OptimizerName = 'sgd' | 'adam';

/** How the learning rate changes over a run: fixed, or cosine decay from its value to 0. */
export type ScheduleName = 'constant' | 'cosine';

/** Everything the loop needs to know about one run. */
export interface TrainingConfig {
  readonly optimizer: OptimizerName;
  readonly schedule: ScheduleName;
  /** Step size of the optimiser. */
  readonly learningRate: number;
  /** Momentum of SGD (ignored by Adam). */
  readonly momentum: number;
  /** Images per step. */
  readonly batchSize: number;
  /** Passes over the training set. */
  readonly epochs: number;
  /** Seeds the weight initialisation and the shuffling. */
  readonly seed: number;
  /** Test accuracy is measured every this many steps (and at the end). */
  readonly evalEvery: number;
  /** Metrics are read back from the device every this many steps. */
  readonly metricsEvery: number;
}

/** A numeric setting's allowed range (./settings.ts, the demos' one schema). */
export type Range = NumberSetting;

/** The numeric fields of {@link TrainingConfig}. */
export type NumericField = Exclude<keyof TrainingConfig, 'optimizer' | 'schedule'>;

/** Allowed ranges of every numeric setting. */
export const RANGES: Readonly<Record<NumericField, Range>> = TRAINING_SETTINGS;

/** One problem found while validating settings. */
export interface ConfigIssue {
  readonly field: keyof TrainingConfig;
  readonly message: string;
}

/** The learning rate at `step` of `totalSteps` under `config.schedule`. */
export function learningRateAt(config: TrainingConfig, step: number, totalSteps: number): number {
  if (config.schedule === 'constant' || totalSteps <= 0) return config.learningRate;
  return 0.5 * config.learningRate * (1 + Math.cos((Math.PI * Math.min(step, totalSteps)) / totalSteps));
}

/** The outcome of {@link validateConfig}: usable settings and what was changed. */
export interface ValidatedConfig {
  readonly config: TrainingConfig;
  readonly issues: readonly ConfigIssue[];
}

const formatNumber = formatSetting;

/** Clamps one value into its range; returns the clamped value and a message if it changed. */
export function clampSetting(field: NumericField, value: number): { value: number; message: string | null } {
  const range = RANGES[field];
  const bounds = `${formatNumber(range.min)} to ${formatNumber(range.max)}`;
  if (!Number.isFinite(value)) {
    return { value: Number.NaN, message: `${range.label} must be a number from ${bounds}.` };
  }
  const rounded = range.integer ? Math.round(value) : value;
  const next = Math.min(range.max, Math.max(range.min, rounded));
  if (next === value) return { value, message: null };
  const why = next === rounded ? 'must be a whole number' : `must be from ${bounds}`;
  return {
    value: next,
    message: `${range.label} ${why}; using ${formatNumber(next)} instead of ${formatNumber(value)}.`,
  };
}

/**
 * Validates `input` against {@link RANGES}, filling gaps from `defaults`. Non-numbers fall back
 * to the default; out-of-range numbers are clamped. Every change is reported in `issues`.
 */
export function validateConfig(
  input: Partial<Record<keyof TrainingConfig, unknown>>,
  defaults: TrainingConfig,
): ValidatedConfig {
  const issues: ConfigIssue[] = [];
  const numeric = {} as Record<NumericField, number>;
  for (const field of Object.keys(RANGES) as NumericField[]) {
    const raw = input[field];
    if (raw === undefined) {
      numeric[field] = defaults[field];
      continue;
    }
    const parsed =
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    const { value, message } = clampSetting(field, parsed);
    if (Number.isNaN(value)) {
      numeric[field] = defaults[field];
      issues.push({ field, message: `${message ?? ''} Keeping ${formatNumber(defaults[field])}.`.trim() });
    } else {
      numeric[field] = value;
      if (message) issues.push({ field, message });
    }
  }
  let optimizer = defaults.optimizer;
  if (input.optimizer !== undefined) {
    if (input.optimizer === 'sgd' || input.optimizer === 'adam') optimizer = input.optimizer;
    else
      issues.push({
        field: 'optimizer',
        message: `Optimizer must be "sgd" or "adam"; keeping "${defaults.optimizer}".`,
      });
  }
  let schedule = defaults.schedule;
  if (input.schedule !== undefined) {
    if (input.schedule === 'constant' || input.schedule === 'cosine') schedule = input.schedule;
    else
      issues.push({
        field: 'schedule',
        message: `Schedule must be "constant" or "cosine"; keeping "${defaults.schedule}".`,
      });
  }
  return { config: { optimizer, schedule, ...numeric }, issues };
}

/**
 * The one settings schema of the demos: every numeric setting a reader can type or put in the
 * address, with its range, built on zod (its tree-shakable `zod/mini` build, so an island pays a few
 * KB for it). The engine's validation (./hyperparams.ts), the lab's address codec and the input
 * fields of every demo read their ranges and messages from here, so they cannot disagree.
 */
import * as z from 'zod/mini';

/** One numeric setting: its label, range and the zod schema that checks it. */
export interface NumberSetting {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** Accepts a number in range (and whole, if `integer`); its issues carry {@link rangeMessage}. */
  readonly schema: z.ZodMiniNumber;
}

/** "1e-5" for small numbers, "0.5" otherwise. */
export function formatSetting(value: number): string {
  return Math.abs(value) > 0 && Math.abs(value) < 1e-3 ? value.toExponential() : String(value);
}

/** "Learning rate must be a number from 1e-5 to 1." */
export function rangeMessage(setting: Pick<NumberSetting, 'label' | 'min' | 'max' | 'integer'>): string {
  const kind = setting.integer ? 'a whole number' : 'a number';
  return `${setting.label} must be ${kind} from ${formatSetting(setting.min)} to ${formatSetting(setting.max)}.`;
}

/** A numeric setting from `min` to `max`. */
export function numberSetting(label: string, min: number, max: number, integer: boolean): NumberSetting {
  const error = rangeMessage({ label, min, max, integer });
  const checks = [z.minimum(min, { error }), z.maximum(max, { error })];
  const schema = integer
    ? z.number({ error }).check(z.int({ error }), ...checks)
    : z.number({ error }).check(...checks);
  return { label, min, max, integer, schema };
}

/** Why `value` is not allowed for `setting`, or null when it is. */
export function checkNumber(setting: NumberSetting, value: unknown): string | null {
  const result = setting.schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? rangeMessage(setting));
}

/**
 * A number typed by a reader or read from an address: the value, or why it is refused. An empty
 * or non-numeric text is refused with the range, never read as 0.
 */
export function parseNumber(setting: NumberSetting, raw: string): { value: number } | { error: string } {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const error = checkNumber(setting, value);
  return error === null ? { value } : { error };
}

/** The engine's numeric training settings (./hyperparams.ts `TrainingConfig`). */
export const TRAINING_SETTINGS = {
  learningRate: numberSetting('Learning rate', 1e-5, 1, false),
  momentum: numberSetting('Momentum', 0, 0.99, false),
  batchSize: numberSetting('Batch size', 8, 512, true),
  epochs: numberSetting('Epochs', 1, 50, true),
  seed: numberSetting('Seed', 0, 2 ** 31 - 1, true),
  evalEvery: numberSetting('Evaluate every', 10, 10_000, true),
  metricsEvery: numberSetting('Read metrics every', 1, 100, true),
} as const;

/**
 * The LeNet demo's settings: optimiser, schedule and the numeric fields, with the ranges and
 * messages of the engine's validation (src/training/hyperparams.ts). A value is sent to the
 * session only once it is valid; what the reader typed stays in the field either way.
 */
import { useState } from 'preact/hooks';
import {
  RANGES,
  validateConfig,
  type ConfigIssue,
  type NumericField,
  type TrainingConfig,
} from '../../src/training/hyperparams.ts';

/** Settings the reader can change, in display order. */
const FIELDS: readonly { field: NumericField; step: string }[] = [
  { field: 'learningRate', step: 'any' },
  { field: 'batchSize', step: '1' },
  { field: 'epochs', step: '1' },
  { field: 'seed', step: '1' },
];

export interface LenetSettingsProps {
  readonly config: TrainingConfig;
  readonly disabled: boolean;
  /** What is wrong with the latest change (the field's or the session's word). */
  readonly issues: readonly ConfigIssue[];
  readonly onIssues: (issues: readonly ConfigIssue[]) => void;
  /** A valid change: the new settings, and the field as the reader wrote it (for the session). */
  readonly onChange: (config: TrainingConfig, raw: Partial<Record<keyof TrainingConfig, string>>) => void;
}

export function LenetSettings({ config, disabled, issues, onIssues, onChange }: LenetSettingsProps) {
  const [drafts, setDrafts] = useState<Partial<Record<NumericField, string>>>({});

  const changeSetting = (field: NumericField, raw: string) => {
    setDrafts({ ...drafts, [field]: raw });
    const result = validateConfig({ [field]: raw }, config);
    onIssues(result.issues);
    if (result.issues.length === 0) onChange(result.config, { [field]: raw });
  };

  const changeChoice = (field: 'optimizer' | 'schedule', value: string) =>
    onChange(validateConfig({ [field]: value }, config).config, { [field]: value });

  return (
    <fieldset class="demo-settings" disabled={disabled}>
      <legend>Settings</legend>
      <label>
        Optimizer
        <select value={config.optimizer} onChange={(e) => changeChoice('optimizer', e.currentTarget.value)}>
          <option value="adam">Adam</option>
          <option value="sgd">SGD with momentum</option>
        </select>
      </label>
      <label>
        Schedule
        <select value={config.schedule} onChange={(e) => changeChoice('schedule', e.currentTarget.value)}>
          <option value="constant">Constant</option>
          <option value="cosine">Cosine decay</option>
        </select>
      </label>
      {FIELDS.map(({ field, step }) => (
        <label key={field}>
          {RANGES[field].label}
          <input
            type="number"
            inputMode="decimal"
            min={RANGES[field].min}
            max={RANGES[field].max}
            step={step}
            value={drafts[field] ?? String(config[field])}
            onChange={(e) => changeSetting(field, e.currentTarget.value)}
          />
        </label>
      ))}
      {issues.length > 0 ? (
        <ul class="demo-issues" role="alert">
          {issues.map((issue) => (
            <li key={issue.field}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

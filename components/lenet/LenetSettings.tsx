/**
 * The LeNet demo's settings: optimiser, schedule and the numeric fields, with the ranges and
 * messages of the engine's validation (src/training/hyperparams.ts). A value is sent to the
 * session only once it is valid; what the reader typed stays in the field either way.
 */
import { useState } from 'preact/hooks';
import { NumberField, Segmented } from '../demo/controls.tsx';
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

/** Settings chosen from a few named options. */
const CHOICES: readonly {
  field: 'optimizer' | 'schedule';
  legend: string;
  options: readonly { value: string; label: string }[];
}[] = [
  {
    field: 'optimizer',
    legend: 'Optimizer',
    options: [
      { value: 'adam', label: 'Adam' },
      { value: 'sgd', label: 'SGD with momentum' },
    ],
  },
  {
    field: 'schedule',
    legend: 'Schedule',
    options: [
      { value: 'constant', label: 'Constant' },
      { value: 'cosine', label: 'Cosine decay' },
    ],
  },
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

  const issueOf = (field: keyof TrainingConfig): string | null =>
    issues.find((issue) => issue.field === field)?.message ?? null;
  const others = issues.filter((issue) => !FIELDS.some(({ field }) => field === issue.field));

  return (
    <fieldset class="demo-settings" disabled={disabled}>
      <legend>Settings</legend>
      {CHOICES.map(({ field, legend, options }) => (
        <Segmented
          key={field}
          legend={legend}
          value={config[field]}
          options={options}
          onChange={(value) => changeChoice(field, value)}
        />
      ))}
      {FIELDS.map(({ field, step }) => (
        <NumberField
          key={field}
          label={RANGES[field].label}
          min={RANGES[field].min}
          max={RANGES[field].max}
          step={step}
          value={drafts[field] ?? String(config[field])}
          error={issueOf(field)}
          onChange={(raw) => changeSetting(field, raw)}
        />
      ))}
      {others.length > 0 ? (
        <ul class="demo-issues" role="alert">
          {others.map((issue) => (
            <li key={issue.field}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

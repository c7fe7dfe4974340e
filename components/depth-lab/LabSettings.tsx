/**
 * The depth lab's settings: data set, layer kind, depths and the numeric settings, with the
 * ranges and checks of the address codec (src/lab/url-state.ts), so a value the address would
 * refuse cannot be typed either.
 */
import { ARCHITECTURES, DATASETS, type ExperimentConfig } from '../../src/lab/config.ts';
import { acceptsNumber, DEPTH_CHOICES, MAX_DEPTHS, NUMBER_PARAMS } from '../../src/lab/url-state.ts';

const LABELS = {
  width: 'Width (units or first-stage filters)',
  lr: 'Learning rate',
  momentum: 'Momentum',
  batch: 'Batch size',
  steps: 'Steps per network',
  seed: 'Seed',
} as const;

export interface LabSettingsProps {
  readonly config: ExperimentConfig;
  readonly disabled: boolean;
  readonly onChange: (next: ExperimentConfig) => void;
}

export function LabSettings({ config, disabled, onChange }: LabSettingsProps) {
  const setDepth = (depth: number, on: boolean) => {
    const depths = on ? [...config.depths, depth].sort((a, b) => a - b) : config.depths.filter((d) => d !== depth);
    if (depths.length >= 1 && depths.length <= MAX_DEPTHS) onChange({ ...config, depths });
  };

  return (
    <fieldset disabled={disabled}>
      <legend>Networks</legend>
      <label>
        Data set{' '}
        <select
          value={config.dataset}
          onChange={(e) => onChange({ ...config, dataset: e.currentTarget.value as ExperimentConfig['dataset'] })}
        >
          {DATASETS.map((d) => (
            <option key={d} value={d}>
              {d === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Layers{' '}
        <select
          value={config.architecture}
          onChange={(e) =>
            onChange({ ...config, architecture: e.currentTarget.value as ExperimentConfig['architecture'] })
          }
        >
          {ARCHITECTURES.map((a) => (
            <option key={a} value={a}>
              {a === 'mlp' ? 'fully connected' : 'convolutional'}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="depth-lab__depths">
        <legend>Depths (up to {MAX_DEPTHS})</legend>
        {DEPTH_CHOICES.map((d) => (
          <label key={d}>
            <input
              type="checkbox"
              checked={config.depths.includes(d)}
              onChange={(e) => setDepth(d, e.currentTarget.checked)}
            />{' '}
            {d}
          </label>
        ))}
      </fieldset>
      {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((name) => {
        const rule = NUMBER_PARAMS[name];
        if (!rule) return null;
        return (
          <label key={name}>
            {LABELS[name]}{' '}
            <input
              type="number"
              name={name}
              min={rule.min}
              max={rule.max}
              step={rule.integer ? 1 : 'any'}
              value={String(config[rule.key])}
              onChange={(e) => {
                const value = Number(e.currentTarget.value);
                if (acceptsNumber(rule, value)) onChange({ ...config, [rule.key]: value });
              }}
            />
          </label>
        );
      })}
    </fieldset>
  );
}

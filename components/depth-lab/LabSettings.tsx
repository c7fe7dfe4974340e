/**
 * The depth lab's settings: data set, layer kind, depths and the numeric settings, all from the
 * settings schema (src/lab/settings.ts) that the address codec reads too. Settings cannot become
 * invalid: a fourth depth cannot be ticked, and a number out of range is refused as it is typed,
 * with the reason beside the field.
 */
import { useState } from 'preact/hooks';
import { ARCHITECTURES, DATASETS, type ExperimentConfig } from '../../src/lab/config.ts';
import {
  DEPTH_CHOICES,
  depthLock,
  LAB_NUMBERS,
  MAX_DEPTHS,
  toggleDepth,
  type LabNumber,
} from '../../src/lab/settings.ts';
import { parseNumber } from '../../src/training/settings.ts';

export interface LabSettingsProps {
  readonly config: ExperimentConfig;
  readonly disabled: boolean;
  /** Called with a function of the latest settings (never built from a stale render). */
  readonly onChange: (change: (prev: ExperimentConfig) => ExperimentConfig) => void;
}

function NumberField({
  name,
  rule,
  config,
  onChange,
}: { name: string; rule: LabNumber } & Omit<LabSettingsProps, 'disabled'>) {
  const [error, setError] = useState<string | null>(null);
  // What the reader is typing; the setting itself only ever holds a valid value.
  const [draft, setDraft] = useState<string | null>(null);
  const { key, setting } = rule;
  return (
    <label class="depth-lab__field">
      {setting.label}
      <input
        type="number"
        name={name}
        min={setting.min}
        max={setting.max}
        step={setting.integer ? 1 : 'any'}
        value={draft ?? String(config[key])}
        aria-invalid={error !== null}
        aria-describedby={error ? `lab-${name}-error` : undefined}
        onInput={(e) => {
          const parsed = parseNumber(setting, e.currentTarget.value);
          setDraft(e.currentTarget.value);
          setError('error' in parsed ? parsed.error : null);
          if ('value' in parsed) {
            const value = parsed.value;
            onChange((prev) => ({ ...prev, [key]: value }));
          }
        }}
        onBlur={() => {
          setDraft(null);
          setError(null);
        }}
      />
      {error && (
        <span class="depth-lab__invalid" id={`lab-${name}-error`} role="alert">
          {error} Keeping {String(config[key])}.
        </span>
      )}
    </label>
  );
}

export function LabSettings({ config, disabled, onChange }: LabSettingsProps) {
  const locked = DEPTH_CHOICES.map((d) => depthLock(config.depths, d)).find((r) => r !== null && !r.startsWith('At'));
  return (
    <fieldset class="depth-lab__settings" disabled={disabled}>
      <legend>Networks</legend>
      <label class="depth-lab__field">
        Data set
        <select
          value={config.dataset}
          onChange={(e) => {
            const dataset = e.currentTarget.value as ExperimentConfig['dataset'];
            onChange((prev) => ({ ...prev, dataset }));
          }}
        >
          {DATASETS.map((d) => (
            <option key={d} value={d}>
              {d === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}
            </option>
          ))}
        </select>
      </label>
      <label class="depth-lab__field">
        Layers
        <select
          value={config.architecture}
          onChange={(e) => {
            const architecture = e.currentTarget.value as ExperimentConfig['architecture'];
            onChange((prev) => ({ ...prev, architecture }));
          }}
        >
          {ARCHITECTURES.map((a) => (
            <option key={a} value={a}>
              {a === 'mlp' ? 'fully connected' : 'convolutional'}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="depth-lab__depths" aria-describedby="lab-depths-why">
        <legend>Depths (up to {MAX_DEPTHS})</legend>
        {DEPTH_CHOICES.map((d) => (
          <label key={d} title={depthLock(config.depths, d) ?? undefined}>
            <input
              type="checkbox"
              checked={config.depths.includes(d)}
              disabled={depthLock(config.depths, d) !== null}
              onChange={() => onChange((prev) => ({ ...prev, depths: toggleDepth(prev.depths, d) }))}
            />
            {d}
          </label>
        ))}
        <span class="depth-lab__why" id="lab-depths-why">
          {locked ? `Up to ${MAX_DEPTHS} depths train at once: untick one to choose another.` : ''}
        </span>
      </fieldset>
      {Object.entries(LAB_NUMBERS).map(([name, rule]) => (
        <NumberField key={name} name={name} rule={rule} config={config} onChange={onChange} />
      ))}
    </fieldset>
  );
}

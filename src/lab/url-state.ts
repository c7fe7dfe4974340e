/**
 * The lab's settings in the page address, so that a chapter can link to "this experiment at depth
 * 56". Parsing keeps every valid value and ignores each bad one with a notice naming the parameter
 * and what it accepts; serialising writes only what differs from the defaults. DOM-free.
 *
 * Parameters: dataset, arch, depths (comma list), width, input, opt, lr, momentum, batch, steps, seed;
 * their ranges and messages are the settings schema's (./settings.ts).
 */
import { parseNumber } from '../training/settings.ts';
import { ARCHITECTURES, DATASETS, type Architecture, type DatasetId, type ExperimentConfig } from './config.ts';
import { DEPTH_CHOICES, INPUT_SIZES, LAB_NUMBERS, MAX_DEPTHS } from './settings.ts';

/** The outcome of {@link parseLabParams}. */
export interface ParsedLabState {
  readonly config: ExperimentConfig;
  /** One reader-facing sentence per ignored parameter. */
  readonly notices: readonly string[];
}

function parseDepths(raw: string): number[] | null {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.length > MAX_DEPTHS) return null;
  const depths = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
  if (!depths.every((d) => DEPTH_CHOICES.includes(d))) return null;
  const unique = [...new Set(depths)].sort((a, b) => a - b);
  return unique.length === depths.length ? unique : null;
}

/**
 * Reads the lab's settings from a query string such as `location.search`, starting from
 * `defaults`. Unknown parameters (e.g. `backend`, read by the engine) are left alone.
 */
export function parseLabParams(search: string, defaults: ExperimentConfig): ParsedLabState {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const config: { -readonly [K in keyof ExperimentConfig]: ExperimentConfig[K] } = { ...defaults };
  const ignore = (name: string, raw: string, accepts: string) =>
    notices.push(
      `Ignored ${name}=${JSON.stringify(raw)} in the address: ${name} must be ${accepts}. Using the default.`,
    );

  const dataset = params.get('dataset');
  if (dataset !== null) {
    if ((DATASETS as readonly string[]).includes(dataset)) config.dataset = dataset as DatasetId;
    else ignore('dataset', dataset, DATASETS.join(' or '));
  }
  const arch = params.get('arch');
  if (arch !== null) {
    if ((ARCHITECTURES as readonly string[]).includes(arch)) config.architecture = arch as Architecture;
    else ignore('arch', arch, ARCHITECTURES.join(' or '));
  }
  const depths = params.get('depths');
  if (depths !== null) {
    const parsed = parseDepths(depths);
    if (parsed) config.depths = parsed;
    else
      ignore(
        'depths',
        depths,
        `1 to ${MAX_DEPTHS} different values from ${DEPTH_CHOICES.join(', ')}, separated by commas`,
      );
  }
  const input = params.get('input');
  if (input !== null) {
    const value = Number(input);
    if (/^\d+$/.test(input) && INPUT_SIZES.includes(value)) config.inputSize = value;
    else ignore('input', input, INPUT_SIZES.join(', ') + ' (pixels)');
  }
  const opt = params.get('opt');
  if (opt !== null) {
    if (opt === 'sgd' || opt === 'adam') config.optimizer = opt;
    else ignore('opt', opt, 'sgd or adam');
  }
  for (const [name, { key, setting }] of Object.entries(LAB_NUMBERS)) {
    const raw = params.get(name);
    if (raw === null) continue;
    const parsed = parseNumber(setting, raw);
    if ('value' in parsed) config[key] = parsed.value;
    else notices.push(`Ignored ${name}=${JSON.stringify(raw)} in the address: ${parsed.error} Using the default.`);
  }
  return { config, notices };
}

/** The query string (without "?") for `config`, listing only the settings that differ from `defaults`. */
export function serializeLabParams(config: ExperimentConfig, defaults: ExperimentConfig): string {
  const params = new URLSearchParams();
  if (config.dataset !== defaults.dataset) params.set('dataset', config.dataset);
  if (config.architecture !== defaults.architecture) params.set('arch', config.architecture);
  if (config.depths.join(',') !== defaults.depths.join(',')) params.set('depths', config.depths.join(','));
  if (config.inputSize !== defaults.inputSize) params.set('input', String(config.inputSize));
  if (config.optimizer !== defaults.optimizer) params.set('opt', config.optimizer);
  for (const [name, { key }] of Object.entries(LAB_NUMBERS)) {
    if (config[key] !== defaults[key]) params.set(name, String(config[key]));
  }
  return params.toString().replaceAll('%2C', ',');
}

/**
 * Replaces the lab's parameters in `search` by those of `config`, keeping any others (such as
 * the engine's `backend`). Returns the new query string with its "?" or "" when empty.
 */
export function mergeLabParams(search: string, config: ExperimentConfig, defaults: ExperimentConfig): string {
  const params = new URLSearchParams(search);
  for (const name of ['dataset', 'arch', 'depths', 'input', 'opt', ...Object.keys(LAB_NUMBERS)]) params.delete(name);
  const own = serializeLabParams(config, defaults);
  const rest = params.toString();
  const all = [rest, own].filter((part) => part !== '').join('&');
  return all === '' ? '' : `?${all}`;
}

/**
 * The demos' shared controls: buttons, a segmented choice, a slider and a number field that says
 * what is wrong with its value beside it. Styled in ./demo.css (`.demo-*`), so every demo looks the
 * same and none depends on the article's styles.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

export interface ButtonProps {
  readonly children: ComponentChildren;
  readonly onClick: () => void;
  readonly disabled?: boolean;
  /** The demo's main action, drawn filled. */
  readonly primary?: boolean;
}

/** A push button that never wraps its label. */
export function Button({ children, onClick, disabled = false, primary = false }: ButtonProps) {
  return (
    <button
      type="button"
      class={primary ? 'demo-button demo-primary' : 'demo-button'}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export interface SegmentedProps<T extends string> {
  readonly legend: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
  readonly disabled?: boolean;
}

/** One choice among a few, as a row of joined radio buttons (arrow keys move between them). */
export function Segmented<T extends string>({ legend, value, options, onChange, disabled = false }: SegmentedProps<T>) {
  const name = useId();
  return (
    <fieldset class="demo-segmented" disabled={disabled}>
      <legend>{legend}</legend>
      <div class="demo-segmented-options">
        {options.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export interface SliderProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly onInput: (value: number) => void;
  readonly disabled?: boolean;
  /** How the value beside the track is printed. */
  readonly format?: (value: number) => string;
}

/** A labelled range input with its value beside it; it shrinks with its container. */
export function Slider({ label, value, min, max, step, onInput, disabled = false, format = String }: SliderProps) {
  return (
    <label class="demo-slider">
      <span class="demo-slider-label">{label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onInput={(e) => onInput(Number(e.currentTarget.value))}
      />
      <span class="demo-slider-value" aria-hidden="true">
        {format(value)}
      </span>
    </label>
  );
}

export interface NumberFieldProps {
  readonly label: string;
  /** What the reader typed, or the current setting. */
  readonly value: string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: string;
  /** Why the value was refused, shown under the field; null when it is fine. */
  readonly error: string | null;
  readonly onChange: (raw: string) => void;
  /** The allowed range, e.g. "1 to 512", shown under the field when there is no error. */
  readonly hint?: string;
}

/** A number input whose refusal is shown beside it and announced (`role="alert"`). */
export function NumberField({ label, value, min, max, step = 'any', error, onChange, hint }: NumberFieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note: JSX.Element | null = error ? (
    <span class="demo-field-error" id={noteId} role="alert">
      {error}
    </span>
  ) : hint ? (
    <span class="demo-field-hint" id={noteId}>
      {hint}
    </span>
  ) : null;
  return (
    <div class="demo-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={note ? noteId : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {note}
    </div>
  );
}

/** The chapter's one-line prompt of what to watch, shown before a demo's button. */
export function LookFor({ text }: { readonly text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="demo-look-for">
      <strong>Look for:</strong> {text}
    </p>
  );
}

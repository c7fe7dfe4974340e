/** The ten class probabilities of one prediction, as labelled bars. */

export interface ProbabilityBarsProps {
  readonly classes: readonly string[];
  /** One probability per class, or null before the first prediction. */
  readonly probabilities: Float32Array | null;
}

export function ProbabilityBars({ classes, probabilities }: ProbabilityBarsProps) {
  let best = -1;
  if (probabilities) {
    best = 0;
    probabilities.forEach((p, i) => {
      if (p > (probabilities[best] ?? 0)) best = i;
    });
  }
  return (
    <ol class="lenet-probabilities" aria-label="Class probabilities" data-testid="probabilities">
      {classes.map((name, i) => {
        const p = probabilities?.[i] ?? 0;
        const percent = `${(p * 100).toFixed(1)}%`;
        return (
          <li key={name} class={i === best ? 'is-best' : undefined}>
            <span class="lenet-probability-label">{name}</span>
            <span class="lenet-probability-bar" aria-hidden="true">
              <span style={{ width: `${p * 100}%` }} />
            </span>
            <span class="lenet-probability-value">{probabilities ? percent : '–'}</span>
          </li>
        );
      })}
    </ol>
  );
}

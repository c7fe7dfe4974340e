/** Test digits with the model's predictions; mistakes are marked in colour and in words. */
import { useEffect, useRef } from 'preact/hooks';
import type { Sample } from '../../src/training/protocol.ts';

export interface DigitGridProps {
  readonly samples: readonly Sample[];
  readonly classes: readonly string[];
}

function DigitImage({ pixels }: { pixels: Uint8Array }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(28, 28);
    pixels.forEach((v, i) => {
      image.data[i * 4] = 255 - v;
      image.data[i * 4 + 1] = 255 - v;
      image.data[i * 4 + 2] = 255 - v;
      image.data[i * 4 + 3] = 255;
    });
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={canvas} width={28} height={28} aria-hidden="true" />;
}

export function DigitGrid({ samples, classes }: DigitGridProps) {
  const wrong = samples.filter((s) => s.label !== s.predicted).length;
  return (
    <figure class="lenet-grid" data-testid="digit-grid">
      <figcaption>
        {samples.length} test digits: {samples.length - wrong} right, {wrong} wrong
      </figcaption>
      <ul>
        {samples.map((s) => {
          const mistake = s.label !== s.predicted;
          const name = (k: number) => classes[k] ?? String(k);
          return (
            <li
              key={s.index}
              class={mistake ? 'is-wrong' : undefined}
              aria-label={`Digit ${name(s.label)}, predicted ${name(s.predicted)}${mistake ? ', a mistake' : ''}`}
            >
              <DigitImage pixels={s.pixels} />
              <span aria-hidden="true">{mistake ? `✗ ${name(s.predicted)}` : name(s.predicted)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

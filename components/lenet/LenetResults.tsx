/**
 * What the reader sees after training: test digits with predictions and the drawing pad with the
 * ten class probabilities. Loaded lazily by LenetDemo once a model exists.
 */
import { useState } from 'preact/hooks';
import type { Sample } from '../../src/training/protocol.ts';
import { DigitGrid } from './DigitGrid.tsx';
import { toMnistFrame } from './digit.ts';
import { DrawingPad } from './DrawingPad.tsx';
import { ProbabilityBars } from './ProbabilityBars.tsx';

export interface LenetResultsProps {
  readonly samples: readonly Sample[];
  readonly classes: readonly string[];
  /** Asks the engine for probabilities of one 28x28 image (latest-wins). */
  readonly predict: (pixels: Float32Array) => void;
  readonly probabilities: Float32Array | null;
  readonly onCleared: () => void;
}

export default function LenetResults({ samples, classes, predict, probabilities, onCleared }: LenetResultsProps) {
  const [next, setNext] = useState(0);
  const [digit, setDigit] = useState<Uint8Array | null>(null);
  return (
    <div class="lenet-results">
      <DigitGrid samples={samples} classes={classes} />
      <div class="lenet-try">
        <DrawingPad
          loadDigit={digit}
          onInk={(ink) => {
            if (!ink) {
              onCleared();
              return;
            }
            predict(toMnistFrame(ink, 224, 224));
          }}
        />
        <div>
          <ProbabilityBars classes={classes} probabilities={probabilities} />
          <button
            type="button"
            disabled={samples.length === 0}
            onClick={() => {
              const sample = samples[next % Math.max(1, samples.length)];
              if (sample) setDigit(sample.pixels);
              setNext(next + 1);
            }}
          >
            Draw a test digit for me
          </button>
        </div>
      </div>
    </div>
  );
}

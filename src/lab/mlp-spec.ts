/**
 * Adapter for the old call of the fully connected family, whose home is now the model zoo
 * (src/models/mlp.ts). It keeps src/block/lesion.ts working, which feeds 1×1×`inputs` vectors,
 * until that module imports `mlpSpec` from src/models/ itself; then this file goes. It builds
 * nothing of its own: the spec is the zoo's.
 */
import { mlpSpec as zooMlpSpec, type ModelSpec } from '../models/index.ts';

/** Options of {@link mlpSpec}. */
export interface MlpOptions {
  readonly family: 'plain' | 'resnet';
  /** Weight layers, 2·blocks + 2, even and ≥ 4. */
  readonly depth: number;
  /** Input features (pixels of the flattened image). */
  readonly inputs: number;
  /** Units of every hidden layer. */
  readonly width: number;
  readonly classes: number;
}

/** The zoo's fully connected net on a 1×1×`inputs` input (see src/models/mlp.ts). */
export function mlpSpec(options: MlpOptions): ModelSpec {
  const { family, depth, inputs, width, classes } = options;
  return zooMlpSpec({ family, depth, width, inputSize: 1, channels: inputs, classes });
}

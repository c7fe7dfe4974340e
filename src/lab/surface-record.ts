/**
 * Records the loss-surface slices of the lab's default pair (the deepest plain and residual nets of
 * a configuration, trained exactly as the lab trains them: same seed, same batches), for the chapter
 * to show before a reader computes their own. Node-only, like ./headless.ts; the site never imports
 * this module.
 */
import { computeSurface, localMinima, roughness, type Surface, type SurfaceOptions } from '../training/loss-surface.ts';
import * as tf from '../training/tf.ts';
import type { ExperimentConfig, Family } from './config.ts';
import { LabRun, prepareDataset, trainingSlice } from './experiment.ts';
import { activateWasm, environment, loadDatasetFromDisk, type RunEnvironment } from './headless.ts';

/** One network's slice. */
export interface RecordedSurface {
  readonly key: string;
  readonly family: Family;
  readonly depth: number;
  readonly steps: number;
  readonly surface: Surface;
  readonly roughness: number;
  readonly localMinima: number;
}

/** The file written to public/data/runs/surface.json. */
export interface RecordedSurfaces {
  readonly version: 1;
  readonly config: ExperimentConfig;
  readonly options: SurfaceOptions;
  /** Training images (the first of the data set's own shuffle) on which the loss is evaluated. */
  readonly evalImages: number;
  readonly environment: RunEnvironment;
  readonly date: string;
  readonly wallSeconds: number;
  readonly surfaces: readonly RecordedSurface[];
}

/**
 * Trains each family of `config` at `depth` for `config.steps` steps and computes its slice.
 * `onProgress` gets a line of text now and then.
 */
export async function recordSurfaces(
  repoRoot: string,
  config: ExperimentConfig,
  depth: number,
  options: SurfaceOptions,
  evalImages: number,
  onProgress: (line: string) => void = () => undefined,
): Promise<RecordedSurfaces> {
  await activateWasm();
  const dataset = prepareDataset(await loadDatasetFromDisk(repoRoot, config.dataset), config);
  const date = new Date().toISOString();
  const where = environment();
  const started = performance.now();
  const batch = trainingSlice(tf, dataset, evalImages);
  const surfaces: RecordedSurface[] = [];
  try {
    for (const family of config.families) {
      // The lab's own run: the same model, seed and batches as the lab trains.
      const run = new LabRun(tf, dataset, config, family, depth);
      try {
        while (!run.finished) {
          run.trainStep();
          if (run.step % 100 === 0) onProgress(`${family}-${String(depth)} step ${String(run.step)}`);
        }
        const surface = await computeSurface(tf, run.model, batch, options, {
          onProgress: (p) => {
            if (p.done % (options.resolution * 5) === 0)
              onProgress(`${family}-${String(depth)} surface ${String(p.done)}/${String(p.total)}`);
          },
        });
        surfaces.push({
          key: run.record.key,
          family,
          depth,
          steps: run.step,
          surface,
          roughness: roughness(surface),
          localMinima: localMinima(surface),
        });
      } finally {
        run.dispose();
      }
    }
  } finally {
    tf.dispose([batch.images, batch.labels]);
  }
  return {
    version: 1,
    config,
    options,
    evalImages,
    environment: where,
    date,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    surfaces,
  };
}

export { CONFIGS } from './config.ts';

/**
 * The typed messages between a demo (main thread) and the training session (a module Web Worker,
 * or the main thread as a fallback). Requests carry an `id`; replies echo it. Predictions are
 * latest-wins: the client keeps at most one in flight and drops stale answers.
 */
import type { BackendName, BackendReport } from './backend.ts';
import type { DataErrorKind } from './dataset.ts';
import type { ConfigIssue, TrainingConfig } from './hyperparams.ts';

/** Faults a test can inject through `window.__demoTestHooks` (never set by the site itself). */
export interface FaultInjection {
  /** Damage the named data file as it arrives. */
  readonly dataFile?: { readonly path: string; readonly fault: 'missing' | 'truncated' | 'corrupt' };
}

/** Main thread to session. */
export type Request =
  | {
      readonly type: 'init';
      readonly id: number;
      readonly backend: BackendName | null;
      readonly backendNotice: string | null;
      /** Absolute URL of the folder holding manifest.json. */
      readonly dataUrl: string;
      readonly datasetId: string;
      readonly modelId: string;
      /** The demo's default settings (validated like `configure`). */
      readonly config: TrainingConfig;
      readonly faults?: FaultInjection;
    }
  | { readonly type: 'configure'; readonly id: number; readonly config: Partial<Record<keyof TrainingConfig, unknown>> }
  | { readonly type: 'start'; readonly id: number }
  | { readonly type: 'pause'; readonly id: number }
  | { readonly type: 'reset'; readonly id: number }
  | { readonly type: 'stop'; readonly id: number }
  /** Class probabilities for images: `pixels` is count x height x width x channels floats in [0, 1]. */
  | { readonly type: 'predict'; readonly id: number; readonly pixels: Float32Array; readonly count: number }
  /** Predictions on the first `count` test images. */
  | { readonly type: 'samples'; readonly id: number; readonly count: number }
  | { readonly type: 'dispose'; readonly id: number };

/** The session's lifecycle. */
export type SessionState = 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'error' | 'disposed';

/** Memory in use on the active backend. */
export interface MemorySnapshot {
  readonly numTensors: number;
  readonly numBytes: number;
  /** Bytes on the GPU (WebGL/WebGPU), null elsewhere. */
  readonly gpuBytes: number | null;
}

/** Progress of a run, sent every `metricsEvery` steps. */
export interface MetricsEvent {
  readonly type: 'metrics';
  /** Run generation: metrics of an older run (before a reset) are ignored. */
  readonly generation: number;
  readonly step: number;
  readonly totalSteps: number;
  /** Fractional epoch, 0 at the start. */
  readonly epoch: number;
  /** Mean training loss over the steps since the previous metrics event. */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  /** Test accuracy when measured at this step, else null. */
  readonly testAccuracy: number | null;
  readonly imagesPerSecond: number;
  readonly elapsedMs: number;
  readonly etaMs: number;
  readonly memory: MemorySnapshot;
}

/** One test image with its prediction. */
export interface Sample {
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  readonly confidence: number;
  /** height x width uint8 pixels */
  readonly pixels: Uint8Array;
}

/** Session to main thread. */
export type SessionEvent =
  | { readonly type: 'loading'; readonly loadedBytes: number; readonly totalBytes: number }
  | {
      readonly type: 'ready';
      readonly id: number;
      readonly backend: BackendReport;
      readonly config: TrainingConfig;
      readonly classes: readonly string[];
      readonly trainCount: number;
      readonly testCount: number;
      readonly imageShape: readonly [number, number, number];
      readonly memory: MemorySnapshot;
    }
  | {
      readonly type: 'state';
      readonly state: SessionState;
      readonly generation: number;
      readonly step: number;
      readonly totalSteps: number;
      readonly memory: MemorySnapshot;
    }
  | {
      readonly type: 'configured';
      readonly id: number;
      readonly config: TrainingConfig;
      readonly issues: readonly ConfigIssue[];
    }
  | MetricsEvent
  | { readonly type: 'prediction'; readonly id: number; readonly probabilities: Float32Array; readonly count: number }
  | { readonly type: 'samples'; readonly id: number; readonly samples: readonly Sample[] }
  | { readonly type: 'ack'; readonly id: number }
  | {
      readonly type: 'error';
      /** The request that failed, or null for a failure of the run itself. */
      readonly id: number | null;
      readonly message: string;
      readonly kind: DataErrorKind | 'backend' | 'device-lost' | 'training' | 'request';
      readonly retryable: boolean;
    };

/**
 * The loss and error of a softmax classifier on a fixed set of images, in inference mode (BatchNorm
 * uses its moving averages), in chunks so that a large set never makes one huge activation. The
 * one such loop of the engine: the lab's training-subset error and the loss-surface grid both use it.
 */
import type { Model } from '../models/graph.ts';
import type * as Tf from './tf.ts';

/** Images `[n, h, w, c]` and their integer labels `[n]`. */
export interface LabelledImages {
  readonly images: Tf.Tensor4D;
  readonly labels: Tf.Tensor1D;
}

/**
 * `[lossSum, wrongSum]`: the summed cross-entropy of `model`'s softmax outputs over the images
 * (probabilities clipped at 1e-7, as the trainer does) and the number of images whose most likely
 * class is not their label. Synchronous; the caller owns the result.
 */
export function inferenceSums(tf: typeof Tf, model: Model, set: LabelledImages, chunk: number): Tf.Tensor1D {
  return tf.tidy(() => {
    const count = set.images.shape[0];
    const losses: Tf.Tensor[] = [];
    const wrong: Tf.Tensor[] = [];
    for (let start = 0; start < count; start += chunk) {
      const size = Math.min(chunk, count - start);
      const x = tf.slice(set.images, [start, 0, 0, 0], [size, -1, -1, -1]);
      const labels = tf.slice(set.labels, [start], [size]);
      const p = model.apply(x, { training: false }) as Tf.Tensor2D;
      const picked = tf.sum(tf.mul(tf.oneHot(labels, p.shape[1]), p), -1);
      losses.push(tf.sum(tf.neg(tf.log(tf.clipByValue(picked, 1e-7, 1)))));
      wrong.push(tf.sum(tf.cast(tf.notEqual(tf.argMax(p, -1), labels), 'float32')));
    }
    return tf.stack([tf.addN(losses), tf.addN(wrong)]) as Tf.Tensor1D;
  });
}

/**
 * Seeded randomness for the engine: mulberry32 and a Fisher-Yates shuffle (which
 * scripts/prepare-data.mjs imports for the data splits, so the prepared bytes depend on this
 * code), normal draws, and a scope that seeds TF.js weight initialisation.
 */

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a 32-bit seeded generator, small and fast, good enough for shuffling. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from two uniform ones (Box-Muller). */
export function gaussian(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Shuffles `array` in place (Fisher-Yates) and returns it. */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(array: T, random: Random): T {
  for (let i = array.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** The order of `count` examples in epoch `epoch` of a run seeded with `seed`. */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  // Each epoch gets its own stream so that resuming at an epoch never depends on earlier draws.
  return shuffleInPlace(order, mulberry32((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0));
}

/**
 * Runs `build` with `Math.random` replaced by a seeded generator. TF.js initialisers draw their
 * own seeds from `Math.random` when none is given, so this makes model initialisation
 * reproducible without touching the model zoo's builder. `build` must be synchronous.
 */
export function withSeededMathRandom<T>(seed: number, build: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return build();
  } finally {
    Math.random = original;
  }
}

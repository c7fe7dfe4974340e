/**
 * The arithmetic of one residual block on a small batch of vectors, in plain Float32Array math
 * (no TF.js), for the living-equation playground.
 *
 * Original block (He et al. 2015 Eq. 1, course notation):
 *   z1 = [BN1](W1 a + b1),  a1 = g(z1),  z2 = [BN2](W2 a1 + b2),  out = g(z2 + a).
 * Pre-activation block (He et al. 2016, "full pre-activation"):
 *   z1 = W1 g([BN1](a)) + b1,  z2 = W2 g([BN2](z1)) + b2,  out = z2 + a   (no g after the add).
 *
 * BatchNorm uses batch statistics (training mode), so a layer whose output is the same for every
 * example normalises to exactly β. Sums run in float64, so the mean of identical values is exact.
 * Every array is `[batch, width]`, row-major.
 */
import { gaussian, mulberry32 } from '../training/random.ts';

/** The nonlinearity g. */
export type Nonlinearity = 'relu' | 'tanh';

/** Which block. */
export type BlockVariant = 'original' | 'preact';

/** BatchNorm's ε. */
export const BN_EPSILON = 1e-5;

/** The fixed, seeded weights the sliders scale. */
export interface BlockBase {
  readonly width: number;
  /** `[width, width]`, row i = weights of unit i. */
  readonly w1: Float32Array;
  /** `[width]` */
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

/** What the reader controls. */
export interface BlockSettings {
  readonly variant: BlockVariant;
  /** BatchNorm in the branch. */
  readonly bn: boolean;
  readonly g: Nonlinearity;
  /** Multipliers of the base weights and biases of the two layers. */
  readonly weightScale1: number;
  readonly biasScale1: number;
  readonly weightScale2: number;
  readonly biasScale2: number;
  /** γ and β of the second BN (the first keeps γ = 1, β = 0). */
  readonly gamma: number;
  readonly beta: number;
}

/** Every intermediate of one forward pass, each `[batch, width]`. */
export interface BlockTrace {
  readonly batch: number;
  readonly width: number;
  /** a^{[l]} */
  readonly input: Float32Array;
  /** z^{[l+1]} */
  readonly z1: Float32Array;
  /** a^{[l+1]} (original block) or g(BN2(z1)) (pre-activation) */
  readonly a1: Float32Array;
  /** z^{[l+2]}: the residual branch's output, added to the shortcut. */
  readonly z2: Float32Array;
  /** z^{[l+2]} + a^{[l]} */
  readonly sum: Float32Array;
  /** a^{[l+2]} */
  readonly output: Float32Array;
}

/** Settings of the untouched block: scales 1, γ = 1, β = 0, ReLU, BN off, original variant. */
export const DEFAULT_SETTINGS: BlockSettings = {
  variant: 'original',
  bn: false,
  g: 'relu',
  weightScale1: 1,
  biasScale1: 1,
  weightScale2: 1,
  biasScale2: 1,
  gamma: 1,
  beta: 0,
};

/** Seeded He-normal weights and small biases for a block of `width` units. */
export function makeBlockBase(width: number, seed: number): BlockBase {
  const random = mulberry32(seed);
  const std = Math.sqrt(2 / width);
  const matrix = (): Float32Array => Float32Array.from({ length: width * width }, () => std * gaussian(random));
  const vector = (): Float32Array => Float32Array.from({ length: width }, () => 0.3 * gaussian(random));
  return { width, w1: matrix(), b1: vector(), w2: matrix(), b2: vector() };
}

/**
 * A seeded batch of inputs `[batch, width]`. `nonNegative` passes them through a ReLU, as when
 * a^{[l]} is the previous block's output; otherwise some entries are negative.
 */
export function makeBlockInput(batch: number, width: number, seed: number, nonNegative: boolean): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: batch * width }, () => {
    const v = gaussian(random);
    return nonNegative ? Math.max(0, v) : v;
  });
}

function activate(g: Nonlinearity, x: Float32Array): Float32Array {
  return x.map((v) => (g === 'relu' ? Math.max(0, v) : Math.tanh(v)));
}

/** `x W^T s_w + b s_b` for x `[batch, width]`. */
function affine(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array,
  ws: number,
  bs: number,
  batch: number,
  width: number,
): Float32Array {
  const out = new Float32Array(batch * width);
  for (let r = 0; r < batch; r += 1) {
    for (let i = 0; i < width; i += 1) {
      let s = 0;
      for (let j = 0; j < width; j += 1) s += (w[i * width + j] as number) * ws * (x[r * width + j] as number);
      out[r * width + i] = s + (b[i] as number) * bs;
    }
  }
  return out;
}

/** BatchNorm with batch statistics, per feature. */
export function batchNorm(x: Float32Array, batch: number, width: number, gamma: number, beta: number): Float32Array {
  const out = new Float32Array(batch * width);
  for (let i = 0; i < width; i += 1) {
    let mean = 0;
    for (let r = 0; r < batch; r += 1) mean += x[r * width + i] as number;
    mean /= batch;
    let variance = 0;
    for (let r = 0; r < batch; r += 1) variance += ((x[r * width + i] as number) - mean) ** 2;
    variance /= batch;
    const scale = gamma / Math.sqrt(variance + BN_EPSILON);
    for (let r = 0; r < batch; r += 1) out[r * width + i] = ((x[r * width + i] as number) - mean) * scale + beta;
  }
  return out;
}

/** Runs the block on `input` (`[batch, base.width]`). */
export function runBlock(input: Float32Array, base: BlockBase, settings: BlockSettings): BlockTrace {
  const width = base.width;
  const batch = input.length / width;
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`runBlock: input length ${input.length} is not a multiple of width ${width}`);
  const s = settings;
  const norm = (x: Float32Array, gamma: number, beta: number): Float32Array =>
    s.bn ? batchNorm(x, batch, width, gamma, beta) : x;
  let z1: Float32Array;
  let a1: Float32Array;
  let z2: Float32Array;
  if (s.variant === 'original') {
    z1 = norm(affine(input, base.w1, base.b1, s.weightScale1, s.biasScale1, batch, width), 1, 0);
    a1 = activate(s.g, z1);
    z2 = norm(affine(a1, base.w2, base.b2, s.weightScale2, s.biasScale2, batch, width), s.gamma, s.beta);
  } else {
    z1 = affine(activate(s.g, norm(input, 1, 0)), base.w1, base.b1, s.weightScale1, s.biasScale1, batch, width);
    a1 = activate(s.g, norm(z1, s.gamma, s.beta));
    z2 = affine(a1, base.w2, base.b2, s.weightScale2, s.biasScale2, batch, width);
  }
  const sum = z2.map((v, k) => v + (input[k] as number));
  const output = s.variant === 'original' ? activate(s.g, sum) : sum;
  return { batch, width, input, z1, a1, z2, sum, output };
}

/** Largest |a^{[l+2]} − a^{[l]}| over the batch. */
export function identityError(trace: BlockTrace): number {
  let worst = 0;
  trace.output.forEach((v, k) => {
    worst = Math.max(worst, Math.abs(v - (trace.input[k] as number)));
  });
  return worst;
}

/** Why a block is or is not the identity right now. */
export type IdentityBreak =
  /** The residual branch adds something: z^{[l+2]} ≠ 0. */
  | 'branch-nonzero'
  /** The branch's weights are zero but BN's β leaks through. */
  | 'beta'
  /** The second layer's weights are zero but its bias b^{[l+2]} is not, and no BN removes it. */
  | 'bias'
  /** a^{[l]} has negative entries and g clips them. */
  | 'negative-input'
  /** g is not the identity on a^{[l]} (tanh). */
  | 'nonlinearity';

/**
 * Lists the conditions of the "zero weights give the identity" argument that the current
 * settings violate, in the order a reader would fix them. Empty when a^{[l+2]} = a^{[l]} exactly.
 */
export function identityBreaks(trace: BlockTrace, settings: BlockSettings): IdentityBreak[] {
  const breaks: IdentityBreak[] = [];
  const branchZero = trace.z2.every((v) => v === 0);
  if (!branchZero) {
    const weightsOff = settings.weightScale2 === 0;
    if (settings.variant === 'original' && settings.bn && weightsOff && settings.beta !== 0) breaks.push('beta');
    else if (weightsOff && settings.biasScale2 !== 0 && !(settings.variant === 'original' && settings.bn))
      breaks.push('bias');
    else breaks.push('branch-nonzero');
  }
  if (settings.variant === 'original') {
    if (settings.g === 'relu' && trace.input.some((v) => v < 0)) breaks.push('negative-input');
    if (settings.g === 'tanh') breaks.push('nonlinearity');
  }
  return breaks;
}

const BREAK_TEXT: Readonly<Record<IdentityBreak, string>> = {
  'branch-nonzero': 'the residual branch adds a non-zero z[l+2]',
  beta: 'the weights are zero, but BN’s β reaches the addition',
  bias: 'the weights are zero, but the bias b[l+2] is not',
  'negative-input': 'a[l] has negative entries, which g = ReLU clips to 0',
  nonlinearity: 'g = tanh changes a[l] even when z[l+2] = 0',
};

/** The living equation's status line: the block is the identity, or why not and by how much. */
export function identityStatus(trace: BlockTrace, settings: BlockSettings): string {
  const breaks = identityBreaks(trace, settings);
  if (breaks.length === 0) return 'a[l+2] = a[l] exactly: the block is the identity.';
  const why = breaks.map((b) => BREAK_TEXT[b]).join('; ');
  return `a[l+2] ≠ a[l] (largest difference ${identityError(trace).toFixed(3)}): ${why}.`;
}

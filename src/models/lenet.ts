/**
 * LeNet-5 as in LeCun et al. 1998 §II.B, and the common modern variant (d2l.ai style).
 * Layer tables: LeCun et al. 1998 §II.B and Table I; the modern variant as d2l.ai's LeNet chapter writes it.
 */
import type { Activation, ModelSpec } from './spec.ts';

/**
 * LeCun 1998 Table I: the S2 maps each C3 map reads. Maps 0-5 read three contiguous maps, 6-11
 * four contiguous, 12-14 four discontinuous, 15 all six.
 */
export const LENET_C3_TABLE: readonly (readonly number[])[] = [
  [0, 1, 2],
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
  [0, 4, 5],
  [0, 1, 5],
  [0, 1, 2, 3],
  [1, 2, 3, 4],
  [2, 3, 4, 5],
  [0, 3, 4, 5],
  [0, 1, 4, 5],
  [0, 1, 2, 5],
  [0, 1, 3, 4],
  [1, 2, 4, 5],
  [0, 2, 3, 5],
  [0, 1, 2, 3, 4, 5],
];

/** LeNet-5 of the 1998 paper: 32×32 input, trainable subsampling, partial C3, RBF output. */
export function lenet5Paper(): ModelSpec {
  return {
    id: 'lenet5-paper',
    name: 'LeNet-5 (1998 paper)',
    family: 'lenet',
    input: { height: 32, width: 32, channels: 1 },
    shortcut: 'none',
    sources: ['lecun1998'],
    stages: [
      {
        id: 'features',
        label: 'feature extractor',
        items: [
          {
            kind: 'conv',
            id: 'c1',
            label: 'C1',
            filters: 6,
            kernel: 5,
            stride: 1,
            pad: 0,
            bias: true,
            activation: 'tanh',
          },
          { kind: 'subsample', id: 's2', label: 'S2', size: 2, activation: 'sigmoid' },
          {
            kind: 'conv',
            id: 'c3',
            label: 'C3',
            filters: 16,
            kernel: 5,
            stride: 1,
            pad: 0,
            bias: true,
            activation: 'tanh',
            inputMaps: LENET_C3_TABLE,
          },
          { kind: 'subsample', id: 's4', label: 'S4', size: 2, activation: 'sigmoid' },
          {
            kind: 'conv',
            id: 'c5',
            label: 'C5',
            filters: 120,
            kernel: 5,
            stride: 1,
            pad: 0,
            bias: true,
            activation: 'tanh',
          },
        ],
      },
      {
        id: 'classifier',
        label: 'classifier',
        items: [
          { kind: 'flatten', id: 'flatten' },
          { kind: 'dense', id: 'f6', label: 'F6', units: 84, bias: true, activation: 'tanh' },
          { kind: 'rbf', id: 'output', label: 'Output (RBF)', units: 10 },
        ],
      },
    ],
  };
}

/**
 * The modern variants the zoo names (common re-implementations choose sigmoid, tanh or ReLU, and
 * average or max pooling). Same layers and parameter count; only the activation and pooling differ.
 */
export type ModernLenetVariant = 'sigmoid' | 'relu';

const MODERN_VARIANTS = {
  /** As d2l.ai teaches it: sigmoid activations, average pooling. */
  sigmoid: { id: 'lenet5-modern', name: 'LeNet-5 (modern variant)', activation: 'sigmoid', op: 'avg' },
  /** ReLU activations and max pooling: what the LeNet-5 demo trains (it learns in a few epochs). */
  relu: { id: 'lenet5-relu', name: 'LeNet-5 (modern variant, ReLU and max pooling)', activation: 'relu', op: 'max' },
} as const satisfies Record<
  ModernLenetVariant,
  { id: string; name: string; activation: Activation; op: 'avg' | 'max' }
>;

/**
 * The common modern LeNet-5: 28×28 MNIST input with pad 2 on the first conv, full C3, 2×2
 * parameter-free pooling and a 10-way softmax. `'sigmoid'` (id 'lenet5-modern') uses sigmoid and
 * average pooling; `'relu'` (id 'lenet5-relu') ReLU and max pooling.
 */
export function lenet5Modern(variant: ModernLenetVariant = 'sigmoid'): ModelSpec {
  const { id, name, activation, op } = MODERN_VARIANTS[variant];
  return {
    id,
    name,
    family: 'lenet',
    input: { height: 28, width: 28, channels: 1 },
    shortcut: 'none',
    sources: ['lecun1998'],
    stages: [
      {
        id: 'features',
        label: 'feature extractor',
        items: [
          {
            kind: 'conv',
            id: 'conv1',
            label: 'conv1',
            filters: 6,
            kernel: 5,
            stride: 1,
            pad: 2,
            bias: true,
            activation,
          },
          { kind: 'pool', id: 'pool1', label: 'pool1', op, size: 2, stride: 2, pad: 0 },
          {
            kind: 'conv',
            id: 'conv2',
            label: 'conv2',
            filters: 16,
            kernel: 5,
            stride: 1,
            pad: 0,
            bias: true,
            activation,
          },
          { kind: 'pool', id: 'pool2', label: 'pool2', op, size: 2, stride: 2, pad: 0 },
        ],
      },
      {
        id: 'classifier',
        label: 'classifier',
        items: [
          { kind: 'flatten', id: 'flatten' },
          { kind: 'dense', id: 'fc1', label: 'fc1', units: 120, bias: true, activation },
          { kind: 'dense', id: 'fc2', label: 'fc2', units: 84, bias: true, activation },
          { kind: 'dense', id: 'fc3', label: 'fc3', units: 10, bias: true, activation: 'softmax' },
        ],
      },
    ],
  };
}

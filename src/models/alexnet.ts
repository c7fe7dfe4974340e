/**
 * AlexNet: the two-GPU design of Krizhevsky et al. 2012 (grouped conv2/4/5, LRN, 227×227 effective
 * input as in the Caffe reference) and torchvision's one-tower variant (Krizhevsky 2014).
 * Layer tables: Krizhevsky et al. 2012 §3.5 and Fig. 2; Caffe's bvlc_alexnet deploy.prototxt (input and
 * padding); torchvision's models/alexnet.py.
 */
import type { ModelSpec, StageSpec } from './spec.ts';

function classifier(): StageSpec {
  return {
    id: 'classifier',
    label: 'classifier',
    items: [
      { kind: 'flatten', id: 'flatten' },
      { kind: 'dropout', id: 'drop6', rate: 0.5 },
      { kind: 'dense', id: 'fc6', label: 'FC6', units: 4096, bias: true, activation: 'relu' },
      { kind: 'dropout', id: 'drop7', rate: 0.5 },
      { kind: 'dense', id: 'fc7', label: 'FC7', units: 4096, bias: true, activation: 'relu' },
      { kind: 'dense', id: 'fc8', label: 'FC8', units: 1000, bias: true, activation: 'softmax' },
    ],
  };
}

/** The 2012 paper's AlexNet: conv2, conv4 and conv5 split into two groups (one per GPU). */
export function alexnetPaper(): ModelSpec {
  const lrn = (id: string) => ({ kind: 'lrn', id, label: 'LRN', radius: 2, bias: 2, alpha: 1e-4, beta: 0.75 }) as const;
  const pool = (id: string) =>
    ({ kind: 'pool', id, label: 'max pool', op: 'max', size: 3, stride: 2, pad: 0 }) as const;
  return {
    id: 'alexnet-paper',
    name: 'AlexNet (2012 paper, two towers)',
    family: 'alexnet',
    input: { height: 227, width: 227, channels: 3 },
    shortcut: 'none',
    sources: ['krizhevsky2012', 'caffeAlexnet'],
    stages: [
      {
        id: 'conv1',
        label: 'conv1',
        items: [
          {
            kind: 'conv',
            id: 'conv1',
            label: 'conv1',
            filters: 96,
            kernel: 11,
            stride: 4,
            pad: 0,
            bias: true,
            activation: 'relu',
          },
          lrn('norm1'),
          pool('pool1'),
        ],
      },
      {
        id: 'conv2',
        label: 'conv2',
        items: [
          {
            kind: 'conv',
            id: 'conv2',
            label: 'conv2',
            filters: 256,
            kernel: 5,
            stride: 1,
            pad: 2,
            bias: true,
            groups: 2,
            activation: 'relu',
          },
          lrn('norm2'),
          pool('pool2'),
        ],
      },
      {
        id: 'conv3_5',
        label: 'conv3-conv5',
        items: [
          {
            kind: 'conv',
            id: 'conv3',
            label: 'conv3',
            filters: 384,
            kernel: 3,
            stride: 1,
            pad: 1,
            bias: true,
            activation: 'relu',
          },
          {
            kind: 'conv',
            id: 'conv4',
            label: 'conv4',
            filters: 384,
            kernel: 3,
            stride: 1,
            pad: 1,
            bias: true,
            groups: 2,
            activation: 'relu',
          },
          {
            kind: 'conv',
            id: 'conv5',
            label: 'conv5',
            filters: 256,
            kernel: 3,
            stride: 1,
            pad: 1,
            bias: true,
            groups: 2,
            activation: 'relu',
          },
          pool('pool5'),
        ],
      },
      classifier(),
    ],
  };
}

/** torchvision's `alexnet`: one tower, 64/192/384/256/256 filters, no LRN, 224×224 input. */
export function alexnetTorchvision(): ModelSpec {
  const pool = (id: string) =>
    ({ kind: 'pool', id, label: 'max pool', op: 'max', size: 3, stride: 2, pad: 0 }) as const;
  return {
    id: 'alexnet-torchvision',
    name: 'AlexNet (torchvision, one tower)',
    family: 'alexnet',
    input: { height: 224, width: 224, channels: 3 },
    shortcut: 'none',
    sources: ['krizhevsky2014', 'torchvision'],
    stages: [
      {
        id: 'conv1',
        label: 'conv1',
        items: [
          {
            kind: 'conv',
            id: 'conv1',
            label: 'conv1',
            filters: 64,
            kernel: 11,
            stride: 4,
            pad: 2,
            bias: true,
            activation: 'relu',
          },
          pool('pool1'),
        ],
      },
      {
        id: 'conv2',
        label: 'conv2',
        items: [
          {
            kind: 'conv',
            id: 'conv2',
            label: 'conv2',
            filters: 192,
            kernel: 5,
            stride: 1,
            pad: 2,
            bias: true,
            activation: 'relu',
          },
          pool('pool2'),
        ],
      },
      {
        id: 'conv3_5',
        label: 'conv3-conv5',
        items: [
          {
            kind: 'conv',
            id: 'conv3',
            label: 'conv3',
            filters: 384,
            kernel: 3,
            stride: 1,
            pad: 1,
            bias: true,
            activation: 'relu',
          },
          {
            kind: 'conv',
            id: 'conv4',
            label: 'conv4',
            filters: 256,
            kernel: 3,
            stride: 1,
            pad: 1,
            bias: true,
            activation: 'relu',
          },
          {
            kind: 'conv',
            id: 'conv5',
            label: 'conv5',
            filters: 256,
            kernel: 3,
            stride: 1,
            pad: 1,
            bias: true,
            activation: 'relu',
          },
          pool('pool5'),
        ],
      },
      classifier(),
    ],
  };
}

/**
 * VGG-16 and VGG-19 (configurations D and E of Simonyan & Zisserman 2014, Table 1), as torchvision
 * builds them (models/vgg.py, `cfgs['D']` and `cfgs['E']`). Parameter totals: the paper's Table 2.
 */
import type { LayerSpec, ModelSpec, StageSpec } from './spec.ts';

const CONFIGS = {
  16: [2, 2, 3, 3, 3],
  19: [2, 2, 4, 4, 4],
} as const;

const WIDTHS = [64, 128, 256, 512, 512] as const;

/** VGG-16 (config D) or VGG-19 (config E) at 224×224. */
export function vggSpec(depth: 16 | 19): ModelSpec {
  const stages: StageSpec[] = CONFIGS[depth].map((convs, s) => {
    const filters = WIDTHS[s] ?? 512;
    const items: LayerSpec[] = [];
    for (let i = 1; i <= convs; i++) {
      items.push({
        kind: 'conv',
        id: `stage${s + 1}_conv${i}`,
        label: `conv3-${filters}`,
        filters,
        kernel: 3,
        stride: 1,
        pad: 1,
        bias: true,
        activation: 'relu',
      });
    }
    items.push({ kind: 'pool', id: `stage${s + 1}_pool`, label: 'max pool', op: 'max', size: 2, stride: 2, pad: 0 });
    return { id: `stage${s + 1}`, label: `conv3-${filters} ×${convs}`, items };
  });
  stages.push({
    id: 'classifier',
    label: 'classifier',
    items: [
      { kind: 'flatten', id: 'flatten' },
      { kind: 'dense', id: 'fc6', label: 'FC-4096', units: 4096, bias: true, activation: 'relu' },
      { kind: 'dropout', id: 'drop6', rate: 0.5 },
      { kind: 'dense', id: 'fc7', label: 'FC-4096', units: 4096, bias: true, activation: 'relu' },
      { kind: 'dropout', id: 'drop7', rate: 0.5 },
      { kind: 'dense', id: 'fc8', label: 'FC-1000', units: 1000, bias: true, activation: 'softmax' },
    ],
  });
  return {
    id: `vgg${depth}`,
    name: `VGG-${depth} (config ${depth === 16 ? 'D' : 'E'})`,
    family: 'vgg',
    input: { height: 224, width: 224, channels: 3 },
    shortcut: 'none',
    sources: ['simonyan2014', 'torchvision'],
    stages,
  };
}

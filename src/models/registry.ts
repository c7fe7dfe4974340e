/**
 * The model zoo by id. `getSpec` is the one door: components, builders and tests all go through it,
 * so an unknown id fails loudly with the list of valid ones.
 */
import { alexnetPaper, alexnetTorchvision } from './alexnet.ts';
import { lenet5Modern, lenet5Paper } from './lenet.ts';
import { mlpSpec } from './mlp.ts';
import { cifarSpec, imagenetResNet } from './resnet.ts';
import type { ModelSpec } from './spec.ts';
import { vggSpec } from './vgg.ts';

const FIXED: Readonly<Record<string, () => ModelSpec>> = {
  'lenet5-paper': lenet5Paper,
  'lenet5-modern': () => lenet5Modern('sigmoid'),
  'lenet5-relu': () => lenet5Modern('relu'),
  'alexnet-paper': alexnetPaper,
  'alexnet-torchvision': alexnetTorchvision,
  vgg16: () => vggSpec(16),
  vgg19: () => vggSpec(19),
  resnet18: () => imagenetResNet(18, 'B', 'resnet18'),
  resnet34: () => imagenetResNet(34, 'B', 'resnet34'),
  'resnet34-a': () => imagenetResNet(34, 'A', 'resnet34-a'),
  'resnet34-c': () => imagenetResNet(34, 'C', 'resnet34-c'),
  resnet50: () => imagenetResNet(50, 'B', 'resnet50'),
  plain18: () => imagenetResNet(18, 'none', 'plain18'),
  plain34: () => imagenetResNet(34, 'none', 'plain34'),
};

/** Depths of the CIFAR-10 nets in He et al. 2015 §4.2 (Table 6). */
export const CIFAR_PAPER_DEPTHS = [20, 32, 44, 56, 110, 1202] as const;

/**
 * Every named id. `getSpec` also accepts `cifar-plain-<6n+2>` and `cifar-resnet-<6n+2>` for any
 * n ≥ 1 (the paper's depths are listed here), and the fully connected nets `mlp-plain-<d>` and
 * `mlp-resnet-<d>` for any even d ≥ 4 (./mlp.ts).
 */
export const MODEL_IDS: readonly string[] = [
  ...Object.keys(FIXED),
  ...CIFAR_PAPER_DEPTHS.flatMap((d) => [`cifar-plain-${d}`, `cifar-resnet-${d}`]),
];

const CIFAR_ID = /^cifar-(plain|resnet)-(\d+)$/;
const MLP_ID = /^mlp-(plain|resnet)-(\d+)$/;

/** Whether `getSpec(id)` would succeed. */
export function isModelId(id: string): boolean {
  if (Object.hasOwn(FIXED, id)) return true;
  const mlp = MLP_ID.exec(id);
  if (mlp) {
    const depth = Number(mlp[2]);
    return depth >= 4 && depth % 2 === 0;
  }
  const m = CIFAR_ID.exec(id);
  if (!m) return false;
  const depth = Number(m[2]);
  return depth >= 8 && (depth - 2) % 6 === 0;
}

/**
 * The spec of a model by id, e.g. 'resnet34' or 'cifar-resnet-20'.
 * @throws Error naming the unknown id and listing the valid ones.
 */
export function getSpec(id: string): ModelSpec {
  const make = Object.hasOwn(FIXED, id) ? FIXED[id] : undefined;
  if (make) return make();
  const m = CIFAR_ID.exec(id);
  if (m && isModelId(id)) {
    return cifarSpec({ family: m[1] === 'plain' ? 'plain' : 'resnet', n: (Number(m[2]) - 2) / 6 });
  }
  const mlp = MLP_ID.exec(id);
  if (mlp && isModelId(id)) return mlpSpec({ family: mlp[1] === 'plain' ? 'plain' : 'resnet', depth: Number(mlp[2]) });
  throw new Error(
    `Unknown model id "${id}". Valid ids: ${Object.keys(FIXED).join(', ')}, ` +
      `cifar-plain-<depth> / cifar-resnet-<depth> with depth = 6n+2 ≥ 8 (e.g. cifar-resnet-20), ` +
      `and mlp-plain-<depth> / mlp-resnet-<depth> with an even depth ≥ 4 (e.g. mlp-plain-32).`,
  );
}

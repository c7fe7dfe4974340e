/**
 * The model zoo: plain-data specs of every architecture on the site, their validation, and the pure
 * statistics derived from them. DOM-free and TF.js-free (the TF.js builder is `./tfjs-builder.ts`).
 *
 * @example
 *   const stats = computeStats(getSpec('resnet34'));
 *   stats.totals.params; // 21,797,672
 */
export type {
  Activation,
  BlockSpec,
  BodyLayerSpec,
  ConvLayerSpec,
  DenseLayerSpec,
  LayerSpec,
  ModelSpec,
  ShortcutKind,
  ShortcutOption,
  SourceKey,
  StageSpec,
} from './spec.ts';
export { bodyStride, isBlock } from './spec.ts';
export type { BlockStats, LayerPath, LayerStats, ModelStats, ReceptiveField, StageStats, TotalStats } from './stats.ts';
export { computeStats } from './stats.ts';
export type { CheckedSpec, Shape, ShapedBlock, ShapedLayer, ShapedShortcut, ShapedStage } from './validate.ts';
export { formatShape, isShapedBlock, SpecError, validateSpec } from './validate.ts';
export { CIFAR_PAPER_DEPTHS, getSpec, isModelId, MODEL_IDS } from './registry.ts';
export type { CifarOptions, ImageNetDepth } from './resnet.ts';
export { basicBlock, bottleneckBlock, cifarSpec, imagenetResNet, shortcutFor } from './resnet.ts';
export { LENET_C3_TABLE } from './lenet.ts';
export type { MlpOptions } from './mlp.ts';
export { mlpSpec } from './mlp.ts';
export type { BlockCost, BlockCostOptions } from './block-cost.ts';
export { basicBlockCost } from './block-cost.ts';
export type { CountFormat } from './format.ts';
export { formatCount } from './format.ts';
export type { StatName } from './lookup.ts';
export { formatStat, partOf, shapeOf, statsOf, statValue } from './lookup.ts';

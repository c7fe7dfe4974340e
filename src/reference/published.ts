/**
 * The project's own record of the figures that the papers and reference implementations publish,
 * each with the work it comes from and where in that work it is printed. Prose may quote a figure
 * only when it is recorded here (tests/unit/content/content.test.ts checks every decimal and
 * comma-grouped number in the chapters), and the model zoo's computed counts are checked against the
 * rounded ones (tests/unit/reference/published.test.ts).
 *
 * `value` is written exactly as the source prints it (trailing zeros kept: "17.0", "7.40"), so a page
 * that quotes it matches verbatim. Figures a source gives only as a curve, or that only secondary
 * sources transcribe, are left out on purpose: the site does not print them.
 */
import type { CitationKey } from '../lib/bibliography.ts';
import type { StatName } from '../models/lookup.ts';

/** What a figure measures. */
export type FigureUnit =
  | 'percent'
  | 'percentage points'
  | 'count'
  | 'millions of parameters'
  | 'billions of multiply-adds'
  | 'probability'
  | 'hyper-parameter'
  | 'version';

/** A published figure that the model zoo can recompute (the published value is a rounding of it). */
export interface ZooCheck {
  /** A model id of src/models/registry.ts. */
  readonly model: string;
  readonly stat: Extract<StatName, 'params' | 'macs'>;
  /** The published value times this is the zoo's figure, to within the published rounding. */
  readonly scale: number;
}

/** The zoo model and metric a published accuracy is about, so a figure can look it up by id. */
export interface AccuracyOf {
  /** A model id of src/models/registry.ts. */
  readonly model: string;
  readonly metric: 'top-1 accuracy' | 'top-5 accuracy';
}

export interface PublishedFigure {
  /** As printed in the source, e.g. "28.54". */
  readonly value: string;
  readonly unit: FigureUnit;
  /** What the figure is, in a few words. */
  readonly what: string;
  readonly source: CitationKey;
  /** Where in the source: table, figure, section, abstract or a named file. */
  readonly where: string;
  readonly zoo?: ZooCheck;
  readonly accuracyOf?: AccuracyOf;
}

const he2015Table3 = (model: string, top1: string, top5: string): PublishedFigure[] => [
  {
    value: top1,
    unit: 'percent',
    what: `${model} top-1 error, ImageNet val, 10-crop`,
    source: 'he2015',
    where: 'Table 3',
  },
  {
    value: top5,
    unit: 'percent',
    what: `${model} top-5 error, ImageNet val, 10-crop`,
    source: 'he2015',
    where: 'Table 3',
  },
];

const cifarTable6 = (depth: number, params: string, error: string): PublishedFigure[] => [
  {
    value: params,
    unit: 'millions of parameters',
    what: `CIFAR-10 ResNet-${String(depth)} parameters`,
    source: 'he2015',
    where: 'Table 6',
    zoo: { model: `cifar-resnet-${String(depth)}`, stat: 'params', scale: 1e6 },
  },
  {
    value: error,
    unit: 'percent',
    what: `CIFAR-10 ResNet-${String(depth)} test error`,
    source: 'he2015',
    where: 'Table 6',
  },
];

const he2015Flops = (model: string, id: string, value: string, where: string): PublishedFigure => ({
  value,
  unit: 'billions of multiply-adds',
  what: `${model} FLOPs (multiply-adds) at 224×224`,
  source: 'he2015',
  where,
  zoo: { model: id, stat: 'macs', scale: 1e9 },
});

const torchvisionAccuracy = (model: string, id: string, top1: string, top5: string): PublishedFigure[] => [
  {
    value: top1,
    unit: 'percent',
    what: `torchvision ${model} weights, top-1 accuracy, single centre crop`,
    source: 'torchvision',
    where: 'model documentation (acc@1)',
    accuracyOf: { model: id, metric: 'top-1 accuracy' },
  },
  {
    value: top5,
    unit: 'percent',
    what: `torchvision ${model} weights, top-5 accuracy, single centre crop`,
    source: 'torchvision',
    where: 'model documentation (acc@5)',
    accuracyOf: { model: id, metric: 'top-5 accuracy' },
  },
];

/** Every published figure the site relies on, grouped by source. */
export const PUBLISHED: readonly PublishedFigure[] = [
  // Krizhevsky, Sutskever and Hinton 2012.
  {
    value: '1.2',
    unit: 'count',
    what: 'million high-resolution training images of ILSVRC-2010',
    source: 'krizhevsky2012',
    where: 'abstract',
  },
  {
    value: '37.5',
    unit: 'percent',
    what: 'AlexNet top-1 test error, ILSVRC-2010',
    source: 'krizhevsky2012',
    where: 'abstract',
  },
  {
    value: '17.0',
    unit: 'percent',
    what: 'AlexNet top-5 test error, ILSVRC-2010',
    source: 'krizhevsky2012',
    where: 'abstract',
  },
  {
    value: '15.3',
    unit: 'percent',
    what: 'winning top-5 test error of an AlexNet variant, ILSVRC-2012',
    source: 'krizhevsky2012',
    where: 'abstract',
  },
  {
    value: '26.2',
    unit: 'percent',
    what: 'top-5 test error of the second-best ILSVRC-2012 entry',
    source: 'krizhevsky2012',
    where: 'abstract',
  },
  { value: '650,000', unit: 'count', what: 'neurons of AlexNet', source: 'krizhevsky2012', where: 'abstract' },
  {
    value: '0.5',
    unit: 'probability',
    what: 'dropout probability in the first two fully connected layers',
    source: 'krizhevsky2012',
    where: '§4.2',
  },

  // Simonyan and Zisserman 2014.
  {
    value: '138',
    unit: 'millions of parameters',
    what: 'VGG-16 (configuration D) parameters',
    source: 'simonyan2014',
    where: 'Table 2',
    zoo: { model: 'vgg16', stat: 'params', scale: 1e6 },
  },
  {
    value: '144',
    unit: 'millions of parameters',
    what: 'VGG-19 (configuration E) parameters',
    source: 'simonyan2014',
    where: 'Table 2',
    zoo: { model: 'vgg19', stat: 'params', scale: 1e6 },
  },

  // He, Zhang, Ren and Sun 2015: ImageNet.
  {
    value: '27.94',
    unit: 'percent',
    what: 'plain-18 top-1 error, ImageNet val, 10-crop',
    source: 'he2015',
    where: 'Table 2',
  },
  {
    value: '28.54',
    unit: 'percent',
    what: 'plain-34 top-1 error, ImageNet val, 10-crop',
    source: 'he2015',
    where: 'Table 2',
  },
  {
    value: '27.88',
    unit: 'percent',
    what: 'ResNet-18 (option A) top-1 error, ImageNet val, 10-crop',
    source: 'he2015',
    where: 'Table 2',
  },
  {
    value: '25.03',
    unit: 'percent',
    what: 'ResNet-34 (option A) top-1 error, ImageNet val, 10-crop',
    source: 'he2015',
    where: 'Table 2',
  },
  ...he2015Table3('VGG-16 (the authors’ test)', '28.07', '9.33'),
  ...he2015Table3('plain-34', '28.54', '10.02'),
  ...he2015Table3('ResNet-34 A', '25.03', '7.76'),
  ...he2015Table3('ResNet-34 B', '24.52', '7.46'),
  ...he2015Table3('ResNet-34 C', '24.19', '7.40'),
  ...he2015Table3('ResNet-50', '22.85', '6.71'),
  ...he2015Table3('ResNet-101', '21.75', '6.05'),
  ...he2015Table3('ResNet-152', '21.43', '5.71'),
  {
    value: '2.8',
    unit: 'percentage points',
    what: 'top-1 error by which ResNet-34 beats ResNet-18',
    source: 'he2015',
    where: '§4.1, on Table 2',
  },
  {
    value: '3.5',
    unit: 'percentage points',
    what: 'top-1 error by which ResNet-34 beats plain-34',
    source: 'he2015',
    where: '§4.1, on Table 2',
  },
  {
    value: '4.49',
    unit: 'percent',
    what: 'single-model ResNet-152 top-5 error, ImageNet val',
    source: 'he2015',
    where: 'Table 4',
  },
  {
    value: '3.57',
    unit: 'percent',
    what: 'top-5 error of the ResNet ensemble on the ImageNet test set (ILSVRC 2015, first place)',
    source: 'he2015',
    where: 'Table 5',
  },
  { value: '0.0001', unit: 'hyper-parameter', what: 'weight decay', source: 'he2015', where: '§3.4 and §4.2' },
  { value: '0.9', unit: 'hyper-parameter', what: 'SGD momentum', source: 'he2015', where: '§3.4 and §4.2' },
  { value: '0.1', unit: 'hyper-parameter', what: 'initial learning rate', source: 'he2015', where: '§3.4 and §4.2' },
  { value: '128', unit: 'hyper-parameter', what: 'CIFAR-10 mini-batch size', source: 'he2015', where: '§4.2' },
  {
    value: '64',
    unit: 'count',
    what: 'CIFAR-10 training iterations in thousands (printed "64k")',
    source: 'he2015',
    where: '§4.2',
  },
  he2015Flops('VGG-19', 'vgg19', '19.6', '§3.3 and Fig. 3'),
  he2015Flops('ResNet-18', 'resnet18', '1.8', 'Table 1'),
  he2015Flops('ResNet-34', 'resnet34-a', '3.6', 'Table 1 and §3.3'),
  he2015Flops('plain-34', 'plain34', '3.6', '§3.3'),

  // He et al. 2015: CIFAR-10.
  ...cifarTable6(20, '0.27', '8.75'),
  ...cifarTable6(32, '0.46', '7.51'),
  ...cifarTable6(44, '0.66', '7.17'),
  ...cifarTable6(56, '0.85', '6.97'),
  ...cifarTable6(110, '1.7', '6.43'),
  ...cifarTable6(1202, '19.4', '7.93'),

  // He et al. 2016 and its released code.
  {
    value: '4.62',
    unit: 'percent',
    what: 'CIFAR-10 test error of the 1001-layer pre-activation ResNet',
    source: 'he2016',
    where: 'abstract; the code’s README attributes it to mini-batches of 64',
  },
  {
    value: '4.92',
    unit: 'percent',
    what: 'CIFAR-10 test error of the 1001-layer pre-activation ResNet with the paper’s mini-batches of 128',
    source: 'he2016code',
    where: 'README',
  },

  // torchvision.
  ...torchvisionAccuracy('AlexNet', 'alexnet-torchvision', '56.522', '79.066'),
  ...torchvisionAccuracy('VGG-16', 'vgg16', '71.592', '90.382'),
  ...torchvisionAccuracy('VGG-19', 'vgg19', '72.376', '90.876'),
  ...torchvisionAccuracy('ResNet-18', 'resnet18', '69.758', '89.078'),
  ...torchvisionAccuracy('ResNet-34', 'resnet34', '73.314', '91.420'),
  ...torchvisionAccuracy('ResNet-50', 'resnet50', '76.130', '92.862'),
  {
    value: '1.5',
    unit: 'version',
    what: 'the "V1.5" ResNet-50 layout (stride 2 on the 3×3 convolution of a downsampling bottleneck)',
    source: 'torchvision',
    where: 'resnet.py and the ResNet-50 documentation',
  },
];

/**
 * A figure the prose derives by arithmetic from published inputs (shown with its working on the page),
 * with the computation that gives it.
 */
export interface DerivedFigure {
  readonly value: string;
  readonly what: string;
  readonly compute: () => number;
  readonly source: CitationKey;
  readonly where: string;
}

export const DERIVED: readonly DerivedFigure[] = [
  {
    value: '54.25',
    what: 'conv1 output side for the 224-pixel input the paper states, 11×11 kernels at stride 4, no padding',
    compute: () => (224 + 2 * 0 - 11) / 4 + 1,
    source: 'krizhevsky2012',
    where: '§3.5 (input size and first-layer kernels)',
  },
];

/** The published accuracy of a zoo model, or undefined when none is recorded. */
export function accuracyOf(model: string, metric: AccuracyOf['metric']): PublishedFigure | undefined {
  return PUBLISHED.find((f) => f.accuracyOf?.model === model && f.accuracyOf.metric === metric);
}

/** Every recorded figure with this printed value (several works can print the same number). */
export function publishedAs(value: string): PublishedFigure[] {
  return PUBLISHED.filter((f) => f.value === value);
}

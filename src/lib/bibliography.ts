/**
 * The one bibliography of the site. Chapters cite an entry by its key, written `[@key]` in MDX
 * (several at once as `[@a; @b]`); an unknown key stops the build. The figures each work publishes are
 * recorded in src/reference/published.ts.
 */
export interface Reference {
  /** Authors as printed, "Family, G." style not required; shortened with "et al." where the list is long. */
  readonly authors: string;
  readonly title: string;
  /** Journal, conference or repository, with pages where known. */
  readonly venue: string;
  readonly year: number;
  /** Canonical link: arXiv, DOI or the work's official page. */
  readonly url: string;
  /** Short label for in-text citations where the authors are an organisation, e.g. "torchvision". */
  readonly label?: string;
  /** schema.org type used in the JSON-LD of citing pages. */
  readonly kind: 'ScholarlyArticle' | 'SoftwareSourceCode';
}

export const bibliography = {
  lecun1998: {
    authors: 'Y. LeCun, L. Bottou, Y. Bengio, P. Haffner',
    title: 'Gradient-based learning applied to document recognition',
    venue: 'Proceedings of the IEEE 86(11), 2278–2324',
    year: 1998,
    url: 'https://doi.org/10.1109/5.726791',
    kind: 'ScholarlyArticle',
  },
  krizhevsky2012: {
    authors: 'A. Krizhevsky, I. Sutskever, G. E. Hinton',
    title: 'ImageNet classification with deep convolutional neural networks',
    venue: 'Advances in Neural Information Processing Systems 25 (NIPS 2012), 1097–1105',
    year: 2012,
    url: 'https://proceedings.neurips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html',
    kind: 'ScholarlyArticle',
  },
  krizhevsky2014: {
    authors: 'A. Krizhevsky',
    title: 'One weird trick for parallelizing convolutional neural networks',
    venue: 'arXiv:1404.5997',
    year: 2014,
    url: 'https://arxiv.org/abs/1404.5997',
    kind: 'ScholarlyArticle',
  },
  simonyan2014: {
    authors: 'K. Simonyan, A. Zisserman',
    title: 'Very deep convolutional networks for large-scale image recognition',
    venue: 'arXiv:1409.1556 (September 2014); ICLR 2015',
    year: 2014,
    url: 'https://arxiv.org/abs/1409.1556',
    kind: 'ScholarlyArticle',
  },
  he2015: {
    authors: 'K. He, X. Zhang, S. Ren, J. Sun',
    title: 'Deep residual learning for image recognition',
    venue: 'arXiv:1512.03385 (December 2015); CVPR 2016, 770–778',
    year: 2015,
    url: 'https://arxiv.org/abs/1512.03385',
    kind: 'ScholarlyArticle',
  },
  he2016: {
    authors: 'K. He, X. Zhang, S. Ren, J. Sun',
    title: 'Identity mappings in deep residual networks',
    venue: 'arXiv:1603.05027 (March 2016); ECCV 2016',
    year: 2016,
    url: 'https://arxiv.org/abs/1603.05027',
    kind: 'ScholarlyArticle',
  },
  he2016code: {
    authors: 'K. He',
    title: 'Deep residual networks with 1K layers (the code of "Identity mappings in deep residual networks")',
    venue: 'KaimingHe/resnet-1k-layers on GitHub',
    year: 2016,
    url: 'https://github.com/KaimingHe/resnet-1k-layers',
    label: 'resnet-1k-layers',
    kind: 'SoftwareSourceCode',
  },
  srivastava2015: {
    authors: 'R. K. Srivastava, K. Greff, J. Schmidhuber',
    title: 'Highway networks',
    venue: 'arXiv:1505.00387',
    year: 2015,
    url: 'https://arxiv.org/abs/1505.00387',
    kind: 'ScholarlyArticle',
  },
  srivastava2015b: {
    authors: 'R. K. Srivastava, K. Greff, J. Schmidhuber',
    title: 'Training very deep networks',
    venue: 'arXiv:1507.06228; NIPS 2015',
    year: 2015,
    url: 'https://arxiv.org/abs/1507.06228',
    kind: 'ScholarlyArticle',
  },
  veit2016: {
    authors: 'A. Veit, M. Wilber, S. Belongie',
    title: 'Residual networks behave like ensembles of relatively shallow networks',
    venue: 'arXiv:1605.06431; NIPS 2016, 550–558',
    year: 2016,
    url: 'https://arxiv.org/abs/1605.06431',
    kind: 'ScholarlyArticle',
  },
  balduzzi2017: {
    authors: 'D. Balduzzi, M. Frean, L. Leary, J. P. Lewis, K. W.-D. Ma, B. McWilliams',
    title: 'The shattered gradients problem: if resnets are the answer, then what is the question?',
    venue: 'arXiv:1702.08591; ICML 2017 (PMLR 70)',
    year: 2017,
    url: 'https://arxiv.org/abs/1702.08591',
    kind: 'ScholarlyArticle',
  },
  yang2019: {
    authors: 'G. Yang, J. Pennington, V. Rao, J. Sohl-Dickstein, S. S. Schoenholz',
    title: 'A mean field theory of batch normalization',
    venue: 'arXiv:1902.08129; ICLR 2019',
    year: 2019,
    url: 'https://arxiv.org/abs/1902.08129',
    kind: 'ScholarlyArticle',
  },
  li2018: {
    authors: 'H. Li, Z. Xu, G. Taylor, C. Studer, T. Goldstein',
    title: 'Visualizing the loss landscape of neural nets',
    venue: 'arXiv:1712.09913; NeurIPS 2018',
    year: 2018,
    url: 'https://arxiv.org/abs/1712.09913',
    kind: 'ScholarlyArticle',
  },
  huang2017: {
    authors: 'G. Huang, Z. Liu, L. van der Maaten, K. Q. Weinberger',
    title: 'Densely connected convolutional networks',
    venue: 'arXiv:1608.06993; CVPR 2017',
    year: 2017,
    url: 'https://arxiv.org/abs/1608.06993',
    kind: 'ScholarlyArticle',
  },
  goyal2017: {
    authors: 'P. Goyal et al.',
    title: 'Accurate, large minibatch SGD: training ImageNet in 1 hour',
    venue: 'arXiv:1706.02677',
    year: 2017,
    url: 'https://arxiv.org/abs/1706.02677',
    kind: 'ScholarlyArticle',
  },
  torchvision: {
    authors: 'The PyTorch team',
    title: 'torchvision model definitions (resnet.py, vgg.py, alexnet.py)',
    venue: 'pytorch/vision on GitHub',
    year: 2024,
    url: 'https://github.com/pytorch/vision/tree/main/torchvision/models',
    label: 'torchvision',
    kind: 'SoftwareSourceCode',
  },
  caffeAlexnet: {
    authors: 'Berkeley Vision and Learning Center',
    title: 'Caffe reference model bvlc_alexnet (deploy.prototxt)',
    venue: 'BVLC/caffe on GitHub',
    year: 2014,
    url: 'https://github.com/BVLC/caffe/tree/master/models/bvlc_alexnet',
    label: 'Caffe bvlc_alexnet',
    kind: 'SoftwareSourceCode',
  },
  idelbayev2018: {
    authors: 'Y. Idelbayev',
    title: 'Proper ResNet implementation for CIFAR10/CIFAR100 in PyTorch',
    venue: 'akamaster/pytorch_resnet_cifar10 on GitHub',
    year: 2018,
    url: 'https://github.com/akamaster/pytorch_resnet_cifar10',
    kind: 'SoftwareSourceCode',
  },
} as const satisfies Record<string, Reference>;

export type CitationKey = keyof typeof bibliography;

/** True when `key` names an entry of the bibliography. */
export function isCitationKey(key: string): key is CitationKey {
  return Object.hasOwn(bibliography, key);
}

/** A citation as the reader sees it: "He et al. (2015)" style short label. */
export function shortLabel(key: CitationKey): string {
  const ref: Reference = bibliography[key];
  if (ref.label) return `${ref.label} ${ref.year}`;
  const names = ref.authors.split(',').map((a) => a.trim());
  const family = (name: string): string =>
    name
      .replace(/ et al\.$/, '')
      .split(' ')
      .at(-1) ?? name;
  const first = family(names[0] ?? ref.authors);
  if (names.length === 1 && !ref.authors.includes('et al.')) return `${first} ${ref.year}`;
  if (names.length === 2) return `${first} and ${family(names[1] ?? '')} ${ref.year}`;
  return `${first} et al. ${ref.year}`;
}

/** Matches one citation group such as `[@he2015]` or `[@he2015; @he2016]`. */
export const CITATION_PATTERN = /\[@([A-Za-z][\w-]*(?:\s*;\s*@[A-Za-z][\w-]*)*)\]/g;

/**
 * The citation keys of a text, in order of first use, duplicates removed. Unknown keys are
 * returned too; callers decide whether that is an error.
 */
export function findCitationKeys(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(CITATION_PATTERN)) {
    for (const part of (match[1] ?? '').split(';')) {
      const key = part.trim().replace(/^@/, '');
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

/**
 * Content checks for the landing page and the chapters (content/index.mdx, content/chapters/*.mdx).
 *
 * The site grew out of an article with known factual errors (each rule below names the one it guards,
 * with the paper that refutes it). These tests make sure none of them creeps back in as a claim, that
 * every figure quoted in prose is one the project records as published (src/reference/published.ts),
 * computes (the model zoo, the lab's settings, the bibliography's arXiv ids) or derives with its working
 * shown, and that each chapter keeps the agreed shape (learning goal, recap, citations).
 *
 * A "Common misconception" aside has to quote or paraphrase the wrong claim in order to refute it,
 * so text inside `:::caution[Common misconception]` blocks is exempt from the forbidden-claim rules.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT as LAB_DEFAULT } from '../../../src/lab/config.ts';
import { bibliography } from '../../../src/lib/bibliography.ts';
import { computeStats, getSpec, MODEL_IDS } from '../../../src/models/index.ts';
import { partOf } from '../../../src/models/lookup.ts';
import { isModelId } from '../../../src/models/registry.ts';
import { DERIVED, PUBLISHED } from '../../../src/reference/published.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const chaptersDir = join(root, 'content', 'chapters');
const architecturesDir = join(root, 'content', 'architectures');

/** Pages that carry no prose of their own (the references page renders the bibliography). */
const NON_PROSE = new Set(['references.mdx']);

/** A chapter body with fewer words than this is a skeleton of headings, not a written chapter. */
const SKELETON_WORDS = 300;

/** A written chapter should be a full treatment, not an outline. */
const MIN_CHAPTER_WORDS = 1200;

interface Page {
  /** Path relative to the repository root, for messages. */
  readonly path: string;
  readonly frontmatter: Readonly<Record<string, string>>;
  /** Everything after the frontmatter. */
  readonly body: string;
}

/** Splits a page into its (flat, one line per key) frontmatter and its body. */
function parsePage(path: string, source: string): Page {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${path}: no frontmatter`);
  const frontmatter: Record<string, string> = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const kv = /^([A-Za-z]\w*):\s*(.*)$/.exec(line);
    if (kv?.[1] !== undefined) frontmatter[kv[1]] = (kv[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return { path, frontmatter, body: match[2] ?? '' };
}

/** Removes every `:::caution[Common misconception]` ... `:::` block (the refutations). */
function withoutMisconceptionAsides(body: string): string {
  return body.replace(/^:::caution\[Common misconception(?::[^\]\n]*)?\][^\n]*\n[\s\S]*?^:::[ \t]*$/gm, '');
}

/** Prose only: drops import lines, code (fences and exported listings) and JSX/HTML tags (their props are not prose). */
function proseOf(body: string): string {
  return body
    .replace(/^```[\s\S]*?^```/gm, ' ')
    .replace(/^export const \w+ = String\.raw`[\s\S]*?`;$/gm, ' ')
    .replace(/^import .*$/gm, ' ')
    .replace(/<[^>\n]*>/g, ' ');
}

/** Counts words of prose (math and markup count roughly, which is fine for a lower bound). */
function wordCount(body: string): number {
  return proseOf(body)
    .replace(/^:::.*$/gm, ' ')
    .split(/\s+/)
    .filter((w) => /[A-Za-z]/.test(w)).length;
}

/** Splits prose into rough sentences (on ., ! or ? followed by a space or a line end). */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z$[*(])/)
    .filter((s) => s.length > 0);
}

interface ForbiddenClaim {
  /** Which error of the seed article the rule guards (numbered as in the project's first review). */
  readonly id: string;
  readonly pattern: RegExp;
  /** The sentence is fine if it also matches this (e.g. it is about DenseNet, not ResNet). */
  readonly unless?: RegExp;
  /** Only a claim when the sentence also matches this. */
  readonly onlyIf?: RegExp;
}

/** The seed article's errors, as precise patterns over single sentences. */
const FORBIDDEN_CLAIMS: readonly ForbiddenClaim[] = [
  {
    id: '1b C3 has 6 maps',
    pattern: /\bC3 (?:has|uses|consists of|is made of) (?:6|six) (?:filters|maps|feature maps|kernels)/i,
  },
  {
    id: '1b both conv layers have 6 filters',
    pattern: /\bconvolutional layers (?:of|with) (?:6|six) filters/i,
  },
  {
    id: '1c S2/S4 are plain average pooling',
    pattern:
      /\bS2 and S4 (?:are|were) (?:plain |simple |parameter-free |ordinary )?(?:2\s*[×x]\s*2 )?average[- ]pooling/i,
  },
  {
    id: '1c LeNet-5 as published uses average pooling',
    pattern:
      /\b(?:original|published|1998) LeNet-5 (?:uses|used|applies|applied) (?:plain |simple )?(?:2\s*[×x]\s*2 )?average[- ]pooling/i,
  },
  {
    id: '1d LeNet-5 output is a softmax',
    pattern:
      /\b(?:original|published|1998) LeNet-5(?:'s)? (?:output|final|last) layer (?:is|was) a (?:10-way )?softmax/i,
  },
  {
    id: '2a the AlexNet paper says 227',
    pattern:
      /\b(?:the (?:AlexNet )?paper|Krizhevsky et al\.?) (?:says|states|uses|specifies|describes|reports) (?:an? )?227/i,
  },
  {
    id: '2e AlexNet uses same padding (per the paper)',
    pattern:
      /\b(?:the (?:AlexNet )?paper|Krizhevsky et al\.?) (?:says|states|uses|specifies) (?:"|“)?same(?:"|”)? padding/i,
  },
  { id: '3a VGG developed in 2015', pattern: /\bdeveloped in 2015/i },
  {
    id: '3a VGG introduced in 2015',
    pattern: /\b(?:VGG|VGGNet|VGG-16|VGG-19)\b[^.]*\b(?:introduced|proposed|invented|created|released|posted) in 2015/i,
  },
  {
    id: '3c VGG-16 has 16 conv layers',
    pattern:
      /\bVGG-?16(?:'s)? (?:has|have|had|contains|consists of|uses|is made of|stacks) 16 conv(?:olutional|\.)?(?: layers)?/i,
  },
  {
    id: '3c VGG-19 has 19 conv layers',
    pattern:
      /\bVGG-?19(?:'s)? (?:has|have|had|contains|consists of|uses|is made of|stacks) 19 conv(?:olutional|\.)?(?: layers)?/i,
  },
  { id: '3c 16 conv layers in VGG-16', pattern: /\b16 conv(?:olutional|\.)? layers (?:in|of) VGG-?16/i },
  { id: '3c 19 conv layers in VGG-19', pattern: /\b19 conv(?:olutional|\.)? layers (?:in|of) VGG-?19/i },
  {
    id: '4a degradation caused by vanishing/exploding gradients',
    pattern: /\bdegradation(?: problem)? (?:is|was) (?:caused by|due to|a result of) (?:the )?(?:exploding|vanishing)/i,
  },
  {
    id: '4a vanishing gradients cause degradation',
    pattern:
      /\b(?:vanishing|exploding)(?: (?:and|or|\/) ?(?:vanishing|exploding))? gradients (?:cause|caused|explain|explains) (?:the )?degradation/i,
  },
  { id: '4b degradation causes overfitting', pattern: /\bdegradation[^.]*\bcauses? overfitting/i },
  {
    id: '4b degradation is overfitting',
    pattern:
      /\bdegradation(?: problem)? (?:is|was) (?:caused by |due to |a (?:form|kind|case) of |just |simply )?overfitting/i,
  },
  {
    id: '4b overfitting causes degradation',
    pattern: /\boverfitting (?:causes|caused|explains) (?:the )?degradation/i,
  },
  {
    id: '4c L2/dropout shown not to help',
    pattern:
      /\b(?:L2(?: regulari[sz]ation)?|weight decay|dropout)\b[^.]*\b(?:doesn't|does not|do not|don't|did not|didn't) help\b/i,
  },
  {
    id: '5 direct connections among all layers (about ResNet)',
    pattern: /\b(?:direct )?connections (?:among|between) all (?:the )?(?:other )?layers/i,
    onlyIf: /\b(?:ResNets?|residual)\b/i,
    unless: /\bDenseNets?\b/i,
  },
  {
    id: '8 1603.05027 is the original ResNet paper',
    pattern: /\b1603\.05027[^.]*\boriginal ResNet\b|\boriginal ResNet\b[^.]*\b1603\.05027/i,
  },
  {
    id: '7 ResNet-34 ends with several FC layers',
    pattern: /\bResNet-34\b[^.]*\b(?:ends|ending) with (?:two|three|several|multiple) fully[- ]connected/i,
  },
];

/** Every rule a text trips, with the offending sentence. */
function findForbiddenClaims(text: string): { id: string; sentence: string }[] {
  const found: { id: string; sentence: string }[] = [];
  for (const sentence of sentences(proseOf(withoutMisconceptionAsides(text)))) {
    for (const rule of FORBIDDEN_CLAIMS) {
      if (!rule.pattern.test(sentence)) continue;
      if (rule.onlyIf && !rule.onlyIf.test(sentence)) continue;
      if (rule.unless?.test(sentence)) continue;
      found.push({ id: rule.id, sentence });
    }
  }
  return found;
}

/**
 * Figures a reader could mistype: decimals (37.5, 0.0001, 1512.03385) and comma-grouped integers
 * (60,000). Every one must be a figure the project can account for (see `knownFigures`). Component
 * props are not prose and are skipped; computed numbers come from the model zoo components instead.
 */
function quotedFigures(body: string): string[] {
  const prose = proseOf(body);
  const figures = new Set<string>();
  for (const m of prose.matchAll(/(?<![\d.,])\d+(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.])\d+\.\d+(?![\d.])/g)) {
    figures.add(m[0]);
  }
  return [...figures];
}

/** Every page of a content folder, sorted by file name. */
function pagesIn(dir: string): Page[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .sort()
    .map((f) => {
      const full = join(dir, f);
      return parsePage(relative(root, full), readFileSync(full, 'utf8'));
    });
}

const pages: Page[] = [
  parsePage('content/index.mdx', readFileSync(join(root, 'content', 'index.mdx'), 'utf8')),
  ...pagesIn(chaptersDir),
];
const prosePages = pages.filter((p) => !NON_PROSE.has(p.path.split('/').pop() ?? ''));
const architecturePages = pagesIn(architecturesDir);

/** A count as prose writes it: 60,000. */
const grouped = (n: number): string => n.toLocaleString('en-US');

/**
 * Every figure prose may quote: published ones (with their source), derived ones whose computation
 * gives the printed value, the zoo's exact parameter and MAC counts, the settings of the lab's default
 * run (the chapter-defaults test ties the sentence to them), and the arXiv ids of the bibliography.
 */
function knownFigures(): Set<string> {
  const known = new Set<string>(PUBLISHED.map((f) => f.value));
  for (const d of DERIVED) known.add(d.value);
  for (const id of MODEL_IDS) {
    const { totals } = computeStats(getSpec(id));
    known.add(grouped(totals.params));
    known.add(grouped(totals.macs));
  }
  for (const v of Object.values(LAB_DEFAULT)) if (typeof v === 'number') known.add(String(v));
  for (const ref of Object.values(bibliography)) {
    for (const m of ref.url.matchAll(/arxiv\.org\/abs\/(\d{4}\.\d{4,5})/g)) known.add(m[1] ?? '');
  }
  return known;
}

const known = knownFigures();

describe('content helpers', () => {
  it('exempts a Common misconception aside, and only that', () => {
    const wrong = 'VGG-16 has 16 convolutional layers.';
    const refuted = `Intro.\n\n:::caution[Common misconception]\nIt is often said that ${wrong} It has 13.\n:::\n\nAfter.`;
    expect(findForbiddenClaims(refuted)).toEqual([]);
    expect(findForbiddenClaims(`Intro. ${wrong}`).map((f) => f.id)).toEqual(['3c VGG-16 has 16 conv layers']);
    // Another aside type is not an exemption.
    const note = `:::note\n${wrong}\n:::\n`;
    expect(findForbiddenClaims(note)).toHaveLength(1);
    // The exemption ends with its block.
    expect(findForbiddenClaims(`${refuted}\n\n${wrong}`)).toHaveLength(1);
  });

  it('catches each seed error and passes the correct statement', () => {
    const wrongs: Record<string, string> = {
      'VGG was developed in 2015 at Oxford.': '3a VGG developed in 2015',
      'The degradation problem is caused by vanishing gradients.':
        '4a degradation caused by vanishing/exploding gradients',
      'Exploding and vanishing gradients cause degradation.': '4a vanishing gradients cause degradation',
      'The degradation, which also causes overfitting, is severe.': '4b degradation causes overfitting',
      'It was shown that L2 regularization or dropout does not help.': '4c L2/dropout shown not to help',
      'ResNets use a skip connection every two layers along with direct connections among all the layers.':
        '5 direct connections among all layers (about ResNet)',
      'The original ResNet paper is arXiv 1603.05027.': '8 1603.05027 is the original ResNet paper',
      'S2 and S4 are average pooling layers.': '1c S2/S4 are plain average pooling',
      'Layer C3 has 6 filters of size 5×5.': '1b C3 has 6 maps',
      'The AlexNet paper says 227×227×3 inputs.': '2a the AlexNet paper says 227',
      'VGG-19 has 19 conv layers.': '3c VGG-19 has 19 conv layers',
    };
    for (const [sentence, id] of Object.entries(wrongs)) {
      expect(
        findForbiddenClaims(sentence).map((f) => f.id),
        sentence,
      ).toContain(id);
    }
    const rights = [
      'VGG was first posted in September 2014 and published at ICLR 2015.',
      'VGG-16 has 16 weight layers: 13 convolutional and 3 fully connected.',
      'He et al. argue the degradation is unlikely to be caused by vanishing gradients.',
      'Such degradation is not caused by overfitting.',
      'DenseNet adds direct connections among all layers of a block, unlike ResNet.',
      'The original ResNet paper is arXiv 1512.03385; 1603.05027 is the follow-up on identity mappings.',
      'C3 has 16 maps, each reading a subset of S2.',
      'The paper states 224×224×3, while 227 comes from the Caffe reference model.',
      'A regulariser targets the gap between training and test error, so it would not be expected to fix a training failure.',
    ];
    for (const sentence of rights) expect(findForbiddenClaims(sentence), sentence).toEqual([]);
  });

  it('collects decimal and comma-grouped figures from prose but not from component props', () => {
    expect(quotedFigures('top-5 error of 15.3% and 60,000 weights; <Stat model="vgg16" scale="2.5" />').sort()).toEqual(
      ['15.3', '60,000'].sort(),
    );
  });
});

describe('figures in prose', () => {
  it('accepts recorded, computed and derived figures and nothing else', () => {
    for (const figure of ['28.54', '17.0', '54.25', '21,797,672', '1512.03385', String(LAB_DEFAULT.learningRate)]) {
      expect(known.has(figure), figure).toBe(true);
    }
    for (const typo of ['28.45', '17', '21,797,673', '1512.03386', '7.4']) expect(known.has(typo), typo).toBe(false);
  });

  it.each(architecturePages.map((p) => [p.path, p] as const))('%s quotes only known figures', (path, page) => {
    const missing = quotedFigures(page.body).filter((figure) => !known.has(figure));
    expect(missing, `${path}: figures not in src/reference/published.ts`).toEqual([]);
  });
});

describe('the landing page', () => {
  it('links every chapter in its chapter map', () => {
    const index = pages.find((p) => p.path === 'content/index.mdx');
    for (const page of pages.filter((p) => p.path.startsWith('content/chapters/'))) {
      const slug = (page.path.split('/').pop() ?? '').replace(/\.mdx?$/, '');
      expect(index?.body, `content/index.mdx should link /chapters/${slug}/`).toContain(`](/chapters/${slug}/)`);
    }
  });
});

describe.each(pages.map((p) => [p.path, p] as const))('%s', (_path, page) => {
  it('has a title, an integer order and a description of 50-160 characters', () => {
    expect(page.frontmatter['title'] ?? '').not.toBe('');
    expect(page.frontmatter['order'] ?? '').toMatch(/^\d+$/);
    const description = page.frontmatter['description'] ?? '';
    expect(description.length).toBeGreaterThanOrEqual(50);
    expect(description.length).toBeLessThanOrEqual(160);
  });

  it('states none of the seed article’s errors as a claim', () => {
    expect(findForbiddenClaims(page.body)).toEqual([]);
  });

  it('quotes only figures the project records, computes or derives', () => {
    const missing = quotedFigures(page.body).filter((figure) => !known.has(figure));
    expect(
      missing,
      `${page.path}: figures not in src/reference/published.ts (mistyped, or not yet recorded with a source?)`,
    ).toEqual([]);
  });

  it('names only models the zoo knows', () => {
    for (const m of page.body.matchAll(/\bmodel="([^"]+)"/g)) {
      expect(isModelId(m[1] ?? ''), `${page.path}: model="${m[1] ?? ''}"`).toBe(true);
    }
  });

  it('cites only known keys', () => {
    for (const m of page.body.matchAll(/\[(@[^\]]+)\]/g)) {
      for (const key of (m[1] ?? '').split(';').map((k) => k.trim().replace(/^@/, ''))) {
        expect(Object.keys(bibliography), `${page.path}: [@${key}]`).toContain(key);
      }
    }
  });
});

describe.each(prosePages.map((p) => [p.path, p] as const))('%s as a chapter', (_path, page) => {
  it('is written, not a skeleton of headings', () => {
    expect(wordCount(page.body), `${page.path} has hardly any prose`).toBeGreaterThanOrEqual(SKELETON_WORDS);
  });

  it('gives each aside its own title (screen readers list them as landmarks)', () => {
    const titles = [...page.body.matchAll(/^:::\w+\[([^\]\n]+)\]/gm)].map((m) => m[1]);
    expect(titles.length, page.path).toBe(new Set(titles).size);
  });

  it('cites at least one source', () => {
    expect(page.body).toMatch(/\[@[a-z]+\d{4}[a-z]?(?:;\s*@[a-z]+\d{4}[a-z]?)*\]/);
  });

  it('opens with a learning goal and ends with a recap', () => {
    expect(page.body).toMatch(/^:::note\[What you will learn\]/m);
    const firstHeading = page.body.search(/^#{2,3} /m);
    const goal = page.body.search(/^:::note\[What you will learn\]/m);
    expect(firstHeading === -1 || goal < firstHeading, 'the learning goal comes before the first section').toBe(true);
    if (page.path !== 'content/index.mdx') expect(page.body).toMatch(/^## Recap\s*$/m);
  });

  // The landing page is an overview; the length bar applies to the chapters.
  if (page.path !== 'content/index.mdx') {
    it('is a full treatment, not an outline', () => {
      expect(wordCount(page.body)).toBeGreaterThanOrEqual(MIN_CHAPTER_WORDS);
    });
  }

  it('gives every image alt text and every side-by-side figure a caption', () => {
    for (const m of page.body.matchAll(/!\[([^\]]*)\]\(/g)) expect((m[1] ?? '').trim(), page.path).not.toBe('');
    for (const m of page.body.matchAll(/<img\b[^>]*>/g)) expect(m[0], page.path).toMatch(/\balt="[^"]+"/);
    for (const m of page.body.matchAll(/<Figure3\b[^>]*?(\/?)>([\s\S]*?)(?:<\/Figure3>|$)/g)) {
      expect(m[1], `${page.path}: <Figure3> needs a <figcaption> child`).toBe('');
      expect(m[2] ?? '', `${page.path}: <Figure3> needs a <figcaption> child`).toMatch(
        /<figcaption>[\s\S]*\S[\s\S]*<\/figcaption>/,
      );
    }
  });
});

/** Every `:::caution[Common misconception: …]` block of a page: its title and its text. */
function misconceptionAsides(page: Page): { title: string; text: string }[] {
  return [
    ...page.body.matchAll(/^:::caution\[Common misconception(?::\s*([^\]\n]*))?\][^\n]*\n([\s\S]*?)^:::[ \t]*$/gm),
  ].map((m) => ({ title: (m[1] ?? '').trim(), text: m[2] ?? '' }));
}

/** The wrong claims an aside quotes: phrases of three or more words in straight or curly quotes. */
function quotedClaims(text: string): string[] {
  return [...text.matchAll(/["“]([^"”\n]+)["”]/g)]
    .map((m) => (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ').trim())
    .filter((q) => q.split(' ').length >= 3);
}

describe('Common misconception asides', () => {
  const asides = pages.flatMap((page) => misconceptionAsides(page).map((a) => ({ ...a, path: page.path })));

  it('exist, each with a title naming the misconception', () => {
    expect(asides.length).toBeGreaterThan(0);
    for (const a of asides) expect(a.title, a.path).not.toBe('');
  });

  it('refute each misconception in one place only (other pages link to it)', () => {
    const byTitle = new Map<string, string>();
    for (const a of asides) {
      const key = a.title.toLowerCase();
      expect(byTitle.get(key), `"${a.title}" is defined in ${byTitle.get(key) ?? ''} and again in ${a.path}`).toBe(
        undefined,
      );
      byTitle.set(key, a.path);
    }
    const byClaim = new Map<string, string>();
    for (const a of asides) {
      for (const claim of quotedClaims(a.text)) {
        const where = `${a.path} ("${a.title}")`;
        expect(byClaim.get(claim), `the claim "${claim}" is refuted in ${byClaim.get(claim) ?? ''} and ${where}`).toBe(
          undefined,
        );
        byClaim.set(claim, where);
      }
    }
  });
});

/** The "## Exercises" section of a page (up to the next level-2 heading), or null. */
function exercisesOf(body: string): string | null {
  const start = body.search(/^## Exercises\s*$/m);
  if (start === -1) return null;
  const rest = body.slice(start + 1);
  const next = rest.search(/^## /m);
  return next === -1 ? rest : rest.slice(0, next);
}

/** The answers of an exercises section: the contents of its `<details>` blocks, summary removed. */
function answersOf(section: string): string[] {
  return [...section.matchAll(/<details>([\s\S]*?)<\/details>/g)].map((m) =>
    (m[1] ?? '').replace(/<summary>[\s\S]*?<\/summary>/, ''),
  );
}

/** Figures typed by hand in an answer (math, citations and component props aside): grouped, decimal or four-digit. */
function typedFigures(answer: string): string[] {
  const prose = proseOf(answer)
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\[@[^\]]*\]/g, ' ');
  return [
    ...prose.matchAll(/(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.])\d+\.\d+(?![\d.])|(?<![\d.,])\d{4,}/g),
  ].map((m) => m[0]);
}

const chapterPages = prosePages.filter((p) => p.path.startsWith('content/chapters/'));

describe.each(chapterPages.map((p) => [p.path, p] as const))('%s exercises', (path, page) => {
  const section = exercisesOf(page.body);

  it('end the chapter, after the recap, with at least three answers folded away', () => {
    expect(section, `${path}: add a "## Exercises" section after the recap`).not.toBeNull();
    expect(page.body.search(/^## Exercises\s*$/m)).toBeGreaterThan(page.body.search(/^## Recap\s*$/m));
    const answers = answersOf(section ?? '');
    expect(answers.length, `${path}: each exercise needs its answer in <details>`).toBeGreaterThanOrEqual(3);
    for (const m of (section ?? '').matchAll(/<details>([\s\S]*?)<\/details>/g)) {
      expect(m[1] ?? '', `${path}: every <details> starts with a <summary>`).toMatch(/^\s*<summary>\S[^<]*<\/summary>/);
    }
  });

  it('take their computed answers from the model zoo, never typed by hand', () => {
    const answers = answersOf(section ?? '');
    expect(
      answers.some((a) => /<(?:Stat|ShapeOf)\b/.test(a)),
      `${path}: at least one answer is a number from <Stat> or <ShapeOf>`,
    ).toBe(true);
    for (const answer of answers) {
      const typed = typedFigures(answer).filter((f) => !PUBLISHED.some((p) => p.value === f));
      expect(typed, `${path}: an answer types a figure; use <Stat> or <ShapeOf> (or record a published one)`).toEqual(
        [],
      );
    }
  });

  it('ask for no model or part the zoo does not know', () => {
    for (const m of (section ?? '').matchAll(/<(?:Stat|ShapeOf)\b[^>]*\bmodel="([^"]+)"[^>]*\bat="([^"]+)"/g)) {
      const [, model = '', at = ''] = m;
      expect(isModelId(model), `${path}: model="${model}"`).toBe(true);
      expect(() => partOf(model, at), `${path}: ${model} at="${at}"`).not.toThrow();
    }
  });
});

/**
 * The chapter says in words what the lab's default run is (content/chapters/how-deep.mdx, "The
 * depth-degradation lab"); this keeps those words equal to src/lab/config.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT } from '../../../src/lab/config.ts';

const chapter = readFileSync(new URL('../../../content/chapters/how-deep.mdx', import.meta.url), 'utf8');
const section = chapter.slice(chapter.indexOf('## The depth-degradation lab'), chapter.indexOf('## Recap'));

/** "8, 20 and 32". */
function list(values: readonly number[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${String(values.at(-1))}`;
}

describe('the chapter describes the lab’s default run as src/lab/config.ts defines it', () => {
  it('embeds the lab, loaded when visible', () => {
    expect(section).toContain('<DepthLab client:visible />');
  });

  it('names every setting of the default configuration, before the lab', () => {
    // The sentence is written for this configuration; a change here needs the chapter rewritten.
    expect(DEFAULT).toMatchObject({
      dataset: 'fashion-mnist',
      architecture: 'conv',
      optimizer: 'sgd',
      schedule: 'constant',
    });
    const before = section.slice(0, section.indexOf('<DepthLab')).replace(/\s+/g, ' ');
    const w = DEFAULT.width;
    for (const phrase of [
      "He et al.'s CIFAR-style ConvNets",
      `plain and residual twins at depths ${list(DEFAULT.depths)}`,
      `with ${list([w, 2 * w, 4 * w])} filters in the three stages`,
      `on Fashion-MNIST pictures averaged down to ${DEFAULT.inputSize}×${DEFAULT.inputSize} pixels`,
      `SGD at a constant learning rate of ${DEFAULT.learningRate} and momentum ${DEFAULT.momentum}`,
      `in batches of ${DEFAULT.batchSize} images for ${DEFAULT.steps} steps per network`,
      `from seed ${DEFAULT.seed}`,
      '<RunStat stat="epochs" digits={3} /> passes over the training images',
      '<RunStat family="plain" stat="lossRatio" digits={3} />',
      '<RunStat family="resnet" stat="lossRatio" digits={3} />',
    ]) {
      expect(before).toContain(phrase);
    }
    expect(section.replace(/\s+/g, ' ')).toContain("it is not the paper's CIFAR-10 run");
  });
});

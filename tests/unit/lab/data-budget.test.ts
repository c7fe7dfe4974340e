import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONFIGS } from '../../../src/lab/config.ts';
import { prepareDataset } from '../../../src/lab/experiment.ts';
import { loadDataset } from '../../../src/training/dataset.ts';

const DATA = join(import.meta.dirname, '../../../public/data');

describe('data the depth lab fetches on start', () => {
  it.each(Object.keys(CONFIGS))('%s: only the images at its input size, and their labels', async (name) => {
    const config = CONFIGS[name];
    if (!config) throw new Error(name);
    const fetched: string[] = [];
    const dataset = await loadDataset({
      baseUrl: 'http://site.test/data/',
      datasetId: config.dataset,
      size: config.inputSize,
      fetch: (input) => {
        const path = new URL(input instanceof Request ? input.url : input.toString()).pathname.replace('/data/', '');
        fetched.push(path);
        return Promise.resolve(new Response(readFileSync(join(DATA, path))));
      },
    });
    // What it trains on is what it fetched: no shrinking left to do.
    expect(prepareDataset(dataset, config)).toBe(dataset);
    const files = fetched.filter((path) => path !== 'manifest.json');
    const raw = files.reduce((sum, path) => sum + readFileSync(join(DATA, path)).length, 0);
    const gzip = files.reduce((sum, path) => sum + gzipSync(readFileSync(join(DATA, path)), { level: 9 }).length, 0);
    const images = dataset.train.count + dataset.test.count;
    const [, , channels] = dataset.entry.imageShape;
    // Bytes: one per pixel at the size trained on, one per label; nothing at full size.
    expect(raw, `${name}: ${files.join(', ')}`).toBe(images * config.inputSize ** 2 * channels + images);
    console.log(`${name}: ${(raw / 1024).toFixed(0)} KB raw, ${(gzip / 1024).toFixed(0)} KB gzip of data`);
  });
});

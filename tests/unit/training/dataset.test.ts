import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DataError,
  downsampleImages,
  loadDataset,
  parseManifest,
  sha256Hex,
  verifyFile,
  type LoadProgress,
} from '../../../src/training/dataset.ts';

const DATA = join(import.meta.dirname, '../../../public/data');
const BASE = 'http://site.test/data/';

type Tamper = (path: string, bytes: Uint8Array) => Uint8Array | null;

/** A fetch that serves public/data/ from disk, streaming in chunks, with optional damage. */
function diskFetch(tamper: Tamper = (_p, b) => b): typeof fetch {
  return (input: RequestInfo | URL) => {
    const path = new URL(input instanceof Request ? input.url : input.toString()).pathname.replace('/data/', '');
    let bytes: Uint8Array | null;
    try {
      bytes = tamper(path, new Uint8Array(readFileSync(join(DATA, path))));
    } catch {
      bytes = null;
    }
    if (!bytes) return Promise.resolve(new Response('not found', { status: 404 }));
    const body = bytes;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 1 << 20) controller.enqueue(body.slice(i, i + (1 << 20)));
        controller.close();
      },
    });
    return Promise.resolve(new Response(stream, { status: 200 }));
  };
}

async function failure(tamper: Tamper): Promise<DataError> {
  try {
    await loadDataset({ baseUrl: BASE, datasetId: 'mnist', fetch: diskFetch(tamper) });
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('the committed data files', () => {
  it('load and verify, with progress up to the total', async () => {
    const progress: LoadProgress[] = [];
    const dataset = await loadDataset({
      baseUrl: BASE,
      datasetId: 'mnist',
      fetch: diskFetch(),
      onProgress: (p) => progress.push(p),
    });
    expect(dataset.train.count).toBe(8000);
    expect(dataset.test.count).toBe(2000);
    expect(dataset.train.images.length).toBe(8000 * 28 * 28);
    expect(dataset.entry.licence).toBe('MIT');
    expect(progress.at(-1)?.loadedBytes).toBe(progress.at(-1)?.totalBytes);
    expect(progress.at(-1)?.totalBytes).toBe(8000 * 785 + 2000 * 785);
    const loaded = progress.map((p) => p.loadedBytes);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
  });

  it('hold both data sets, with disjoint deterministic splits of the promised sizes', async () => {
    const fashion = await loadDataset({ baseUrl: BASE, datasetId: 'fashion-mnist', fetch: diskFetch() });
    expect(fashion.train.count + fashion.test.count).toBeLessThanOrEqual(12_000);
    expect(fashion.entry.classes).toHaveLength(10);
    const manifest = parseManifest(JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8')));
    const mnist = manifest.datasets['mnist'];
    expect((mnist?.splits.train.count ?? 0) + (mnist?.splits.test.count ?? 0)).toBe(10_000);
  });
});

describe('the prepared smaller copies', () => {
  it.each([
    ['mnist', 14],
    ['mnist', 7],
    ['fashion-mnist', 7],
    ['fashion-mnist', 14],
  ] as const)('%s at %i x %i is the full set shrunk by downsampleImages, fetched alone', async (id, size) => {
    const fetched: string[] = [];
    const fetchDisk = diskFetch((path, bytes) => {
      fetched.push(path);
      return bytes;
    });
    const full = await loadDataset({ baseUrl: BASE, datasetId: id, fetch: fetchDisk });
    fetched.length = 0;
    const small = await loadDataset({ baseUrl: BASE, datasetId: id, fetch: fetchDisk, size });
    expect(small.entry.imageShape).toEqual([size, size, 1]);
    expect(fetched.filter((p) => p.endsWith('-images.u8'))).toEqual([]);
    expect(fetched).toContain(`${id}/train-images-${size}x${size}.u8`);
    expect(small.train.labels).toEqual(full.train.labels);
    for (const split of ['train', 'test'] as const) {
      const shrunk = downsampleImages(full[split].images, full[split].count, full.entry.imageShape, size);
      expect(Buffer.from(small[split].images).equals(Buffer.from(shrunk)), `${split} images`).toBe(true);
    }
  });

  it('a size without a prepared copy loads the full size', async () => {
    const dataset = await loadDataset({ baseUrl: BASE, datasetId: 'mnist', fetch: diskFetch(), size: 4 });
    expect(dataset.entry.imageShape).toEqual([28, 28, 1]);
  });

  it('a damaged copy is refused like any file', async () => {
    const damaged = diskFetch((path, bytes) => (path.endsWith('-7x7.u8') ? bytes.slice(0, 10) : bytes));
    await expect(loadDataset({ baseUrl: BASE, datasetId: 'mnist', fetch: damaged, size: 7 })).rejects.toThrow(
      /truncated/,
    );
  });

  it('the manifest refuses a size that does not divide the images or whose byte count is wrong', () => {
    const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8')) as {
      datasets: { mnist: { sizes: Record<string, unknown> } };
    };
    const entry = manifest.datasets.mnist;
    const seven = entry.sizes['7'];
    entry.sizes = { '5': seven };
    expect(() => parseManifest(manifest)).toThrow(/sizes\.5 is not a side length/);
    entry.sizes = { '14': seven };
    expect(() => parseManifest(manifest)).toThrow(/sizes\.14 sizes do not match/);
  });
});

describe('damaged data gives a clear, retryable error', () => {
  it('a missing file', async () => {
    const error = await failure((path, bytes) => (path === 'mnist/test-labels.u8' ? null : bytes));
    expect(error.kind).toBe('missing');
    expect(error.message).toBe(
      'The data file mnist/test-labels.u8 could not be downloaded (HTTP 404). Retry in a moment.',
    );
  });

  it('a truncated file', async () => {
    const error = await failure((path, bytes) => (path === 'mnist/train-images.u8' ? bytes.subarray(0, 1000) : bytes));
    expect(error.kind).toBe('truncated');
    expect(error.message).toBe(
      'The data file mnist/train-images.u8 is truncated: 1000 of 6272000 bytes arrived. Retry the download.',
    );
  });

  it('a corrupted file', async () => {
    const error = await failure((path, bytes) => {
      if (path !== 'mnist/test-images.u8') return bytes;
      const copy = bytes.slice();
      copy[500] = (copy[500] ?? 0) ^ 0xff;
      return copy;
    });
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain('mnist/test-images.u8 is corrupted');
  });

  it('a manifest that is not JSON', async () => {
    const error = await failure((path, bytes) =>
      path === 'manifest.json' ? new TextEncoder().encode('{oops') : bytes,
    );
    expect(error).toMatchObject({
      kind: 'manifest',
      message: 'The data manifest is not valid JSON. Retry the download.',
    });
  });

  it('an unknown data set', async () => {
    await expect(loadDataset({ baseUrl: BASE, datasetId: 'cifar', fetch: diskFetch() })).rejects.toThrow(
      'no data set "cifar"',
    );
  });

  it('a network failure', async () => {
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(loadDataset({ baseUrl: BASE, datasetId: 'mnist', fetch: offline })).rejects.toMatchObject({
      kind: 'network',
    });
  });
});

describe('parseManifest', () => {
  const good = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8')) as {
    datasets: { mnist: { splits: { train: Record<string, unknown> } } };
  };
  it('rejects a wrong version', () => {
    expect(() => parseManifest({ version: 2, datasets: {} })).toThrow(
      'The data manifest is invalid (expected version 1 with datasets)',
    );
  });
  it('rejects sizes that do not match the counts', () => {
    const bad = structuredClone(good);
    bad.datasets.mnist.splits.train['count'] = 7999;
    expect(() => parseManifest(bad)).toThrow('datasets.mnist.splits.train.images holds 6272000 bytes, not 7999 x 784');
  });
  it('rejects a path that leaves the data folder', () => {
    const bad = structuredClone(good);
    (bad.datasets.mnist.splits.train['images'] as { path: string }).path = '../secret';
    expect(() => parseManifest(bad)).toThrow('datasets.mnist.splits.train.images.path is not a relative path');
  });
});

describe('verifyFile', () => {
  it('rejects a file longer than the manifest says', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const entry = { path: 'f', bytes: 2, sha256: await sha256Hex(bytes.subarray(0, 2)) };
    await expect(verifyFile(bytes, entry)).rejects.toMatchObject({ kind: 'corrupt' });
    await expect(verifyFile(bytes.subarray(0, 2), entry)).resolves.toBeUndefined();
  });
});

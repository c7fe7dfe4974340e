/**
 * Loads the prepared data sets from public/data/ (see scripts/prepare-data.mjs): parses and
 * checks the manifest, fetches each file with progress, and verifies its size and SHA-256.
 * A missing, truncated or corrupted file throws a {@link DataError} that names the file and says
 * what to do; nothing hangs and no NaN reaches the model. DOM-free: works in a window, a worker
 * and Node.
 */

/** One file of a split, as listed in the manifest. */
export interface DataFileEntry {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** One split (train or test) of a data set. */
export interface SplitEntry {
  readonly count: number;
  readonly classCounts: readonly number[];
  readonly images: DataFileEntry;
  readonly labels: DataFileEntry;
}

/** One data set in the manifest. */
export interface DatasetEntry {
  readonly name: string;
  readonly source: string;
  readonly licence: string;
  /** [height, width, channels] */
  readonly imageShape: readonly [number, number, number];
  readonly classes: readonly string[];
  readonly splitRule: string;
  readonly splits: { readonly train: SplitEntry; readonly test: SplitEntry };
  /**
   * Prepared copies of the images at smaller sizes (by side length, e.g. "14"), made with
   * {@link downsampleImages}; the labels are the full-size splits' own.
   */
  readonly sizes?: Readonly<Record<string, SizedImages>>;
}

/** The image files of a data set shrunk to `size` x `size`. */
export interface SizedImages {
  readonly train: DataFileEntry;
  readonly test: DataFileEntry;
}

/** public/data/manifest.json */
export interface DataManifest {
  readonly version: 1;
  readonly datasets: Readonly<Record<string, DatasetEntry>>;
}

/** A loaded split: `images` is count x height x width x channels uint8, `labels` is count uint8. */
export interface Split {
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/** A loaded, verified data set. */
export interface Dataset {
  readonly id: string;
  readonly entry: DatasetEntry;
  readonly train: Split;
  readonly test: Split;
}

/** Why loading failed. */
export type DataErrorKind = 'missing' | 'network' | 'truncated' | 'corrupt' | 'manifest';

/** A loading failure with a reader-facing message. All kinds are worth a retry. */
export class DataError extends Error {
  readonly kind: DataErrorKind;
  readonly file: string;
  constructor(kind: DataErrorKind, file: string, message: string) {
    super(message);
    this.name = 'DataError';
    this.kind = kind;
    this.file = file;
  }
}

/** Progress of a load, in bytes over all files of the data set. */
export interface LoadProgress {
  readonly loadedBytes: number;
  readonly totalBytes: number;
  readonly file: string;
}

/** Data sets by their proper names, for "Loading the MNIST digits…" rather than an id. */
const DATASET_NAMES: Readonly<Record<string, string>> = {
  mnist: 'the MNIST digits',
  'fashion-mnist': 'the Fashion-MNIST images',
};

/** A data set's name as a reader knows it; an unknown id is returned as it is. */
export function datasetName(datasetId: string): string {
  return DATASET_NAMES[datasetId] ?? datasetId;
}

/** What the loader needs from its host. */
export interface LoaderOptions {
  /** URL of the folder that holds manifest.json, ending in '/'. */
  readonly baseUrl: string;
  readonly datasetId: string;
  readonly fetch: typeof fetch;
  readonly onProgress?: (progress: LoadProgress) => void;
  /**
   * The side length the caller trains at: where the manifest lists a prepared copy of that size,
   * its images are fetched instead of the full-size ones (and the entry's imageShape says so).
   */
  readonly size?: number;
  /** SHA-256 as lowercase hex; defaults to Web Crypto. */
  readonly digest?: (bytes: Uint8Array) => Promise<string>;
  readonly signal?: AbortSignal;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(detail: string): never {
  throw new DataError(
    'manifest',
    'manifest.json',
    `The data manifest is invalid (${detail}). Reload the page to try again.`,
  );
}

function parseFile(value: unknown, where: string): DataFileEntry {
  if (!isRecord(value)) fail(`${where} is missing`);
  const { path, bytes, sha256 } = value;
  if (typeof path !== 'string' || path.includes('..') || path.startsWith('/'))
    fail(`${where}.path is not a relative path`);
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0) fail(`${where}.bytes is not a byte count`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) fail(`${where}.sha256 is not a SHA-256`);
  return { path, bytes, sha256 };
}

function parseSplit(value: unknown, where: string, pixels: number, classes: number): SplitEntry {
  if (!isRecord(value)) fail(`${where} is missing`);
  const { count, classCounts } = value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0)
    fail(`${where}.count is not a positive integer`);
  if (!Array.isArray(classCounts) || classCounts.length !== classes || !classCounts.every((n) => Number.isInteger(n))) {
    fail(`${where}.classCounts does not list ${classes} counts`);
  }
  const images = parseFile(value['images'], `${where}.images`);
  const labels = parseFile(value['labels'], `${where}.labels`);
  if (images.bytes !== count * pixels) fail(`${where}.images holds ${images.bytes} bytes, not ${count} x ${pixels}`);
  if (labels.bytes !== count) fail(`${where}.labels holds ${labels.bytes} bytes, not ${count}`);
  return { count, classCounts: classCounts as number[], images, labels };
}

function parseSizes(
  value: unknown,
  where: string,
  [h, w, c]: readonly [number, number, number],
  trainCount: number,
  testCount: number,
): Record<string, SizedImages> | null {
  if (value === undefined) return null;
  if (!isRecord(value)) fail(`${where} is not an object`);
  const sizes: Record<string, SizedImages> = {};
  for (const [key, files] of Object.entries(value)) {
    const size = Number(key);
    if (!Number.isInteger(size) || size <= 0 || h % size !== 0 || w % size !== 0 || size >= Math.max(h, w))
      fail(`${where}.${key} is not a side length that divides ${h}x${w}`);
    if (!isRecord(files)) fail(`${where}.${key} is missing`);
    const train = parseFile(files['train'], `${where}.${key}.train`);
    const test = parseFile(files['test'], `${where}.${key}.test`);
    if (train.bytes !== trainCount * size * size * c || test.bytes !== testCount * size * size * c)
      fail(`${where}.${key} sizes do not match ${size}x${size} images`);
    sizes[key] = { train, test };
  }
  return sizes;
}

/**
 * Averages `factor` x `factor` pixel squares (factor = height / size), rounding to the nearest
 * level: 28x28 images to 14x14 at factor 2. The one definition of a smaller copy, used by the data
 * preparation (scripts/prepare-data.mjs) and by the lab when no prepared copy exists.
 */
export function downsampleImages(
  images: Uint8Array,
  count: number,
  [h, w, c]: readonly [number, number, number],
  size: number,
): Uint8Array {
  const factor = h / size;
  if (!Number.isInteger(factor) || w / size !== factor)
    throw new Error(`Cannot downsample ${h}x${w} images to ${size}x${size}.`);
  const out = new Uint8Array(count * size * size * c);
  const area = factor * factor;
  for (let n = 0; n < count; n += 1) {
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) {
        for (let k = 0; k < c; k += 1) {
          let sum = 0;
          for (let dy = 0; dy < factor; dy += 1) {
            for (let dx = 0; dx < factor; dx += 1)
              sum += images[((n * h + y * factor + dy) * w + x * factor + dx) * c + k] as number;
          }
          out[((n * size + y) * size + x) * c + k] = Math.round(sum / area);
        }
      }
    }
  }
  return out;
}

/** Validates parsed manifest JSON; throws a {@link DataError} of kind 'manifest' naming the problem. */
export function parseManifest(json: unknown): DataManifest {
  if (!isRecord(json) || json['version'] !== 1 || !isRecord(json['datasets'])) fail('expected version 1 with datasets');
  const datasets: Record<string, DatasetEntry> = {};
  for (const [id, raw] of Object.entries(json['datasets'])) {
    if (!isRecord(raw)) fail(`datasets.${id} is not an object`);
    const { name, source, licence, imageShape, classes, splitRule, splits } = raw;
    if (
      typeof name !== 'string' ||
      typeof source !== 'string' ||
      typeof licence !== 'string' ||
      typeof splitRule !== 'string'
    ) {
      fail(`datasets.${id} lacks name, source, licence or splitRule`);
    }
    if (
      !Array.isArray(imageShape) ||
      imageShape.length !== 3 ||
      !imageShape.every((n) => Number.isInteger(n) && n > 0)
    ) {
      fail(`datasets.${id}.imageShape is not [height, width, channels]`);
    }
    if (!Array.isArray(classes) || classes.length < 2 || !classes.every((c) => typeof c === 'string')) {
      fail(`datasets.${id}.classes is not a list of names`);
    }
    if (!isRecord(splits)) fail(`datasets.${id}.splits is missing`);
    const shape = imageShape as [number, number, number];
    const pixels = shape[0] * shape[1] * shape[2];
    const train = parseSplit(splits['train'], `datasets.${id}.splits.train`, pixels, classes.length);
    const test = parseSplit(splits['test'], `datasets.${id}.splits.test`, pixels, classes.length);
    const sizes = parseSizes(raw['sizes'], `datasets.${id}.sizes`, shape, train.count, test.count);
    datasets[id] = {
      name,
      source,
      licence,
      imageShape: shape,
      classes: classes,
      splitRule,
      splits: { train, test },
      ...(sizes ? { sizes } : {}),
    };
  }
  return { version: 1, datasets };
}

/** SHA-256 of `bytes` as lowercase hex, with Web Crypto (windows, workers, Node 20+). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checks a downloaded file against its manifest entry. */
export async function verifyFile(
  bytes: Uint8Array,
  entry: DataFileEntry,
  digest: (bytes: Uint8Array) => Promise<string> = sha256Hex,
): Promise<void> {
  if (bytes.byteLength < entry.bytes) {
    throw new DataError(
      'truncated',
      entry.path,
      `The data file ${entry.path} is truncated: ${bytes.byteLength} of ${entry.bytes} bytes arrived. Retry the download.`,
    );
  }
  if (bytes.byteLength > entry.bytes) {
    throw new DataError(
      'corrupt',
      entry.path,
      `The data file ${entry.path} is ${bytes.byteLength} bytes, expected ${entry.bytes}. Retry the download.`,
    );
  }
  const actual = await digest(bytes);
  if (actual !== entry.sha256) {
    throw new DataError(
      'corrupt',
      entry.path,
      `The data file ${entry.path} is corrupted (its SHA-256 does not match the manifest). Retry the download.`,
    );
  }
}

async function fetchOrFail(options: LoaderOptions, path: string): Promise<Response> {
  let response: Response;
  try {
    response = await options.fetch(
      new URL(path, options.baseUrl).href,
      options.signal ? { signal: options.signal } : {},
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new DataError(
      'network',
      path,
      `The data file ${path} could not be downloaded (network error). Check the connection and retry.`,
    );
  }
  if (!response.ok) {
    const kind = response.status === 404 ? 'missing' : 'network';
    throw new DataError(
      kind,
      path,
      `The data file ${path} could not be downloaded (HTTP ${response.status}). Retry in a moment.`,
    );
  }
  return response;
}

/** Reads a response body into exactly `expected` bytes' worth of buffer, reporting progress. */
async function readBody(response: Response, expected: number, onChunk: (bytes: number) => void): Promise<Uint8Array> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onChunk(bytes.byteLength);
    return bytes;
  }
  const reader = response.body.getReader();
  let buffer = new Uint8Array(expected);
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.max(buffer.byteLength * 2, length + value.byteLength));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(value, length);
    length += value.byteLength;
    onChunk(value.byteLength);
  }
  return buffer.subarray(0, length);
}

/** Loads and verifies one data set (train and test splits). */
export async function loadDataset(options: LoaderOptions): Promise<Dataset> {
  const manifestResponse = await fetchOrFail(options, 'manifest.json');
  let json: unknown;
  try {
    json = await manifestResponse.json();
  } catch {
    throw new DataError('manifest', 'manifest.json', 'The data manifest is not valid JSON. Retry the download.');
  }
  const manifest = parseManifest(json);
  const full = manifest.datasets[options.datasetId];
  if (!full)
    throw new DataError('manifest', 'manifest.json', `The data manifest has no data set "${options.datasetId}".`);
  const sized = options.size === undefined ? undefined : full.sizes?.[String(options.size)];
  const entry: DatasetEntry =
    sized && options.size !== undefined
      ? { ...full, imageShape: [options.size, options.size, full.imageShape[2]] }
      : full;
  const files = [
    sized?.train ?? entry.splits.train.images,
    entry.splits.train.labels,
    sized?.test ?? entry.splits.test.images,
    entry.splits.test.labels,
  ];
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  let loadedBytes = 0;
  const loaded = await Promise.all(
    files.map(async (file) => {
      const response = await fetchOrFail(options, file.path);
      const bytes = await readBody(response, file.bytes, (chunk) => {
        loadedBytes += chunk;
        options.onProgress?.({ loadedBytes: Math.min(loadedBytes, totalBytes), totalBytes, file: file.path });
      });
      await verifyFile(bytes, file, options.digest);
      return bytes;
    }),
  );
  const [trainImages, trainLabels, testImages, testLabels] = loaded as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const classCount = entry.classes.length;
  for (const [labels, path] of [
    [trainLabels, entry.splits.train.labels.path],
    [testLabels, entry.splits.test.labels.path],
  ] as const) {
    if (labels.some((label) => label >= classCount)) {
      throw new DataError('corrupt', path, `The data file ${path} holds a label outside 0-${classCount - 1}.`);
    }
  }
  return {
    id: options.datasetId,
    entry,
    train: { count: entry.splits.train.count, images: trainImages, labels: trainLabels },
    test: { count: entry.splits.test.count, images: testImages, labels: testLabels },
  };
}

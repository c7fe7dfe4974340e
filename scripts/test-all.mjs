// `npm test`: every check of the project, in order, ending with one line "N passed, N failed".
// Tool checks (types, lint, format, build) count as one test each; unit and end-to-end tests count
// one per test case, read from their JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

const results = { passed: 0, failed: 0 };
/** Titles of the failed tests, printed again at the end. */
const failedTests = [];
const failures = [];

/** Runs a command, streaming its output; returns true when it exits 0. */
function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = child.status === 0;
  console.log(
    `━━ ${label}: ${ok ? 'ok' : `FAILED (exit ${child.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return ok;
}

function tool(label, command, args, env = {}) {
  const ok = run(label, command, args, env);
  results[ok ? 'passed' : 'failed'] += 1;
  if (!ok) failures.push(label);
  return ok;
}

/** Titles of the failed tests of a Vitest JSON report (a suite that failed to load counts too). */
function vitestFailures(report) {
  return (report.testResults ?? []).flatMap((file) => {
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => a.fullName);
    return failed.length === 0 && file.status === 'failed' ? [`${file.name}: ${file.message ?? 'failed'}`] : failed;
  });
}

/**
 * Titles (file › title) of the tests of a Playwright JSON report that failed every try, then of
 * those that passed only on a retry (marked flaky).
 */
function playwrightFailures(report) {
  const specs = (suite) => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
  const all = (report.suites ?? []).flatMap(specs);
  const title = (spec) => `${spec.file} › ${spec.title}`;
  return [
    ...all.filter((spec) => !spec.ok).map(title),
    ...all
      .filter((spec) => spec.ok && (spec.tests ?? []).some((t) => t.status === 'flaky'))
      .map((spec) => `${title(spec)} (flaky: passed on its retry)`),
  ];
}

/**
 * Adds the counts of a JSON report and keeps the titles of its failures for the summary (CI shows
 * the end of the output only); a missing report counts as one failure of `label`.
 */
function count(label, file, read, failedTitles = () => []) {
  if (!existsSync(file)) {
    results.failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const { passed, failed } = read(report);
  console.log(`━━ ${label}: ${passed} passed, ${failed} failed`);
  results.passed += passed;
  results.failed += failed;
  if (failed > 0) failures.push(`${label} (${failed} failed)`);
  for (const title of failedTitles(report)) failedTests.push(`${label}: ${title}`);
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const npx = 'npx';

tool('types (astro check)', npx, ['astro', 'check']);
tool('lint (eslint)', npx, ['eslint', '.', '--max-warnings=0']);
tool('format (prettier)', npx, ['prettier', '--check', '.']);

// The fast unit tests and the long training runs are separate Vitest projects, reported apart.
for (const [project, label] of [
  ['unit', 'unit tests'],
  ['training', 'long training tests'],
]) {
  run(`${label} (vitest --project ${project})`, npx, [
    'vitest',
    'run',
    `--project=${project}`,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=test-results/${project}.json`,
  ]);
  count(
    label,
    `test-results/${project}.json`,
    (r) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0),
    }),
    vitestFailures,
  );
}

const built = tool('build (astro build)', npx, ['astro', 'build']);
if (built) {
  let chromium;
  try {
    chromium = findChromium();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  }
  if (chromium) {
    run('end-to-end tests (playwright)', npx, ['playwright', 'test'], { CHROMIUM_PATH: chromium });
    count(
      'end-to-end tests',
      'test-results/e2e.json',
      (r) => ({
        passed: r.stats.expected + r.stats.flaky,
        failed: r.stats.unexpected,
      }),
      playwrightFailures,
    );
    // The same site under a sub-path, as a GitHub Pages project site serves it (no isolation
    // headers): navigation, demos, search, then offline reading (tests/e2e/base-path, offline).
    const subPath = {
      BASE_PATH: '/why-resnets-work/',
      ASTRO_OUT_DIR: 'dist-base',
      E2E_PORT: String(Number(process.env['E2E_PORT'] ?? 4321) + 1),
      E2E_REPORT: 'test-results/e2e-base-path.json',
      CHROMIUM_PATH: chromium,
    };
    if (tool('build under a base path (astro build)', npx, ['astro', 'build'], subPath)) {
      run('end-to-end tests under a base path, offline', npx, ['playwright', 'test'], subPath);
      count(
        'end-to-end tests under a base path',
        subPath.E2E_REPORT,
        (r) => ({
          passed: r.stats.expected + r.stats.flaky,
          failed: r.stats.unexpected,
        }),
        playwrightFailures,
      );
    }
  } else {
    results.failed += 1;
    failures.push('end-to-end tests (no Chromium)');
  }
} else {
  results.failed += 1;
  failures.push('end-to-end tests (not run: the build failed)');
}

for (const title of failedTests) console.log(`✘ ${title}`);
if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 ? 1 : 0);

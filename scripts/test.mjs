// `npm test`: everything CI checks, in one command. Runs every stage even after a failure so
// the summary is complete, and ends with the line `N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ensureInstalled, pnpm, repoRoot, run, say } from './lib/steps.mjs';

const RESULTS_DIR = join(repoRoot, 'test-results');
const VITEST_REPORT = join(RESULTS_DIR, 'vitest.json');
const PLAYWRIGHT_REPORT = join(RESULTS_DIR, 'playwright.json');

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */
/** @typedef {{ name: string, ok: boolean | undefined, ms: number, counts?: Counts, note?: string, failures?: string[] }} Stage */

/** @type {Stage[]} */
const stages = [];

async function stage(name, what, action) {
  say(`${name}: ${what}`);
  const started = Date.now();
  // A bug in this script must not hide the stages after it.
  const outcome = await action().catch((error) => {
    console.error(error);
    return { ok: false, note: `crashed: ${error.message}` };
  });
  const entry = { name, ms: Date.now() - started, ...outcome };
  stages.push(entry);
  console.log(
    `\n--- ${name} ${entry.ok ? 'passed' : 'FAILED'}${entry.note ? ` (${entry.note})` : ''}`,
  );
  return entry.ok;
}

function notRun(name, why) {
  stages.push({ name, ok: undefined, ms: 0, note: why });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// A runner that crashed writes no report, or one that lists no failure despite its exit
// code: either way the stage counts as (at least) one failure.
function testStage(exitCode, counts, failures = []) {
  if (counts === undefined) {
    return {
      ok: false,
      counts: { passed: 0, failed: 1, skipped: 0 },
      note: 'no JSON report: the runner crashed',
    };
  }
  const failed = exitCode !== 0 && counts.failed === 0 ? 1 : counts.failed;
  return { ok: exitCode === 0 && failed === 0, counts: { ...counts, failed }, failures };
}

// The first line of a failure's message, short enough for the summary.
const firstLine = (message) =>
  stripVTControlCharacters(String(message ?? ''))
    .split('\n')
    .find((text) => text.trim())
    ?.trim()
    .slice(0, 200) ?? '';

/** Each failed test (or test file that did not load) of a Vitest JSON report, in a line. */
function vitestFailures(report) {
  return (report?.testResults ?? []).flatMap((file) => {
    const name = relative(repoRoot, file.name);
    const tests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (file.status === 'failed' && tests.length === 0)
      return [`${name}: ${firstLine(file.message)}`];
    return tests.map(
      (test) => `${name} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
    );
  });
}

/** Each test of a Playwright JSON report that failed in every try, in a line. */
function playwrightFailures(report) {
  const failures = [];
  const walk = (suite, titles) => {
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(
          `${[...titles, spec.title].filter(Boolean).join(' > ')}: ${firstLine(error)}`,
        );
      }
    }
  };
  for (const suite of report?.suites ?? []) walk(suite, [suite.title]);
  for (const error of report?.errors ?? [])
    failures.push(`(outside any test): ${firstLine(error.message)}`);
  return failures;
}

/** @returns {Counts | undefined} */
function vitestCounts(report) {
  if (typeof report?.numTotalTests !== 'number') return undefined;
  // A test file that fails to load has no failed test in it, only a failed file.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !file.assertionResults?.some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** @returns {Counts | undefined} */
function playwrightCounts(report) {
  const stats = report?.stats;
  if (typeof stats?.expected !== 'number') return undefined;
  return {
    passed: stats.expected + stats.flaky,
    // Top-level errors are failures outside any test: a broken config, no tests found.
    failed: stats.unexpected + (report.errors?.length ?? 0),
    skipped: stats.skipped,
  };
}

// Asks e2e/support/browser.ts, the same code the Playwright config uses: resolves to the
// Chromium it would pick (or null) and the advice to give when there is none.
function lookForChromium() {
  const script =
    "const { findChromium, MISSING_CHROMIUM_HELP: help, SYSTEM_HEADLESS_SHELL: shell } = await import('./e2e/support/browser.ts');" +
    "process.stdout.write(JSON.stringify({ choice: findChromium('tests') ?? null, help, shell }));";
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    return { choice: null, help: `Could not look for Chromium:\n${result.stderr}` };
  }
  return JSON.parse(result.stdout);
}

function canAptInstall() {
  return (
    process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version')
  );
}

let aptUpdated = false;

/** Installs Debian packages (root on Debian/Ubuntu only); resolves to whether apt succeeded. */
async function aptInstall(packages) {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) aptUpdated = (await run('apt-get', ['update'], { env })) === 0;
  return aptUpdated && (await run('apt-get', ['install', '-y', ...packages], { env })) === 0;
}

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

// The report tests read PDFs back with poppler's pdftotext and render them with pdftoppm.
const POPPLER_TOOLS = ['pdftotext', 'pdftoppm'];

async function ensurePoppler() {
  if (!POPPLER_TOOLS.every(hasCommand) && canAptInstall()) {
    console.log("pdftotext/pdftoppm not found; installing Debian's poppler-utils with apt-get.");
    await aptInstall(['poppler-utils']);
  }
  if (!POPPLER_TOOLS.every(hasCommand)) {
    console.error(
      'The PDF export tests need pdftotext and pdftoppm: install poppler-utils (apt-get install -y poppler-utils, brew install poppler).',
    );
    return { ok: false, note: 'poppler-utils missing' };
  }
  return { ok: true, note: 'poppler-utils' };
}

// Debian's old headless shell runs the e2e tests on less CPU than the full browser (see
// e2e/support/browser.ts); a machine that has only the full one gets the shell beside it.
async function ensureChromium() {
  let found = lookForChromium();
  const onlyFullBrowser =
    found.choice?.source === 'system' && found.choice.executablePath !== found.shell;
  if ((!found.choice || onlyFullBrowser) && canAptInstall()) {
    console.log("Installing Debian's chromium-headless-shell package with apt-get.");
    await aptInstall(['chromium-headless-shell']);
    found = lookForChromium();
  }
  if (!found.choice) {
    console.error(found.help);
    return { ok: false, note: 'none found' };
  }
  const { executablePath, source } = found.choice;
  console.log(`Using ${executablePath} (found via ${source}).`);
  return { ok: true, note: executablePath };
}

function formatDuration(ms) {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

function printSummary() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const rows = stages.map((entry) => {
    if (entry.counts) {
      totals.passed += entry.counts.passed;
      totals.failed += entry.counts.failed;
      totals.skipped += entry.counts.skipped;
    } else if (entry.ok === false) {
      // A failed stage without test cases (lint, typecheck, install…) is one failure; the
      // stages it kept from running are not counted again.
      totals.failed += 1;
    }
    const result = entry.ok === undefined ? 'not run' : entry.ok ? 'passed' : 'FAILED';
    const counts = entry.counts
      ? `${entry.counts.passed} passed, ${entry.counts.failed} failed, ${entry.counts.skipped} skipped`
      : '';
    return [
      entry.name,
      result,
      entry.ok === undefined ? '' : formatDuration(entry.ms),
      counts,
      entry.note ?? '',
    ];
  });
  const header = ['stage', 'result', 'time', 'tests', 'note'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  // Named here, at the end, where a log cut to its last lines still shows them.
  const failures = stages.flatMap((entry) =>
    (entry.failures ?? []).map((failure) => `  ${entry.name}: ${failure}`),
  );
  if (failures.length > 0) console.log(`\n==> Failed\n\n${failures.join('\n')}`);
  console.log('\n==> Summary\n');
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
  console.log('');
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
  return totals.failed === 0;
}

const laterStages = ['tools', 'chromium', 'lint', 'typecheck', 'unit', 'build', 'e2e'];
const installed = await stage('install', 'dependencies from pnpm-lock.yaml', async () => ({
  ok: await ensureInstalled(),
}));
if (!installed) {
  for (const name of laterStages) notRun(name, 'install failed');
} else {
  await stage('tools', 'poppler-utils for the PDF export tests', ensurePoppler);
  const chromiumReady = await stage(
    'chromium',
    'a Chromium for the end-to-end tests',
    ensureChromium,
  );
  await stage('lint', 'Biome and the dependency-direction check (pnpm lint)', async () => ({
    ok: (await pnpm(['lint'])) === 0,
  }));
  await stage('typecheck', 'tsc in every workspace (pnpm typecheck)', async () => ({
    ok: (await pnpm(['typecheck'])) === 0,
  }));
  mkdirSync(RESULTS_DIR, { recursive: true });
  await stage('unit', 'unit and integration tests (Vitest)', async () => {
    rmSync(VITEST_REPORT, { force: true });
    const code = await pnpm([
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${VITEST_REPORT}`,
    ]);
    const report = readJson(VITEST_REPORT);
    return testStage(code, vitestCounts(report), vitestFailures(report));
  });
  const built = await stage(
    'build',
    'the web app that the e2e server serves, and the compiled server',
    async () => ({
      ok: (await pnpm(['--filter', '@plenary/web', '--filter', '@plenary/server', 'build'])) === 0,
    }),
  );
  if (!chromiumReady) notRun('e2e', 'no Chromium');
  else if (!built) notRun('e2e', 'the web app did not build');
  else {
    await stage('e2e', 'end-to-end scenarios in Chromium (Playwright)', async () => {
      rmSync(PLAYWRIGHT_REPORT, { force: true });
      const code = await pnpm(
        ['exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
        { env: { PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_REPORT } },
      );
      const report = readJson(PLAYWRIGHT_REPORT);
      return testStage(code, playwrightCounts(report), playwrightFailures(report));
    });
  }
}

process.exitCode = printSummary() ? 0 : 1;

import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './support/browser.ts';

const repoRoot = join(import.meta.dirname, '..');

export default defineConfig({
  testDir: './specs',
  // The specs start the compiled server; this compiles it from the current source.
  globalSetup: './support/globalSetup.ts',
  // Traces, screenshots and server logs of failed tests; Playwright empties it on each run,
  // so it is a folder of its own beside the JSON reports in test-results/.
  outputDir: join(repoRoot, 'test-results', 'e2e'),
  // Every test starts its own server processes, and the machines have two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    launchOptions: chromiumLaunchOptions('tests'),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // Each context is a device on its first visit, where the service worker fetches and
    // stores the whole app seconds after the opening: about a quarter of the suite's CPU
    // (7 console, discussion and projector tests: 92 against 116-121 s), spent again for
    // every person of every test. The specs about offline use and the security policy
    // allow it (`test.use({ serviceWorkers: 'allow' })`), as people's browsers do.
    serviceWorkers: 'block',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
});

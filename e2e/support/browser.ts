import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Where the Chromium that the tests drive came from. */
export type ChromiumSource = 'PLAYWRIGHT_CHROMIUM_EXECUTABLE' | 'playwright' | 'system';

/** A Chromium executable found on this machine. */
export interface ChromiumChoice {
  executablePath: string;
  source: ChromiumSource;
}

// Debian names the binary chromium; Ubuntu and older Debian, chromium-browser.
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Debian's `chromium-headless-shell`: Chromium's old headless mode, the build Playwright
 * itself runs headless tests in. The end-to-end tests took about 17% less CPU in it than in
 * the full browser's headless mode (console and smoke specs, CPU of their cgroup, 71 s against
 * 84-87 s in two alternated rounds, 2026-12-07),
 * on machines where the browser's CPU is what the run waits for.
 */
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * What the browser is for: `tests` takes the headless shell where there is one; `people`
 * takes the full browser that people use, for measurements that stand for their experience.
 */
export type ChromiumUse = 'tests' | 'people';

/**
 * Flags for running headless in containers and CI: root needs --no-sandbox, there is no GPU,
 * and a test run should not phone home for updates or sync.
 *
 * The full browser's headless mode also builds, for every new window (each browser context),
 * the address bar's suggestion popup: a WebUI renderer that loads ~400 chrome:// modules,
 * ~1.2 s of renderer CPU and ~0.3 s of the browser process's (bench/results/typing-compare.md,
 * 19:00 UTC 2026-12-07). A person's browser built it once, when its window opened; here it
 * ran beside every measured opening on 2 cores and billed the slower page the most of it.
 * The headless shell has no such popup and ignores the flag.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/**
 * A flag that makes Chromium resolve `hostName` to 127.0.0.1, so a page can be opened
 * under a venue LAN name (not a secure context, unlike localhost) on a loopback server.
 */
export const mapHostToLoopback = (hostName: string): string =>
  `--host-resolver-rules=MAP ${hostName} 127.0.0.1`;

/** Tells a person how to get a Chromium when none was found. */
export const MISSING_CHROMIUM_HELP = [
  'No Chromium was found for the end-to-end tests. Any one of these fixes it:',
  '  - Debian/Ubuntu: sudo apt-get install chromium',
  '  - elsewhere: npx playwright install chromium',
  '  - or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chrome or Chromium binary.',
].join('\n');

function bundledChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright throws on hosts it ships no browser build for.
    return undefined;
  }
}

/**
 * Picks the Chromium to drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE if set, else Playwright's own
 * build when it is installed, else the system's (for tests, its headless shell first);
 * undefined when there is none.
 */
export function findChromium(use: ChromiumUse = 'people'): ChromiumChoice | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return { executablePath: fromEnv, source: 'PLAYWRIGHT_CHROMIUM_EXECUTABLE' };
  const bundled = bundledChromium();
  if (bundled && existsSync(bundled)) return { executablePath: bundled, source: 'playwright' };
  const candidates =
    use === 'tests' ? [SYSTEM_HEADLESS_SHELL, ...SYSTEM_CHROMIUMS] : SYSTEM_CHROMIUMS;
  const system = candidates.find((path) => existsSync(path));
  return system ? { executablePath: system, source: 'system' } : undefined;
}

/** Launch options for Playwright's chromium: the chosen executable and the CI-safe flags. */
export function chromiumLaunchOptions(use: ChromiumUse = 'people'): {
  executablePath?: string;
  args: string[];
} {
  const choice = findChromium(use);
  // Without a choice Playwright looks for its own build and explains what is missing.
  return choice
    ? { executablePath: choice.executablePath, args: CHROMIUM_ARGS }
    : { args: CHROMIUM_ARGS };
}

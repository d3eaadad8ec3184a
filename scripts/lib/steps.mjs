// Shared by start.mjs and test.mjs: plain Node, no dependencies, because these run before
// anything is installed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever folder the script was started from. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The pnpm that package.json's `packageManager` names, fetched by npx when missing. */
export const PNPM_VERSION = '12.4.2';

// Written into node_modules after a successful install; a matching hash means nothing changed.
const INSTALL_STAMP = join(repoRoot, 'node_modules', '.plenary-install-stamp');

/** Prints one step so that a newcomer can follow what is happening and why. */
export function say(message) {
  console.log(`\n==> ${message}`);
}

/**
 * Runs a command in the repository root with the terminal attached; resolves to its exit
 * code (as a shell reports it, 128 + n for signal n) instead of throwing.
 */
export function run(command, args, { env = {}, cwd = repoRoot } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(exitCodeOf(code, signal)));
  });
}

/** The exit code a shell would report for a child that ended with this code or signal. */
export function exitCodeOf(code, signal) {
  if (code !== null) return code;
  return 128 + (constants.signals[signal] ?? 0);
}

/** Runs pnpm at the pinned version; resolves to its exit code. */
export function pnpm(args, options) {
  return run('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args], options);
}

function workspaceDirs() {
  return ['packages', 'apps']
    .flatMap((parent) => {
      const dir = join(repoRoot, parent);
      return existsSync(dir) ? readdirSync(dir).map((name) => join(parent, name)) : [];
    })
    .concat(['e2e', 'bench'])
    .filter((dir) => existsSync(join(repoRoot, dir, 'package.json')));
}

// Everything that decides what `pnpm install` puts on disk, plus the Node ABI that
// better-sqlite3's native binding is compiled for.
function installInputsHash() {
  const hash = createHash('sha256');
  hash.update(`pnpm ${PNPM_VERSION} node-abi ${process.versions.modules}\n`);
  for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json']) {
    hash.update(readFileSync(join(repoRoot, file)));
  }
  for (const dir of workspaceDirs()) {
    hash.update(readFileSync(join(repoRoot, dir, 'package.json')));
  }
  return hash.digest('hex');
}

function installIsCurrent(hash) {
  if (!existsSync(INSTALL_STAMP) || readFileSync(INSTALL_STAMP, 'utf8').trim() !== hash) {
    return false;
  }
  // A workspace's own node_modules can be deleted without touching the root one.
  return workspaceDirs().every((dir) => existsSync(join(repoRoot, dir, 'node_modules')));
}

/**
 * Installs dependencies exactly as the lockfile says, unless the last install already did.
 * Resolves to true when node_modules is ready.
 */
export async function ensureInstalled() {
  const hash = installInputsHash();
  if (installIsCurrent(hash)) {
    say('Dependencies are already installed and match pnpm-lock.yaml; skipping the install.');
    return true;
  }
  say(
    `Installing dependencies with pnpm ${PNPM_VERSION} exactly as pnpm-lock.yaml pins them ` +
      '(the first time takes a few minutes: better-sqlite3 may compile from source).',
  );
  const code = await pnpm(['install', '--frozen-lockfile']);
  if (code !== 0) {
    console.error(
      `\nThe install failed (exit code ${code}). If it says the lockfile is out of date, ` +
        `run \`npx pnpm@${PNPM_VERSION} install\` and commit pnpm-lock.yaml.`,
    );
    return false;
  }
  writeFileSync(INSTALL_STAMP, `${hash}\n`);
  return true;
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { LoadedDocument } from './DocumentStore.ts';
import { SqliteStorage } from './SqliteStorage.ts';
import { CRASH_PLAN_ID, textThrough } from './test-support/crashMarks.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';
import { textOf } from './test-support/yjsText.ts';

// The child resolves `--import tsx` from its cwd; the package dir finds the workspace's tsx.
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const CHILD_SCRIPT = fileURLToPath(new URL('./test-support/appendForever.ts', import.meta.url));
// Several kills, each followed by a restart that must carry on from what was stored. The
// child compacts after every 20th append, so with 310 per round the kills land both next
// to a compaction (620, 1240) and away from one (310, 930).
const ROUNDS = 4;
const APPENDS_PER_ROUND = 310;
// Only a hung child is given up on: under a loaded CI a round (tsx start-up and 310 fsynced
// appends) has taken several times its usual 3 s.
const GIVE_UP_AFTER_MS = 30_000;

/**
 * Runs the appending child on `file` until it has reported seq `untilSeq`, SIGKILLs it,
 * and resolves with the last seq it reported (including lines still in the pipe).
 */
function appendUntilKilled(file: string, untilSeq: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, file], {
      cwd: PACKAGE_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastReported = 0;
    let partialLine = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const giveUp = setTimeout(kill, GIVE_UP_AFTER_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partialLine + chunk).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) lastReported = Number(line);
      if (lastReported >= untilSeq && !killed) kill();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    // 'close' waits for the pipes to drain, so every line the child wrote is counted.
    child.on('close', (code, signal) => {
      clearTimeout(giveUp);
      if (signal === 'SIGKILL' && lastReported >= untilSeq) resolve(lastReported);
      else {
        reject(
          new Error(
            `the child stopped at seq ${lastReported} (code ${code}, signal ${signal}):\n${stderr}`,
          ),
        );
      }
    });
  });
}

/** Opens the store after a crash and checks that it kept every reported append. */
async function recover(file: string, reported: number): Promise<LoadedDocument> {
  const raw = new Database(file);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
  const storage = SqliteStorage.open(file);
  try {
    const loaded = await storage.documents.loadDocument(CRASH_PLAN_ID);
    if (!loaded) throw new Error('the plan did not survive the crash');
    // Reported means durable; at most the one append in flight may have made it unreported.
    expect(loaded.lastSeq).toBeGreaterThanOrEqual(reported);
    expect(loaded.lastSeq).toBeLessThanOrEqual(reported + 1);
    // textOf also throws if any stored update fails to apply.
    expect(textOf(loaded.updates)).toBe(textThrough(loaded.lastSeq));
    return loaded;
  } finally {
    await storage.close();
  }
}

let dir: string | undefined;
afterEach(() => {
  if (dir) removeTempDir(dir);
});

it('keeps every append it reported when the process is SIGKILLed mid-write', async ({
  annotate,
}) => {
  dir = makeTempDir();
  const file = join(dir, 'plenary.sqlite');
  const rounds: string[] = [];
  let lastSeq = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const reported = await appendUntilKilled(file, lastSeq + APPENDS_PER_ROUND);
    const recovered = await recover(file, reported);
    lastSeq = recovered.lastSeq;
    rounds.push(`reported ${reported}, recovered ${lastSeq} (log ${recovered.logLength})`);
  }
  await annotate(`SIGKILL rounds: ${rounds.join('; ')}`);
}, 120_000);

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const vaultModule = new URL('./TokenVault.ts', import.meta.url).href;

/**
 * A server process's start as far as the vault: told a data directory on stdin, it opens
 * that directory's vault and prints the digest of one message under its key, or the error.
 */
const OPENER = `
  const { TokenVault } = await import(${JSON.stringify(vaultModule)});
  const { createInterface } = await import('node:readline');
  console.log('ready');
  for await (const dataDir of createInterface({ input: process.stdin })) {
    try {
      console.log(TokenVault.open(dataDir).mac('test', 'message').toString('hex'));
    } catch (error) {
      console.log('error: ' + error.message);
    }
  }
`;

interface Opener {
  child: ChildProcess;
  next: () => Promise<string>;
}

function startOpener(): Opener {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', OPENER], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[
    Symbol.asyncIterator
  ]();
  return {
    child,
    next: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error('the opener ended');
      return String(value);
    },
  };
}

const openers: Opener[] = [];
afterAll(() => {
  for (const { child } of openers) child.kill();
});

describe('TokenVault.open', () => {
  it('gives processes that make the key together one and the same key', async () => {
    openers.push(...Array.from({ length: 4 }, startOpener));
    for (const opener of openers) expect(await opener.next()).toBe('ready');
    for (let round = 0; round < 200; round++) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plenary-vault-'));
      // All told at once, as replicas sharing a volume start together.
      for (const { child } of openers) child.stdin?.write(`${dataDir}\n`);
      const seen = await Promise.all(openers.map((opener) => opener.next()));
      expect(
        seen.filter((digest) => digest.startsWith('error')),
        `round ${round}`,
      ).toEqual([]);
      expect(new Set(seen).size, `round ${round}`).toBe(1);
    }
  }, 60_000);
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServerToExit } from './support/serverProcess.ts';
import { tempDataDir } from './support/testServer.ts';

describe('starting with DATABASE_URL or REDIS_URL alone', () => {
  it('refuses to start, says what is missing, and creates no SQLite database instead', async () => {
    const dataDir = tempDataDir();
    const { code, stderr } = await runServerToExit(dataDir, {
      DATABASE_URL: 'postgres://plenary@127.0.0.1:5432/plenary',
      REDIS_URL: '',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Plenary cannot start: DATABASE_URL is set but REDIS_URL is not/);
    expect(existsSync(path.join(dataDir, 'plenary.sqlite'))).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, createTestPlan, startTestServer, type TestServer } from './support/testServer.ts';

const cli = path.resolve(import.meta.dirname, '../src/cli/facilitatorLink.ts');
const repoRoot = path.resolve(import.meta.dirname, '../../..');

function run(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'http://venue.lan:8080' },
    encoding: 'utf8',
  });
}

let server: TestServer;
afterEach(async () => {
  await server.close();
});

describe('npm run facilitator-link', () => {
  it('issues a working facilitator link for a plan whose link was lost, while the server runs', async () => {
    server = await startTestServer();
    const plan = await createTestPlan(server);
    const result = run(server.dataDir, plan.id);
    expect(result.status).toBe(0);
    const link = /http:\/\/venue\.lan:8080\/plans\/(\w+)#invite=([\w-]{43})/.exec(result.stdout);
    expect(link?.[1]).toBe(plan.id);
    const me = await callApi(server, 'GET', `/api/plans/${plan.id}/me`, { token: link?.[2] ?? '' });
    expect(me.body).toMatchObject({ role: 'facilitator' });
  });

  it('says what is wrong for an unknown or missing plan id', async () => {
    server = await startTestServer();
    expect(run(server.dataDir, 'nosuchplan000').stderr).toMatch(/No plan has the id/);
    const usage = run(server.dataDir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Usage/);
  });
});

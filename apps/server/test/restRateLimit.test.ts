import { afterEach, describe, expect, it } from 'vitest';
import {
  callApi,
  createTestPlan,
  joinAs,
  startTestServer,
  type TestServer,
} from './support/testServer.ts';

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('REST requests a minute, per token', () => {
  it('answers a token over its share with 429 and Retry-After, and no one else', async () => {
    server = await startTestServer({ env: { REST_REQUESTS_PER_MINUTE: '5' } });
    const plan = await createTestPlan(server);
    const member = await joinAs(server, plan, { role: 'observer' }, 'Patient');
    const facilitator = { token: plan.facilitatorToken };
    // Creating the invite used one of the facilitator's five.
    for (let i = 0; i < 4; i++) {
      expect((await callApi(server, 'GET', `/api/plans/${plan.id}`, facilitator)).status).toBe(200);
    }
    const response = await fetch(`${server.baseUrl}/api/plans/${plan.id}`, {
      headers: { authorization: `Bearer ${plan.facilitatorToken}` },
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ statusCode: 429, code: 'rate-limited' });
    // Same address, another token: untouched. Requests without a token are not counted.
    const other = await callApi(server, 'GET', `/api/plans/${plan.id}`, {
      token: member.sessionToken,
    });
    expect(other.status).toBe(200);
    for (let i = 0; i < 10; i++) {
      expect((await callApi(server, 'GET', '/api/health')).status).toBe(200);
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOIN_CODE_GUESSES } from '../src/routes/joinCodeRoutes.ts';
import {
  type CreatedPlan,
  callApi,
  createTestPlan,
  startTestServer,
  type TestServer,
} from './support/testServer.ts';

let server: TestServer;
let plan: CreatedPlan;

beforeEach(async () => {
  server = await startTestServer();
  plan = await createTestPlan(server, 'r2p-nap');
});

afterEach(async () => {
  await server.close();
});

const facilitator = () => ({ token: plan.facilitatorToken });

async function invite(body: Record<string, unknown>) {
  const created = await callApi(server, 'POST', `/api/plans/${plan.id}/invites`, {
    ...facilitator(),
    body,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; token: string };
}

const codeOf = (inviteId: string, token = plan.facilitatorToken) =>
  callApi(server, 'GET', `/api/plans/${plan.id}/invites/${inviteId}/join-code`, { token });

const typeCode = (code: string) => callApi(server, 'POST', '/api/join-codes', { body: { code } });

/** A well-formed code that is not `code` (one character moved along the alphabet). */
const otherThan = (code: string) => `${code.slice(0, 5)}${code[5] === 'Z' ? '2' : 'Z'}`;

describe('short join codes', () => {
  it('opens the same invite as the link, typed in any case and with spaces', async () => {
    const group = plan.groups[0];
    if (!group) throw new Error('the template has groups');
    const link = await invite({ role: 'member', groupId: group.id });
    const shown = await codeOf(link.id);
    expect(shown.status).toBe(200);
    expect(shown.body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(shown.body.joinUrl).toBe(`${server.baseUrl}/join`);
    const typed = `${shown.body.code.slice(0, 3).toLowerCase()} ${shown.body.code.slice(3)}`;
    const opened = await typeCode(typed);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      planId: plan.id,
      path: `/plans/${plan.id}#invite=${link.token}`,
    });
    // And the token it gives joins as that group's member.
    const joined = await callApi(server, 'POST', `/api/plans/${plan.id}/participants`, {
      token: link.token,
      body: { name: 'Typed the code' },
    });
    expect(joined.body.participant).toMatchObject({ role: 'member', groupId: group.id });
  });

  it('finds the link of whichever plan a code stands for, among several', async () => {
    const first = await invite({ role: 'observer' });
    const firstCode = (await codeOf(first.id)).body.code;
    const earlier = plan;
    plan = await createTestPlan(server);
    const second = await invite({ role: 'observer' });
    const secondCode = (await codeOf(second.id)).body.code;
    expect((await typeCode(secondCode)).body.planId).toBe(plan.id);
    expect((await typeCode(firstCode)).body.planId).toBe(earlier.id);
  });

  it('refuses a wrong code with a message saying what to do', async () => {
    const link = await invite({ role: 'observer' });
    const { code } = (await codeOf(link.id)).body;
    const wrong = await typeCode(otherThan(code));
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('join-code-unknown');
    expect(wrong.body.message).toMatch(/check it against the screen/i);
    expect((await typeCode('0OI1L!')).status).toBe(404);
  });

  it('has no code for the facilitator, focal point or one person’s own link', async () => {
    const list = await callApi(server, 'GET', `/api/plans/${plan.id}/invites`, facilitator());
    const own = list.body.invites.find((i: { role: string }) => i.role === 'facilitator');
    const focal = await invite({ role: 'focal-point', groupId: plan.groups[0]?.id });
    const personal = await invite({ role: 'observer', personName: 'Dara' });
    for (const id of [own.id, focal.id, personal.id]) {
      const answer = await codeOf(id);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('no-join-code');
    }
  });

  it('refuses the code of a withdrawn link', async () => {
    const link = await invite({ role: 'observer' });
    const { code } = (await codeOf(link.id)).body;
    const revoked = await callApi(
      server,
      'DELETE',
      `/api/plans/${plan.id}/invites/${link.id}`,
      facilitator(),
    );
    expect(revoked.status).toBe(204);
    expect((await typeCode(code)).status).toBe(404);
  });

  it('shows a code to participants only for the link on the projector', async () => {
    const link = await invite({ role: 'observer' });
    const other = await invite({ role: 'observer' });
    const joined = await callApi(server, 'POST', `/api/plans/${plan.id}/participants`, {
      token: link.token,
      body: { name: 'Projector' },
    });
    const projector = joined.body.sessionToken as string;
    expect((await codeOf(link.id, projector)).status).toBe(403);
    await callApi(server, 'PUT', `/api/plans/${plan.id}/presentation`, {
      ...facilitator(),
      body: { joinOverlayInviteId: link.id },
    });
    expect((await codeOf(link.id, projector)).status).toBe(200);
    expect((await codeOf(other.id, projector)).status).toBe(403);
  });

  it('answers guessing beyond the budget with 429 and Retry-After, the right code too', async () => {
    const link = await invite({ role: 'observer' });
    const { code } = (await codeOf(link.id)).body;
    for (let i = 0; i < JOIN_CODE_GUESSES.perAddressPerMinute; i++) {
      expect((await typeCode(otherThan(code))).status).toBe(404);
    }
    const response = await fetch(`${server.baseUrl}/api/join-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ code: 'too-many-guesses' });
  });
});

import { CloseCode, readSuggestingPolicy } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { eventually, stockClient, whenClosed, whenSynced } from './support/stockClient.ts';
import { callApi, joinAs, startTestServer, useTestServer } from './support/testServer.ts';

const { server, plan } = useTestServer();

const g1Section = () => plan().sections.find((s) => s.groupId === 'g1')?.id ?? '';

describe('rights on the REST API', () => {
  it('lets only the facilitator change phase, structure and links', async () => {
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const focal = await joinAs(server(), plan(), { role: 'focal-point' }, 'Ambassador');
    for (const token of [member.sessionToken, focal.sessionToken]) {
      expect(
        (
          await callApi(server(), 'PUT', `/api/plans/${plan().id}/phase`, {
            token,
            body: { phase: 'review' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await callApi(server(), 'PATCH', `/api/plans/${plan().id}`, {
            token,
            body: { title: 'Mine' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await callApi(server(), 'POST', `/api/plans/${plan().id}/invites`, {
            token,
            body: { role: 'facilitator' },
          })
        ).status,
      ).toBe(403);
      expect(
        (await callApi(server(), 'GET', `/api/plans/${plan().id}/invites`, { token })).status,
      ).toBe(403);
    }
    const phase = await callApi(server(), 'PUT', `/api/plans/${plan().id}/phase`, {
      token: plan().facilitatorToken,
      body: { phase: 'review' },
    });
    expect(phase).toMatchObject({ status: 200, body: { phase: 'review' } });
  });

  it('lets only the facilitator set who suggests by default; every client reads it live', async () => {
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const client = stockClient(server().syncUrl, plan().id, member.sessionToken);
    await whenSynced(client);
    const url = `/api/plans/${plan().id}/suggesting`;
    expect(
      (await callApi(server(), 'PUT', url, { token: member.sessionToken, body: { member: [] } }))
        .status,
    ).toBe(403);
    const bad = await callApi(server(), 'PUT', url, {
      token: plan().facilitatorToken,
      body: { member: ['later'] },
    });
    expect(bad.status).toBe(400);
    const set = await callApi(server(), 'PUT', url, {
      token: plan().facilitatorToken,
      body: { member: ['drafting', 'review'] },
    });
    expect(set).toMatchObject({
      status: 200,
      body: { suggesting: { member: ['drafting', 'review'], 'focal-point': [], facilitator: [] } },
    });
    await eventually(
      () => readSuggestingPolicy(client.doc).member.includes('drafting'),
      5_000,
      'the setting at the member',
    );
    client.destroy();
  });

  it('lets the focal point approve (lock) a section but not a member or observer', async () => {
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Projector');
    const focal = await joinAs(server(), plan(), { role: 'focal-point' }, 'Ambassador');
    const url = `/api/plans/${plan().id}/sections/${g1Section()}`;
    for (const token of [member.sessionToken, observer.sessionToken]) {
      expect(
        (await callApi(server(), 'PATCH', url, { token, body: { status: 'agreed' } })).status,
      ).toBe(403);
    }
    expect(
      (
        await callApi(server(), 'PATCH', url, {
          token: focal.sessionToken,
          body: { groupId: 'g2' },
        })
      ).status,
    ).toBe(403);
    const locked = await callApi(server(), 'PATCH', url, {
      token: focal.sessionToken,
      body: { status: 'agreed' },
    });
    expect(locked).toMatchObject({ status: 200, body: { status: 'agreed' } });
  });

  it('answers 401 with a reason for missing, unknown, revoked and expired tokens', async () => {
    const url = `/api/plans/${plan().id}`;
    expect((await callApi(server(), 'GET', url)).body.code).toBe('missing-token');
    expect((await callApi(server(), 'GET', url, { token: 'short' })).body.code).toBe(
      'malformed-token',
    );
    expect((await callApi(server(), 'GET', url, { token: 'A'.repeat(43) })).body.code).toBe(
      'unknown-token',
    );
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    await callApi(server(), 'DELETE', `/api/plans/${plan().id}/invites/${member.inviteId}`, {
      token: plan().facilitatorToken,
    });
    const revoked = await callApi(server(), 'GET', url, { token: member.sessionToken });
    expect(revoked).toMatchObject({ status: 401, body: { code: 'revoked' } });
    expect(revoked.body.message).toMatch(/withdrawn/);
  });

  it('lists no plans to anyone without PLENARY_ADMIN_TOKEN, and still lets plans be created', async () => {
    const open = await callApi(server(), 'GET', '/api/plans');
    expect(open).toMatchObject({ status: 403, body: { code: 'plan-list-off' } });
    const body = { title: 'Venue laptop plan', template: 'blank' };
    expect((await callApi(server(), 'POST', '/api/plans', { body })).status).toBe(201);
    const withSomeToken = await callApi(server(), 'GET', '/api/plans', { token: 'x'.repeat(20) });
    expect(withSomeToken.status).toBe(403);
  });

  it('needs the admin token to create and list plans when PLENARY_ADMIN_TOKEN is set', async () => {
    const admin = 'a-long-admin-token-for-tests';
    const guarded = await startTestServer({ env: { PLENARY_ADMIN_TOKEN: admin } });
    try {
      const body = { title: 'Guarded', template: 'blank' };
      expect((await callApi(guarded, 'POST', '/api/plans', { body })).status).toBe(401);
      expect((await callApi(guarded, 'GET', '/api/plans')).status).toBe(401);
      expect(
        (await callApi(guarded, 'POST', '/api/plans', { body, token: `${admin}x` })).status,
      ).toBe(401);
      expect((await callApi(guarded, 'POST', '/api/plans', { body, token: admin })).status).toBe(
        201,
      );
      expect(
        (await callApi(guarded, 'GET', '/api/plans', { token: admin })).body.plans,
      ).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });
});

describe('joining with a link', () => {
  it('creates a participant whose device comes back with its own session token', async () => {
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara');
    const join = await callApi(server(), 'GET', `/api/plans/${plan().id}/join`, {
      token: member.inviteToken,
    });
    expect(join.body).toEqual({
      planTitle: 'Test plan',
      role: 'member',
      group: { id: 'g2', name: 'Group 2', color: expect.any(String) },
    });
    const me = await callApi(server(), 'GET', `/api/plans/${plan().id}/me`, {
      token: member.sessionToken,
    });
    expect(me.body).toMatchObject({
      participantId: member.participantId,
      name: 'Dara',
      role: 'member',
      groupId: 'g2',
    });
  });

  it('never lets another holder of the same link become someone who joined with it', async () => {
    const dara = await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara');
    // The attacker holds the group's shared link and knows Dara's participant id (every
    // socket's presence carries it).
    const listed = await callApi(server(), 'GET', `/api/plans/${plan().id}/join`, {
      token: dara.inviteToken,
    });
    expect(JSON.stringify(listed.body)).not.toContain(dara.participantId);
    expect(JSON.stringify(listed.body)).not.toContain('Dara');

    const resumed = await callApi(server(), 'POST', `/api/plans/${plan().id}/participants`, {
      token: dara.inviteToken,
      body: { participantId: dara.participantId },
    });
    expect(resumed.status).toBe(400);
    expect(resumed.body.sessionToken).toBeUndefined();
    const both = await callApi(server(), 'POST', `/api/plans/${plan().id}/participants`, {
      token: dara.inviteToken,
      body: { name: 'Dara', participantId: dara.participantId },
    });
    // Joining under the same name makes someone new, whatever else the body says.
    expect(both.status).toBe(201);
    expect(both.body.participant.id).not.toBe(dara.participantId);
    const attacker = await callApi(server(), 'GET', `/api/plans/${plan().id}/me`, {
      token: both.body.sessionToken,
    });
    expect(attacker.body.participantId).not.toBe(dara.participantId);

    // Dara's own device still comes back as Dara.
    const me = await callApi(server(), 'GET', `/api/plans/${plan().id}/me`, {
      token: dara.sessionToken,
    });
    expect(me.body.participantId).toBe(dara.participantId);
  });

  it('shows the facilitator every link again, with how many joined', async () => {
    const made = await callApi(server(), 'POST', `/api/plans/${plan().id}/invites`, {
      token: plan().facilitatorToken,
      body: { role: 'member', groupId: 'g1' },
    });
    await callApi(server(), 'POST', `/api/plans/${plan().id}/participants`, {
      token: made.body.token,
      body: { name: 'A' },
    });
    await callApi(server(), 'POST', `/api/plans/${plan().id}/participants`, {
      token: made.body.token,
      body: { name: 'B' },
    });
    const listed = await callApi(server(), 'GET', `/api/plans/${plan().id}/invites`, {
      token: plan().facilitatorToken,
    });
    const entry = listed.body.invites.find((invite: { id: string }) => invite.id === made.body.id);
    expect(entry).toMatchObject({
      role: 'member',
      groupId: 'g1',
      participantCount: 2,
      url: made.body.url,
    });
    expect(made.body.url).toContain(`#invite=${made.body.token}`);
  });

  it('refuses member links without a group and expiries in the past', async () => {
    const token = plan().facilitatorToken;
    const url = `/api/plans/${plan().id}/invites`;
    expect(
      (await callApi(server(), 'POST', url, { token, body: { role: 'member' } })).body.code,
    ).toBe('group-required');
    const past = new Date(Date.now() - 1000).toISOString();
    expect(
      (await callApi(server(), 'POST', url, { token, body: { role: 'observer', expiresAt: past } }))
        .status,
    ).toBe(400);
  });
});

describe('presence', () => {
  it("two stock clients see each other's vouched presence and stay connected", async () => {
    const sokha = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const dara = await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara');
    const one = stockClient(server().syncUrl, plan().id, sokha.sessionToken);
    const two = stockClient(server().syncUrl, plan().id, dara.sessionToken);
    await Promise.all([whenSynced(one), whenSynced(two)]);
    one.provider.awareness.setLocalStateField('user', {
      name: 'Claims to be the minister',
      color: '#0b6bcb',
    });
    two.provider.awareness.setLocalStateField('user', { name: 'Dara', color: '#b3261e' });
    await eventually(
      () => two.provider.awareness.getStates().get(one.doc.clientID)?.user?.name === 'Sokha',
      5_000,
      'vouched name',
    );
    await eventually(
      () => one.provider.awareness.getStates().get(two.doc.clientID)?.user?.groupId === 'g2',
      5_000,
      'group',
    );
    // The stock client echoes everyone's presence back; that must not cost anyone their socket.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(one.provider.wsconnected && two.provider.wsconnected).toBe(true);
    one.destroy();
    two.destroy();
  });
});

describe('groups', () => {
  it('removing a group moves its sections to the plenary, revokes its links and closes their sockets', async () => {
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const client = stockClient(server().syncUrl, plan().id, member.sessionToken);
    await whenSynced(client);
    const closed = whenClosed(client);
    const removed = await callApi(server(), 'DELETE', `/api/plans/${plan().id}/groups/g1`, {
      token: plan().facilitatorToken,
    });
    expect(removed.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.LINK_REVOKED);
    client.destroy();
    const after = await callApi(server(), 'GET', `/api/plans/${plan().id}`, {
      token: plan().facilitatorToken,
    });
    expect(after.body.groups.find((g: { id: string }) => g.id === 'g1')).toMatchObject({
      archived: true,
      name: 'Group 1',
    });
    expect(
      after.body.sections.filter((s: { groupId: string | null }) => s.groupId === 'g1'),
    ).toEqual([]);
    expect(
      (await callApi(server(), 'GET', `/api/plans/${plan().id}/me`, { token: member.sessionToken }))
        .body.code,
    ).toBe('revoked');
  });

  it('adds and renames groups', async () => {
    const token = plan().facilitatorToken;
    const added = await callApi(server(), 'POST', `/api/plans/${plan().id}/groups`, {
      token,
      body: { name: 'Group 4' },
    });
    expect(added).toMatchObject({ status: 201, body: { name: 'Group 4', archived: false } });
    expect(added.body.color).toMatch(/^#[0-9a-f]{6}$/);
    const renamed = await callApi(
      server(),
      'PATCH',
      `/api/plans/${plan().id}/groups/${added.body.id}`,
      {
        token,
        body: { name: 'Media and academia' },
      },
    );
    expect(renamed.body.name).toBe('Media and academia');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../api/ApiError.ts';
import type { InviteInfo, Me } from '../api/planTypes.ts';
import { stubLocalStorage } from '../test-support/memoryStorage.ts';
import { type JoinApi, JoinFlow, type JoinState } from './JoinFlow.ts';
import { readPlanAccess, updatePlanAccess } from './planAccess.ts';

const PLAN = 'plan1234';

const INVITE: InviteInfo = {
  planTitle: 'National Action Plan',
  role: 'member',
  group: { id: 'g1', name: 'Group 1', color: '#0b6bcb' },
};

const meAs = (participantId: string, name: string): Me => ({
  participantId,
  name,
  role: 'member',
  groupId: 'g1',
  inviteId: 'invite-1',
  expiresAt: null,
});

const refused = (code: string) => new ApiError(401, code, `refused: ${code}`);

/** A server for the flow: sessions it knows, and what its invite endpoints answer. */
function fakeServer(sessions: Record<string, Me> = {}): JoinApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetchMe: vi.fn(async (_plan: string, token: string) => {
      calls.push(`me:${token}`);
      const me = sessions[token];
      if (!me) throw refused('unknown-token');
      return me;
    }),
    fetchInviteInfo: vi.fn(async (_plan: string, token: string) => {
      calls.push(`join:${token}`);
      return INVITE;
    }),
    joinPlan: vi.fn(async (_plan: string, token: string, request) => {
      calls.push(`participants:${token}:${JSON.stringify(request)}`);
      const me = meAs('p-new', request.name);
      const sessionToken = `session-of-${me.participantId}`;
      sessions[sessionToken] = me;
      return { participant: { ...me, id: me.participantId }, sessionToken };
    }),
  };
}

async function started(api: JoinApi): Promise<{ flow: JoinFlow; steps: JoinState['step'][] }> {
  const flow = new JoinFlow(PLAN, api);
  const steps: JoinState['step'][] = [];
  flow.subscribe(() => steps.push(flow.getState().step));
  await flow.start();
  return { flow, steps };
}

beforeEach(() => {
  stubLocalStorage();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('JoinFlow', () => {
  it('goes straight in with a stored session that still works', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'invite', sessionToken: 'good' });
    const server = fakeServer({ good: meAs('p1', 'Sokha') });
    const { flow } = await started(server);
    expect(flow.getState()).toEqual({
      step: 'joined',
      sessionToken: 'good',
      me: meAs('p1', 'Sokha'),
    });
    expect(server.calls).toEqual(['me:good']);
  });

  it('asks for a name with the invite, joins, stores the session and checks it', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'invite' });
    const server = fakeServer();
    const { flow, steps } = await started(server);
    expect(flow.getState()).toEqual({
      step: 'choosing',
      invite: INVITE,
      pending: false,
      error: null,
    });
    expect(readPlanAccess(PLAN)).toMatchObject({ title: 'National Action Plan', role: 'member' });

    await flow.join({ name: 'Vanna' });
    expect(flow.getState()).toMatchObject({ step: 'joined', sessionToken: 'session-of-p-new' });
    expect(readPlanAccess(PLAN).sessionToken).toBe('session-of-p-new');
    expect(server.calls).toEqual([
      'join:invite',
      'participants:invite:{"name":"Vanna"}',
      'me:session-of-p-new',
    ]);
    expect(steps).toEqual(['checking', 'choosing', 'choosing', 'joined']);
  });

  it('falls back to the invite when the server no longer knows the session', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'invite', sessionToken: 'forgotten' });
    const server = fakeServer();
    const { flow } = await started(server);
    expect(flow.getState().step).toBe('choosing');
    expect(readPlanAccess(PLAN).sessionToken).toBeNull();
    expect(server.calls).toEqual(['me:forgotten', 'join:invite']);
  });

  it('says the link was revoked or expired, or the person removed, without trying the invite', async () => {
    for (const code of ['revoked', 'expired', 'removed']) {
      updatePlanAccess(PLAN, { inviteToken: 'invite', sessionToken: 'session' });
      const server = fakeServer();
      server.fetchMe = async () => {
        throw refused(code);
      };
      const { flow } = await started(server);
      expect(flow.getState()).toEqual({ step: 'refused', code, message: `refused: ${code}` });
      expect(server.calls).toEqual([]);
    }
  });

  it('says an invite was refused, with the code', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'cut-off' });
    const server = fakeServer();
    server.fetchInviteInfo = async () => {
      throw refused('malformed-token');
    };
    const { flow } = await started(server);
    expect(flow.getState()).toMatchObject({ step: 'refused', code: 'malformed-token' });
  });

  it('needs an invite when the device holds nothing', async () => {
    const server = fakeServer();
    const { flow } = await started(server);
    expect(flow.getState()).toEqual({ step: 'needs-invite' });
    expect(server.calls).toEqual([]);
  });

  it('reports a plan that does not exist', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'invite' });
    const server = fakeServer();
    server.fetchInviteInfo = async () => {
      throw new ApiError(404, 'plan-not-found', 'No plan has this id.');
    };
    expect((await started(server)).flow.getState()).toEqual({ step: 'missing' });
  });

  it('keeps a stored session through a network failure, and gets in on retry', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'invite', sessionToken: 'good' });
    const server = fakeServer({ good: meAs('p1', 'Sokha') });
    const working = server.fetchMe;
    server.fetchMe = async () => {
      throw new ApiError(0, NETWORK_ERROR, 'Failed to fetch');
    };
    const { flow } = await started(server);
    expect(flow.getState()).toMatchObject({ step: 'failed' });
    expect(readPlanAccess(PLAN).sessionToken).toBe('good');

    server.fetchMe = working;
    await flow.start();
    expect(flow.getState().step).toBe('joined');
  });

  it('lets the person try again when joining fails on the network or for their name', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'invite' });
    const server = fakeServer();
    const { flow } = await started(server);
    const tooLong = new ApiError(400, 'bad-request', 'A name has 1 to 60 characters.');
    server.joinPlan = async () => {
      throw tooLong;
    };
    await flow.join({ name: 'x'.repeat(61) });
    expect(flow.getState()).toEqual({
      step: 'choosing',
      invite: INVITE,
      pending: false,
      error: tooLong,
    });
  });

  it('ignores answers that arrive after it was disposed', async () => {
    updatePlanAccess(PLAN, { inviteToken: 'invite' });
    const server = fakeServer();
    const flow = new JoinFlow(PLAN, server);
    const running = flow.start();
    flow.dispose();
    await running;
    expect(flow.getState().step).toBe('checking');
  });
});

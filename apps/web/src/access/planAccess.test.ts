import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubLocalStorage } from '../test-support/memoryStorage.ts';
import {
  inviteFromFragment,
  readPlanAccess,
  rememberedPlans,
  takeInviteFromAddress,
  updatePlanAccess,
} from './planAccess.ts';

const TOKEN = `${'A'.repeat(22)}${'_-'.repeat(10)}z`;

/** An address bar and a history whose replaceState the test can inspect. */
function addressBar(hash: string) {
  const location = { pathname: '/plans/plan1234', search: '', hash };
  const history = { state: { idx: 3 }, replaceState: vi.fn() };
  return { location, history };
}

let storage: Storage;

beforeEach(() => {
  storage = stubLocalStorage();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('inviteFromFragment', () => {
  it('reads the token of #invite=', () => {
    expect(TOKEN).toHaveLength(43);
    expect(inviteFromFragment(`#invite=${TOKEN}`)).toBe(TOKEN);
    expect(inviteFromFragment(`#x=1&invite=${TOKEN}`)).toBe(TOKEN);
  });

  it('is null without one', () => {
    expect(inviteFromFragment('')).toBeNull();
    expect(inviteFromFragment('#section-abc')).toBeNull();
    expect(inviteFromFragment('#invite=')).toBeNull();
  });
});

describe('plan access on this device', () => {
  it('keeps tokens per plan, and changes only the fields given', () => {
    updatePlanAccess('plan1', { inviteToken: 'invite-1', title: 'First' });
    updatePlanAccess('plan2', { inviteToken: 'invite-2' });
    updatePlanAccess('plan1', { sessionToken: 'session-1' });
    expect(readPlanAccess('plan1')).toEqual({
      inviteToken: 'invite-1',
      sessionToken: 'session-1',
      sessionsByInvite: {},
      title: 'First',
      role: null,
      seenAt: null,
    });
    expect(readPlanAccess('plan2').inviteToken).toBe('invite-2');
    expect(readPlanAccess('plan3')).toMatchObject({ inviteToken: null, sessionToken: null });
  });

  it('survives what another version of the app may have stored', () => {
    storage.setItem('plenary.plans', 'not json');
    expect(readPlanAccess('plan1').inviteToken).toBeNull();
    storage.setItem(
      'plenary.plans',
      JSON.stringify({
        plan1: { role: 'chief', inviteToken: 7, sessionsByInvite: { a: 1, b: 's' } },
      }),
    );
    expect(readPlanAccess('plan1')).toMatchObject({
      role: null,
      inviteToken: null,
      sessionsByInvite: { b: 's' },
    });
  });

  it('lists the plans this device can open, most recently seen first', () => {
    updatePlanAccess('old', {
      sessionToken: 's',
      title: 'Old',
      role: 'member',
      seenAt: '2030-01-01T00:00:00Z',
    });
    updatePlanAccess('new', {
      inviteToken: 'i',
      title: 'New',
      role: 'facilitator',
      seenAt: '2030-02-01T00:00:00Z',
    });
    updatePlanAccess('gone', { title: 'No token' });
    expect(rememberedPlans().map((plan) => [plan.id, plan.title, plan.role])).toEqual([
      ['new', 'New', 'facilitator'],
      ['old', 'Old', 'member'],
    ]);
  });
});

describe('takeInviteFromAddress', () => {
  it('stores the invite and takes it out of the address bar, keeping the router state', () => {
    const { location, history } = addressBar(`#invite=${TOKEN}`);
    takeInviteFromAddress('plan1234', location, history);
    expect(readPlanAccess('plan1234').inviteToken).toBe(TOKEN);
    expect(history.replaceState).toHaveBeenCalledWith({ idx: 3 }, '', '/plans/plan1234');
  });

  it('keeps the session of the same link, and of a link left, for when it is opened again', () => {
    updatePlanAccess('plan1234', { inviteToken: TOKEN, sessionToken: 'session' });
    const open = (token: string) =>
      takeInviteFromAddress(
        'plan1234',
        addressBar(`#invite=${token}`).location,
        addressBar('').history,
      );
    open(TOKEN);
    expect(readPlanAccess('plan1234').sessionToken).toBe('session');

    const other = `B${TOKEN.slice(1)}`;
    open(other);
    expect(readPlanAccess('plan1234')).toMatchObject({ inviteToken: other, sessionToken: null });
    updatePlanAccess('plan1234', { sessionToken: 'other-session' });

    open(TOKEN);
    expect(readPlanAccess('plan1234')).toMatchObject({
      inviteToken: TOKEN,
      sessionToken: 'session',
      sessionsByInvite: { [other]: 'other-session' },
    });
  });

  it('leaves an address without an invite alone', () => {
    const { location, history } = addressBar('');
    takeInviteFromAddress('plan1234', location, history);
    expect(history.replaceState).not.toHaveBeenCalled();
    expect(readPlanAccess('plan1234').inviteToken).toBeNull();
  });
});

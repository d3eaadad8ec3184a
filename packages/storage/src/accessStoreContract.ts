/**
 * The one test suite every AccessStore adapter passes, run on a whole Storage since
 * invites belong to the plans of its DocumentStore. Exported from
 * `@plenary/storage/contract`, as it imports vitest.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessStore } from './AccessStore.ts';
import {
  type ContractSuite,
  clockAt,
  EMPTY_DOCUMENT,
  expectStoreError,
  T1,
  T2,
  T3,
  useStorageFixture,
} from './test-support/contractFixture.ts';
import { newInvite } from './test-support/newInvite.ts';

/** Registers the contract's tests for the access store of the storage `makeStorage` builds, fresh per test. */
export const describeAccessStoreContract: ContractSuite = (name, makeStorage, { durable }) => {
  describe(`${name} keeps the AccessStore contract`, () => {
    const fixture = useStorageFixture(makeStorage);
    let access: AccessStore;

    beforeEach(() => {
      access = fixture().storage.access;
    });

    const createPlans = async (...planIds: string[]) => {
      for (const id of planIds) {
        await fixture().storage.documents.createPlan({
          id,
          title: `Plan ${id}`,
          initialState: EMPTY_DOCUMENT,
        });
      }
    };

    const createInvite = (planId: string, id: string, grants?: Parameters<typeof newInvite>[2]) =>
      access.createInvite(newInvite(planId, id, grants));

    const createParticipant = (planId: string, inviteId: string, id: string) =>
      access.createParticipant({ id, planId, inviteId, name: `Name of ${id}` });

    /** Plans p1 and p2, with a member invite and a participant through it in p1. */
    async function planWithParticipant() {
      await createPlans('p1', 'p2');
      const invite = await createInvite('p1', 'i1', { groupId: 'g1' });
      const participant = await createParticipant('p1', 'i1', 'amina');
      return { invite, participant };
    }

    describe('invites', () => {
      it('creates invites and gets and lists them oldest first, with how many joined through each', async () => {
        await createPlans('p1');
        const createdAt = clockAt(T1);
        const first = await access.createInvite({
          ...newInvite('p1', 'zeta', { role: 'focal-point', groupId: 'g1' }),
          expiresAt: new Date(T3),
          createdBy: 'facilitator-1',
        });
        expect(first).toEqual({
          id: 'zeta',
          planId: 'p1',
          role: 'focal-point',
          groupId: 'g1',
          tokenHash: 'hash-of-zeta',
          sealedToken: new TextEncoder().encode('sealed-zeta'),
          createdAt,
          expiresAt: new Date(T3),
          revokedAt: null,
          createdBy: 'facilitator-1',
          personName: null,
        });
        clockAt(T2);
        // Created in the same ms as the next one: the order made is the order listed.
        const second = await createInvite('p1', 'beta', { role: 'facilitator' });
        const third = await createInvite('p1', 'alpha', { role: 'observer' });
        await createParticipant('p1', 'zeta', 'amina');
        await createParticipant('p1', 'zeta', 'bo');
        await createParticipant('p1', 'alpha', 'chan');

        expect(await access.getInvite('p1', 'zeta')).toEqual(first);
        expect(await access.getInvite('p1', 'missing')).toBeNull();
        expect(await access.listInvites('p1')).toEqual([
          { ...first, participantCount: 2 },
          { ...second, participantCount: 0 },
          { ...third, participantCount: 1 },
        ]);
      });

      it('refuses a second invite with a token hash already taken, in any plan, and keeps the first', async () => {
        await createPlans('p1', 'p2');
        const first = await createInvite('p1', 'i1');
        await expectStoreError(
          access.createInvite({ ...newInvite('p2', 'i2'), tokenHash: first.tokenHash }),
          'token-exists',
        );
        expect(await access.getInvite('p2', 'i2')).toBeNull();
        expect(await access.listInvites('p1')).toEqual([{ ...first, participantCount: 0 }]);
      });

      it('refuses an invite for a plan it does not hold, and lists none for it', async () => {
        await expectStoreError(createInvite('missing', 'i1'), 'plan-not-found');
        expect(await access.listInvites('missing')).toEqual([]);
      });

      it('lists the open shared invites of every plan with the roles asked for, oldest first', async () => {
        await createPlans('p1', 'p2');
        clockAt(T1);
        const member = await createInvite('p1', 'member');
        const observer = await createInvite('p2', 'observer', { role: 'observer' });
        const later = await access.createInvite({
          ...newInvite('p2', 'until-t3'),
          expiresAt: new Date(T3),
        });
        // None of these may be listed: another role, revoked, expired, one person's own.
        await createInvite('p1', 'focal', { role: 'focal-point' });
        await createInvite('p1', 'revoked');
        await access.revokeInvite('p1', 'revoked');
        await access.createInvite({ ...newInvite('p2', 'expired'), expiresAt: new Date(T2) });
        await access.createInvite({ ...newInvite('p1', 'personal'), personName: 'Amina' });

        const roles = ['member', 'observer'] as const;
        expect(await access.listOpenSharedInvites(roles, new Date(T2))).toEqual([
          member,
          observer,
          later,
        ]);
        expect(await access.listOpenSharedInvites(['observer'], new Date(T2))).toEqual([observer]);
        // An invite expires at its expiry time, not after it.
        expect(await access.listOpenSharedInvites(roles, new Date(T3))).toEqual([member, observer]);
      });

      it('keeps its own copy of the sealed token', async () => {
        await createPlans('p1');
        const input = newInvite('p1', 'i1');
        const expected = input.sealedToken.slice();
        const created = await access.createInvite(input);
        input.sealedToken.fill(0);
        created.sealedToken.fill(0);
        (await access.getInvite('p1', 'i1'))?.sealedToken.fill(0);
        expect((await access.getInvite('p1', 'i1'))?.sealedToken).toEqual(expected);
      });
    });

    describe('revoking', () => {
      it('revokes an invite once, keeping the first time, and still lists it', async () => {
        await createPlans('p1');
        const invite = await createInvite('p1', 'i1');
        const revokedAt = clockAt(T1);
        const revoked = { ...invite, revokedAt };
        expect(await access.revokeInvite('p1', 'i1')).toEqual(revoked);
        clockAt(T2);
        expect(await access.revokeInvite('p1', 'i1')).toEqual(revoked);
        expect(await access.getInvite('p1', 'i1')).toEqual(revoked);
        expect(await access.listInvites('p1')).toEqual([{ ...revoked, participantCount: 0 }]);
        expect(await access.revokeInvite('p1', 'missing')).toBeNull();
      });

      it("revokes only the plan's unrevoked invites into the group, and returns just those", async () => {
        await createPlans('p1', 'p2');
        clockAt(T1);
        const memberLink = await createInvite('p1', 'a', { groupId: 'g1' });
        await createInvite('p1', 'b', { role: 'focal-point', groupId: 'g1' });
        const earlier = await access.revokeInvite('p1', 'b');
        const otherGroup = await createInvite('p1', 'c', { groupId: 'g2' });
        const wholePlan = await createInvite('p1', 'd', { role: 'observer' });
        const otherPlan = await createInvite('p2', 'e', { groupId: 'g1' });
        const focalLink = await createInvite('p1', 'f', { role: 'focal-point', groupId: 'g1' });

        const revokedAt = clockAt(T2);
        expect(await access.revokeInvitesOfGroup('p1', 'g1')).toEqual([
          { ...memberLink, revokedAt },
          { ...focalLink, revokedAt },
        ]);
        expect(await access.getInvite('p1', 'b')).toEqual(earlier);
        expect(await access.getInvite('p1', 'c')).toEqual(otherGroup);
        expect(await access.getInvite('p1', 'd')).toEqual(wholePlan);
        expect(await access.getInvite('p2', 'e')).toEqual(otherPlan);
        clockAt(T3);
        expect(await access.revokeInvitesOfGroup('p1', 'g1')).toEqual([]);
        expect((await access.getInvite('p1', 'a'))?.revokedAt).toEqual(revokedAt);
      });
    });

    describe('participants', () => {
      it('gives participants the role and group of their invite, and lists them oldest first', async () => {
        await createPlans('p1');
        await createInvite('p1', 'focal', { role: 'focal-point', groupId: 'g1' });
        await createInvite('p1', 'observe', { role: 'observer' });
        const createdAt = clockAt(T1);
        const amina = await createParticipant('p1', 'focal', 'amina');
        expect(amina).toEqual({
          id: 'amina',
          planId: 'p1',
          inviteId: 'focal',
          name: 'Name of amina',
          role: 'focal-point',
          groupId: 'g1',
          createdAt,
          lastSeenAt: createdAt,
          removedAt: null,
        });
        clockAt(T2);
        const zoe = await createParticipant('p1', 'observe', 'zoe');
        const bo = await createParticipant('p1', 'focal', 'bo');
        expect(zoe).toMatchObject({ role: 'observer', groupId: null });

        expect(await access.getParticipant('p1', 'amina')).toEqual(amina);
        expect(await access.getParticipant('p1', 'missing')).toBeNull();
        expect(await access.listParticipants('p1')).toEqual([amina, zoe, bo]);
        expect(await access.listParticipants('p1', { inviteId: 'focal' })).toEqual([amina, bo]);
        expect(await access.listParticipants('p1', { inviteId: 'missing' })).toEqual([]);
      });

      it('refuses a participant through an invite of another plan, or an unknown one', async () => {
        await createPlans('p1', 'p2');
        await createInvite('p1', 'i1');
        await expectStoreError(createParticipant('p2', 'i1', 'amina'), 'invite-not-found');
        await expectStoreError(createParticipant('p1', 'missing', 'amina'), 'invite-not-found');
        expect(await access.listParticipants('p2')).toEqual([]);
        expect(await access.listParticipants('p1')).toEqual([]);
      });
    });

    describe('removing a participant', () => {
      it('marks them removed, keeping the first time, and their sessions say so; others untouched', async () => {
        const { participant } = await planWithParticipant();
        await createParticipant('p1', 'i1', 'bo');
        await access.createSession({ tokenHash: 's1', planId: 'p1', participantId: 'amina' });
        await access.createSession({ tokenHash: 's2', planId: 'p1', participantId: 'amina' });
        await access.createSession({ tokenHash: 's3', planId: 'p1', participantId: 'bo' });

        const removedAt = clockAt(T2);
        const removed = { ...participant, removedAt };
        expect(await access.removeParticipant('p1', 'amina')).toEqual(removed);
        // Looking a session up marks its participant seen, removed or not.
        clockAt(T3);
        expect(await access.findCredential('s1')).toMatchObject({ participant: { removedAt } });
        expect(await access.findCredential('s2')).toMatchObject({ participant: { removedAt } });
        expect(await access.findCredential('s3')).toMatchObject({
          participant: { id: 'bo', removedAt: null },
        });
        // The invite stands for the others: its token still finds it.
        expect(await access.findCredential('hash-of-i1')).toMatchObject({ kind: 'invite' });
        const again = await access.removeParticipant('p1', 'amina');
        expect(again?.removedAt).toEqual(removedAt);
        expect(await access.getParticipant('p1', 'amina')).toEqual(again);
        expect(await access.listParticipants('p1')).toMatchObject([
          { id: 'amina', removedAt },
          { id: 'bo', removedAt: null },
        ]);
        expect(await access.removeParticipant('p2', 'amina')).toBeNull();
        expect(await access.removeParticipant('p1', 'missing')).toBeNull();
      });

      it('keeps whom a per-person link is for', async () => {
        await createPlans('p1');
        const personal = await access.createInvite({
          ...newInvite('p1', 'i1'),
          personName: 'Amina',
        });
        expect(personal.personName).toBe('Amina');
        expect(await access.getInvite('p1', 'i1')).toEqual(personal);
        expect((await createInvite('p1', 'i2')).personName).toBeNull();
      });
    });

    describe('sessions and credentials', () => {
      it('resolves a session to its participant and invite, and marks the participant seen', async () => {
        clockAt(T1);
        const { invite, participant } = await planWithParticipant();
        await access.createSession({
          tokenHash: 'session-1',
          planId: 'p1',
          participantId: 'amina',
        });

        const seenAt = clockAt(T2);
        const seen = { ...participant, lastSeenAt: seenAt };
        expect(await access.findCredential('session-1')).toEqual({
          kind: 'session',
          invite,
          participant: seen,
        });
        expect(await access.getParticipant('p1', 'amina')).toEqual(seen);
      });

      it('resolves an invite token to its invite as stored, revoked or expired too', async () => {
        await createPlans('p1');
        clockAt(T2);
        await access.createInvite({ ...newInvite('p1', 'i1'), expiresAt: new Date(T1) });
        const revoked = await access.revokeInvite('p1', 'i1');
        expect(await access.findCredential('hash-of-i1')).toEqual({
          kind: 'invite',
          invite: revoked,
        });
      });

      it('finds nothing for a hash it does not know', async () => {
        await planWithParticipant();
        expect(await access.findCredential('unknown')).toBeNull();
      });

      it('refuses a session for a participant of another plan, or with a token hash already taken', async () => {
        await planWithParticipant();
        await expectStoreError(
          access.createSession({ tokenHash: 's1', planId: 'p2', participantId: 'amina' }),
          'participant-not-found',
        );
        await access.createSession({ tokenHash: 's1', planId: 'p1', participantId: 'amina' });
        await expectStoreError(
          access.createSession({ tokenHash: 's1', planId: 'p1', participantId: 'amina' }),
          'token-exists',
        );
      });
    });

    describe('plan isolation', () => {
      it("does not find a plan's invites and participants through another plan", async () => {
        const { invite } = await planWithParticipant();
        expect(await access.getInvite('p2', 'i1')).toBeNull();
        expect(await access.revokeInvite('p2', 'i1')).toBeNull();
        expect(await access.revokeInvitesOfGroup('p2', 'g1')).toEqual([]);
        expect(await access.getInvite('p1', 'i1')).toEqual(invite);
        expect(await access.getParticipant('p2', 'amina')).toBeNull();
        expect(await access.listInvites('p2')).toEqual([]);
        expect(await access.listParticipants('p2')).toEqual([]);
        expect(await access.listParticipants('p2', { inviteId: 'i1' })).toEqual([]);
      });
    });

    describe('lifecycle', () => {
      // Registered only for durable storage, so no test is ever skipped.
      const itWhenDurable = durable ? it : () => undefined;
      itWhenDurable('finds everything again after reopening', async () => {
        const { reopen } = fixture();
        await planWithParticipant();
        await createInvite('p1', 'i2', { role: 'observer' });
        await access.revokeInvite('p1', 'i2');
        await access.createSession({ tokenHash: 's1', planId: 'p1', participantId: 'amina' });
        const invites = await access.listInvites('p1');
        const participants = await access.listParticipants('p1');

        const reopened = (await reopen?.())?.access;
        if (!reopened) throw new Error('reopen returned no storage');
        expect(await reopened.listInvites('p1')).toEqual(invites);
        expect(await reopened.listParticipants('p1')).toEqual(participants);
        expect(await reopened.findCredential('s1')).toMatchObject({
          kind: 'session',
          participant: { id: 'amina' },
        });
      });

      it('pings while open, rejects every call as unavailable once closed, and closes twice harmlessly', async () => {
        const { storage } = fixture();
        await planWithParticipant();
        await storage.ping();
        await storage.close();
        const calls: (() => Promise<unknown>)[] = [
          () => createInvite('p1', 'i2'),
          () => access.listInvites('p1'),
          () => access.getInvite('p1', 'i1'),
          () => access.revokeInvite('p1', 'i1'),
          () => access.revokeInvitesOfGroup('p1', 'g1'),
          () => createParticipant('p1', 'i1', 'bo'),
          () => access.getParticipant('p1', 'amina'),
          () => access.removeParticipant('p1', 'amina'),
          () => access.listParticipants('p1'),
          () => access.createSession({ tokenHash: 's1', planId: 'p1', participantId: 'amina' }),
          () => access.findCredential('hash-of-i1'),
          () => storage.ping(),
        ];
        for (const call of calls) await expectStoreError(call(), 'unavailable');
        // Teardown code need not track whether it closed already.
        await storage.close();
      });
    });
  });
};

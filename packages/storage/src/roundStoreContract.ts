/**
 * The one test suite every RoundStore adapter passes, run on a whole Storage since
 * rounds belong to the plans of its DocumentStore.
 */
import { describe, expect, it } from 'vitest';
import type { NewRound } from './RoundStore.ts';
import {
  type ContractSuite,
  clockAt,
  expectStoreError,
  T1,
  T2,
  T3,
  usePlanStore,
} from './test-support/contractFixture.ts';

/** A round on section s1 with two recommendations. */
const round = (id: string, more: Partial<NewRound> = {}): NewRound => ({
  id,
  sectionId: 's1',
  items: [
    { id: 'i1', text: 'Name the ministry.' },
    { id: 'i2', text: 'ជូនដំណឹង <b>early</b>.' },
  ],
  openedBy: 'fac-1',
  openedByName: 'Facilitator',
  ...more,
});

/** Registers the contract's tests for the round store of the storage `makeStorage` builds. */
export const describeRoundStoreContract: ContractSuite = (name, makeStorage, { durable }) => {
  describe(`${name} keeps the RoundStore contract`, () => {
    const { store: rounds, fixture } = usePlanStore(makeStorage, (storage) => storage.rounds);

    it('opens a round with its items frozen, lists it, and closes it once', async () => {
      const openedAt = clockAt(T1);
      const opened = await rounds().openRound('p1', round('r1'));
      expect(opened).toEqual({
        ...round('r1'),
        planId: 'p1',
        status: 'open',
        openedAt,
        closedAt: null,
        eligible: null,
      });
      expect(await rounds().getRound('p1', 'r1')).toEqual(opened);
      const closedAt = clockAt(T2);
      const closed = await rounds().closeRound('p1', 'r1', 12);
      expect(closed).toEqual({ ...opened, status: 'closed', closedAt, eligible: 12 });
      clockAt(T3);
      expect(await rounds().closeRound('p1', 'r1', 40)).toEqual(closed);
      expect(await rounds().listRounds('p1')).toEqual([closed]);
      expect(await rounds().listRounds('p2')).toEqual([]);
      expect(await rounds().getRound('p2', 'r1')).toBeNull();
      expect(await rounds().closeRound('p2', 'r1', 1)).toBeNull();
    });

    it('keeps one answer per participant per item, the latest', async () => {
      await rounds().openRound('p1', round('r1'));
      clockAt(T1);
      await rounds().putVote('p1', {
        roundId: 'r1',
        itemId: 'i1',
        participantId: 'a',
        choice: 'agree',
        reason: '',
      });
      await rounds().putVote('p1', {
        roundId: 'r1',
        itemId: 'i2',
        participantId: 'a',
        choice: 'abstain',
        reason: '',
      });
      await rounds().putVote('p1', {
        roundId: 'r1',
        itemId: 'i1',
        participantId: 'b',
        choice: 'agree',
        reason: '',
      });
      const changedAt = clockAt(T2);
      const changed = await rounds().putVote('p1', {
        roundId: 'r1',
        itemId: 'i1',
        participantId: 'a',
        choice: 'disagree',
        reason: 'Too vague',
      });
      expect(changed.at).toEqual(changedAt);
      const votes = await rounds().listVotes('p1', 'r1');
      expect(votes.map((v) => [v.itemId, v.participantId, v.choice, v.reason])).toEqual([
        ['i2', 'a', 'abstain', ''],
        ['i1', 'b', 'agree', ''],
        ['i1', 'a', 'disagree', 'Too vague'],
      ]);
      expect(await rounds().listVotes('p2', 'r1')).toEqual([]);
    });

    it('refuses answers after the close, to unknown items and rounds, and taken round ids', async () => {
      await rounds().openRound('p1', round('r1'));
      const vote = {
        roundId: 'r1',
        itemId: 'i1',
        participantId: 'a',
        choice: 'agree' as const,
        reason: '',
      };
      await expectStoreError(
        rounds().putVote('p1', { ...vote, itemId: 'nope' }),
        'round-not-found',
      );
      await expectStoreError(rounds().putVote('p2', vote), 'round-not-found');
      await rounds().closeRound('p1', 'r1', 1);
      await expectStoreError(rounds().putVote('p1', vote), 'round-closed');
      expect(await rounds().listVotes('p1', 'r1')).toEqual([]);
      await expectStoreError(rounds().openRound('p2', round('r1')), 'round-exists');
      await expectStoreError(rounds().openRound('missing', round('r2')), 'plan-not-found');
    });

    if (durable) {
      it('keeps rounds and votes across close and reopen', async () => {
        await rounds().openRound('p1', round('r1'));
        await rounds().putVote('p1', {
          roundId: 'r1',
          itemId: 'i1',
          participantId: 'a',
          choice: 'agree',
          reason: 'yes',
        });
        const before = [await rounds().listRounds('p1'), await rounds().listVotes('p1', 'r1')];
        const reopened = await fixture().reopen?.();
        expect([
          await reopened?.rounds.listRounds('p1'),
          await reopened?.rounds.listVotes('p1', 'r1'),
        ]).toEqual(before);
      });
    }
  });
};

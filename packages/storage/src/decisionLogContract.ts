/**
 * The one test suite every DecisionLog adapter passes, run on a whole Storage since
 * decisions belong to the plans of its DocumentStore. Exported from
 * `@plenary/storage/contract`, as it imports vitest.
 */
import { describe, expect, it } from 'vitest';
import type { NewDecision } from './DecisionLog.ts';
import {
  type ContractSuite,
  clockAt,
  expectStoreError,
  T1,
  T2,
  usePlanStore,
} from './test-support/contractFixture.ts';

/** A decision on suggestion `suggestionId` in section `sectionId`, with every field set. */
const decision = (id: string, sectionId = 's1', more: Partial<NewDecision> = {}): NewDecision => ({
  id,
  sectionId,
  suggestionId: `suggestion-${id}`,
  action: 'accept',
  kind: 'insert',
  insertedText: `text of ${id}`,
  deletedText: '',
  authorId: 'u-sokha',
  authorName: 'Sokha',
  groupId: 'g1',
  suggestedAt: new Date('2026-03-01T08:30:00Z'),
  decidedBy: 'focal-1',
  decidedByName: 'Focal point',
  ...more,
});

/** Registers the contract's tests for the decision log of the storage `makeStorage` builds, fresh per test. */
export const describeDecisionLogContract: ContractSuite = (name, makeStorage, { durable }) => {
  describe(`${name} keeps the DecisionLog contract`, () => {
    const { store: log, fixture } = usePlanStore(makeStorage, (storage) => storage.decisions);

    it('appends several decisions at one time and lists them newest first, the last appended first', async () => {
      const firstAt = clockAt(T1);
      const reject = decision('d1', 's1', {
        action: 'reject',
        kind: 'replace',
        insertedText: 'new\nlines',
        deletedText: 'old',
        groupId: null,
        suggestedAt: null,
        decidedBy: null,
        decidedByName: 'facilitator',
      });
      const first = await log().appendDecisions('p1', [reject, decision('d2')]);
      expect(first).toEqual([
        { ...reject, planId: 'p1', decidedAt: firstAt },
        { ...decision('d2'), planId: 'p1', decidedAt: firstAt },
      ]);
      const secondAt = clockAt(T2);
      const [third] = await log().appendDecisions('p1', [decision('d3', 's2')]);
      expect(third?.decidedAt).toEqual(secondAt);
      expect(await log().listDecisions('p1')).toEqual([third, first[1], first[0]]);
    });

    it('lists one section when asked, and no plan sees another plan’s decisions', async () => {
      await log().appendDecisions('p1', [decision('d1', 's1'), decision('d2', 's2')]);
      await log().appendDecisions('p2', [decision('d3', 's1')]);
      expect((await log().listDecisions('p1', { sectionId: 's1' })).map((d) => d.id)).toEqual([
        'd1',
      ]);
      expect((await log().listDecisions('p2')).map((d) => d.id)).toEqual(['d3']);
      expect(await log().listDecisions('p1', { sectionId: 'missing' })).toEqual([]);
      expect(await log().listDecisions('missing')).toEqual([]);
      await log().withdrawDecisions('p2', ['d1']);
      expect(await log().listDecisions('p1')).toHaveLength(2);
    });

    it('appends all of a call or nothing: a taken or repeated id refuses the whole call', async () => {
      await log().appendDecisions('p1', [decision('d1')]);
      await expectStoreError(
        log().appendDecisions('p1', [decision('d2'), decision('d1')]),
        'decision-exists',
      );
      await expectStoreError(
        log().appendDecisions('p2', [decision('d3'), decision('d4'), decision('d3')]),
        'decision-exists',
      );
      expect((await log().listDecisions('p1')).map((d) => d.id)).toEqual(['d1']);
      expect(await log().listDecisions('p2')).toEqual([]);
    });

    it('refuses decisions for a plan it does not hold', async () => {
      await expectStoreError(log().appendDecisions('missing', [decision('d1')]), 'plan-not-found');
    });

    it('withdraws the named entries of the plan and ignores unknown ids', async () => {
      await log().appendDecisions('p1', [decision('d1'), decision('d2'), decision('d3')]);
      await log().withdrawDecisions('p1', ['d1', 'd3', 'missing']);
      expect((await log().listDecisions('p1')).map((d) => d.id)).toEqual(['d2']);
    });

    it('keeps its own copies: changing what went in or came out changes nothing stored', async () => {
      const input = decision('d1');
      const [stored] = await log().appendDecisions('p1', [input]);
      input.suggestedAt?.setTime(0);
      stored?.decidedAt.setTime(0);
      const [listed] = await log().listDecisions('p1');
      expect(listed?.suggestedAt).toEqual(decision('d1').suggestedAt);
      expect(listed?.decidedAt.getTime()).not.toBe(0);
    });

    it('records once what logged decisions saw, of its plan only, and forgets it with the entry', async () => {
      await log().appendDecisions('p1', [decision('d1'), decision('d2'), decision('d3')]);
      await log().appendDecisions('p2', [decision('e1')]);
      await log().recordWhatDecisionsSaw(
        'p1',
        new Map([
          ['d1', '{"seen":[[1,5]]}'],
          ['d2', '{"seen":[]}'],
          ['e1', 'of another plan'],
          ['missing', 'never logged'],
        ]),
      );
      await log().recordWhatDecisionsSaw('p1', new Map([['d1', 'written again']]));
      expect(await log().whatDecisionsSaw('p1')).toEqual(
        new Map([
          ['d1', '{"seen":[[1,5]]}'],
          ['d2', '{"seen":[]}'],
        ]),
      );
      expect(await log().whatDecisionsSaw('p2')).toEqual(new Map());
      await log().withdrawDecisions('p1', ['d2']);
      expect([...(await log().whatDecisionsSaw('p1')).keys()]).toEqual(['d1']);
    });

    if (durable) {
      it('keeps the log across close and reopen', async () => {
        const appended = await log().appendDecisions('p1', [decision('d1'), decision('d2')]);
        await log().recordWhatDecisionsSaw('p1', new Map([['d2', 'saw']]));
        const reopened = await fixture().reopen?.();
        expect(await reopened?.decisions.listDecisions('p1')).toEqual(appended.reverse());
        expect(await reopened?.decisions.whatDecisionsSaw('p1')).toEqual(new Map([['d2', 'saw']]));
      });
    }
  });
};

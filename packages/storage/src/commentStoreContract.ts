/**
 * The one test suite every CommentStore adapter passes, run on a whole Storage since
 * threads belong to the plans of its DocumentStore.
 */
import { describe, expect, it } from 'vitest';
import type { NewCommentMessage, NewCommentThread } from './CommentStore.ts';
import {
  type ContractSuite,
  clockAt,
  expectStoreError,
  T1,
  T2,
  T3,
  usePlanStore,
} from './test-support/contractFixture.ts';

/** A message by Sokha of group g1, unless told otherwise. */
const message = (id: string, more: Partial<NewCommentMessage> = {}): NewCommentMessage => ({
  id,
  authorId: 'u-sokha',
  authorName: 'Sokha',
  authorGroupId: 'g1',
  text: `text of ${id}`,
  ...more,
});

/** A thread on section s1 anchored by two small byte strings. */
const thread = (id: string, more: Partial<NewCommentThread> = {}): NewCommentThread => ({
  id,
  sectionId: 's1',
  quote: 'the ministry',
  anchorStart: new Uint8Array([1, 2, 3]),
  anchorEnd: new Uint8Array([4, 5]),
  firstMessage: message(`${id}-m1`),
  ...more,
});

/** Registers the contract's tests for the comment store of the storage `makeStorage` builds. */
export const describeCommentStoreContract: ContractSuite = (name, makeStorage, { durable }) => {
  describe(`${name} keeps the CommentStore contract`, () => {
    const { store: comments, fixture } = usePlanStore(makeStorage, (storage) => storage.comments);

    it('creates an open thread with its first message, and adds replies in order', async () => {
      const at1 = clockAt(T1);
      const created = await comments().createThread('p1', thread('t1'));
      expect(created).toEqual({
        id: 't1',
        planId: 'p1',
        sectionId: 's1',
        quote: 'the ministry',
        anchorStart: new Uint8Array([1, 2, 3]),
        anchorEnd: new Uint8Array([4, 5]),
        resolved: false,
        createdAt: at1,
        messages: [{ ...message('t1-m1'), at: at1 }],
      });
      const at2 = clockAt(T2);
      const reply = message('r1', { authorId: 'u-dara', authorName: 'Dara', authorGroupId: null });
      const replied = await comments().addMessage('p1', 't1', reply);
      expect(replied?.messages).toEqual([
        { ...message('t1-m1'), at: at1 },
        { ...reply, at: at2 },
      ]);
      expect(await comments().getThread('p1', 't1')).toEqual(replied);
    });

    it('keeps a thread without a range (on the section as a whole)', async () => {
      await comments().createThread(
        'p1',
        thread('t1', { quote: '', anchorStart: null, anchorEnd: null }),
      );
      expect(await comments().getThread('p1', 't1')).toMatchObject({
        quote: '',
        anchorStart: null,
        anchorEnd: null,
      });
    });

    it('resolves and reopens; unknown threads give null and no plan sees another plan’s', async () => {
      await comments().createThread('p1', thread('t1'));
      expect((await comments().setResolved('p1', 't1', true))?.resolved).toBe(true);
      expect((await comments().getThread('p1', 't1'))?.resolved).toBe(true);
      expect((await comments().setResolved('p1', 't1', false))?.resolved).toBe(false);
      expect(await comments().setResolved('p2', 't1', true)).toBeNull();
      expect(await comments().addMessage('p2', 't1', message('r1'))).toBeNull();
      expect(await comments().getThread('p2', 't1')).toBeNull();
      expect(await comments().listThreads('p2')).toEqual([]);
      expect(await comments().listThreads('missing')).toEqual([]);
    });

    it('lists the plan’s threads oldest first, each with its own messages', async () => {
      clockAt(T1);
      await comments().createThread('p1', thread('t1'));
      clockAt(T2);
      await comments().createThread('p1', thread('t2', { sectionId: 's2' }));
      clockAt(T3);
      await comments().addMessage('p1', 't1', message('r1'));
      await comments().createThread('p2', thread('t3'));
      const listed = await comments().listThreads('p1');
      expect(listed.map((t) => [t.id, t.messages.map((m) => m.id)])).toEqual([
        ['t1', ['t1-m1', 'r1']],
        ['t2', ['t2-m1']],
      ]);
    });

    it('refuses taken ids and unknown plans, storing nothing', async () => {
      await comments().createThread('p1', thread('t1'));
      await expectStoreError(comments().createThread('p1', thread('t1')), 'comment-exists');
      await expectStoreError(
        comments().createThread('p1', thread('t2', { firstMessage: message('t1-m1') })),
        'comment-exists',
      );
      await expectStoreError(comments().addMessage('p1', 't1', message('t1')), 'comment-exists');
      await expectStoreError(comments().createThread('missing', thread('t9')), 'plan-not-found');
      const [only] = await comments().listThreads('p1');
      expect(only?.messages.map((m) => m.id)).toEqual(['t1-m1']);
      expect(await comments().listThreads('p1')).toHaveLength(1);
    });

    if (durable) {
      it('keeps threads across close and reopen', async () => {
        await comments().createThread('p1', thread('t1'));
        await comments().addMessage('p1', 't1', message('r1'));
        const before = await comments().listThreads('p1');
        const reopened = await fixture().reopen?.();
        expect(await reopened?.comments.listThreads('p1')).toEqual(before);
      });
    }
  });
};

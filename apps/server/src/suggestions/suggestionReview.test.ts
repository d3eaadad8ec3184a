import { createPlanDoc } from '@plenary/editor';
import {
  type Actor,
  PLAN_TEMPLATES,
  readPlan,
  sectionFragmentName,
  setPhase,
  setSuggestingPolicy,
} from '@plenary/model';
import type { ConnectionContext } from '@plenary/relay';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { loadEditor } from '../editorModule.ts';
import { SWITCH_GRACE_MS, suggestionReview } from './suggestionReview.ts';

// As the sync route does before it hands a socket to the relay.
beforeAll(async () => {
  await loadEditor();
});

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function contextOf(actor: Actor): ConnectionContext {
  return {
    participantId: 'p-sokha',
    inviteId: 'i-1',
    actor,
    presence: { participantId: 'p-sokha', name: 'Sokha', role: actor.role, groupId: actor.groupId },
  };
}

/** A plan, a clock the test moves, and a plain edit of a section judged by the review. */
function setup() {
  const doc = createPlanDoc('Plan', PLAN_TEMPLATES['r2p-nap']);
  let time = 1_000_000;
  const review = suggestionReview(logger, () => time);
  const root = sectionFragmentName(readPlan(doc).sections[0]?.id ?? '');
  const plainEdit = async (actor: Actor): Promise<string | null> => {
    const check = review.reviewUpdate({
      planId: 'plan',
      context: contextOf(actor),
      touchedRoots: new Set([root]),
      doc,
    });
    const paragraph = doc.getXmlFragment(root).get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, 'Plain. ');
    return (await check?.(() => null)) ?? null;
  };
  return { doc, plainEdit, wait: (ms: number) => (time += ms) };
}

const member: Actor = { role: 'member', groupId: 'g1' };

describe('the review of those who must suggest', () => {
  it('checks members in Review, and whoever the plan setting names', async () => {
    const review = setup();
    setPhase(review.doc, 'review');
    expect(await review.plainEdit(member)).toMatch(/must be suggestions/);
    expect(await review.plainEdit({ role: 'focal-point', groupId: null })).toBeNull();
    const drafting = setup();
    expect(await drafting.plainEdit(member)).toBeNull();
    const setting = setup();
    setSuggestingPolicy(setting.doc, { member: ['drafting', 'review'] });
    expect(await setting.plainEdit(member)).toMatch(/must be suggestions/);
  });

  it('lets through what was typed just before the switch to suggesting, then no more', async () => {
    const { doc, plainEdit, wait } = setup();
    expect(await plainEdit(member)).toBeNull();
    setPhase(doc, 'review');
    expect(await plainEdit(member), 'on its way').toBeNull();
    wait(SWITCH_GRACE_MS);
    expect(await plainEdit(member)).toMatch(/must be suggestions/);
  });
});

describe('the editing packages the review reads through', () => {
  it('are asked for when someone who must suggest comes in, or as the plan switches', () => {
    const doc = createPlanDoc('Plan', PLAN_TEMPLATES['r2p-nap']);
    let loads = 0;
    const review = suggestionReview(logger, Date.now, async () => {
      loads += 1;
    });
    expect(review.watchFor(doc, member)).toBe(false);
    expect(loads).toBe(0);
    setPhase(doc, 'review');
    expect(loads, 'loaded within the grace after the switch').toBe(1);
    expect(review.watchFor(doc, member)).toBe(true);
    expect(review.watchFor(doc, { role: 'focal-point', groupId: null })).toBe(false);
  });
});

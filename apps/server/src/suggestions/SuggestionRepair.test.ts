/**
 * The repair in a process that did not make a decision (scaled out): the decided ids it
 * keeps are stale until the deciding process's note says what its decisions came to; then
 * it looks over the whole plan for what its own clients left of them meanwhile. The plans
 * are a Y.Doc held here, the log a list: the repair's own code does the rest.
 */
import { SUGGESTION_FORMAT } from '@plenary/editor';
import { initPlan, sectionFragmentName } from '@plenary/model';
import type { PlanDocuments } from '@plenary/relay';
import type { DecisionLog, StoredDecision } from '@plenary/storage';
import { listFragmentSuggestions } from '@plenary/suggestions';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeWhatDecisionSaw } from './decisionSaw.ts';
import { SuggestionRepair } from './SuggestionRepair.ts';

const PLAN = 'plan0000000001';

/** One plan's live document, as the relay lends it to extensions; notes sent are kept. */
function onePlan(doc: Y.Doc) {
  const told: string[] = [];
  let changes = Promise.resolve();
  const plans: PlanDocuments = {
    peek: (_planId, reader) => reader(doc),
    read: async (_planId, reader) => reader(doc),
    transact: async (_planId, change) => {
      const run = changes.then(() => doc.transact(() => change(doc)));
      changes = run.then(() => undefined);
      return run;
    },
    tellOtherProcesses: (_planId, extension, note) => told.push(`${extension}: ${note}`),
  };
  return { plans, told };
}

/** A logged decision on `suggestionId`. */
const entryFor = (
  suggestionId: string,
  action: 'accept' | 'reject' = 'accept',
): StoredDecision => ({
  id: `entry-${suggestionId}`,
  planId: PLAN,
  sectionId: 's1',
  suggestionId,
  action,
  kind: 'insert',
  insertedText: '',
  deletedText: '',
  authorId: 'sokha',
  authorName: 'Sokha',
  groupId: null,
  suggestedAt: null,
  decidedBy: 'focal',
  decidedByName: 'Focal point',
  decidedAt: new Date('2026-12-08T03:40:00Z'),
});

/** A decision log of accepted suggestions, in memory; what each saw is not recorded. */
function acceptedLog(): { log: DecisionLog; accept(suggestionId: string): void } {
  const entries: StoredDecision[] = [];
  const log: DecisionLog = {
    appendDecisions: async () => [],
    listDecisions: async () => [...entries].reverse(),
    withdrawDecisions: async () => undefined,
    recordWhatDecisionsSaw: async () => undefined,
    whatDecisionsSaw: async () => new Map(),
  };
  return { log, accept: (suggestionId) => entries.push(entryFor(suggestionId)) };
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const insertion = (id: string) => ({
  [SUGGESTION_FORMAT.insertion]: {
    id,
    authorId: 'sokha',
    authorName: 'Sokha',
    groupId: null,
    at: Date.parse('2026-12-08T03:30:00Z'),
  },
});

/**
 * A plan of one section holding "Lead. Protect every civilian. Train the police.", the
 * second sentence suggested as `id`, the third as `other`.
 */
function planWithSuggestion(id: string, other = 'sug-other') {
  const doc = new Y.Doc();
  const [sectionId = ''] = initPlan(doc, {
    title: 'Plan',
    groups: [],
    sections: [{ id: 's1', title: 'Protection', groupId: null }],
  });
  const text = new Y.XmlText();
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    doc.getXmlFragment(sectionFragmentName(sectionId)).insert(0, [paragraph]);
    text.insert(0, 'Lead. ');
    text.insert(6, 'Protect every civilian.', insertion(id));
    text.insert(29, ' Train the police.', insertion(other));
  });
  const pending = () =>
    listFragmentSuggestions(doc.getXmlFragment(sectionFragmentName(sectionId))).map((s) => s.id);
  return { doc, text, pending };
}

/** A client's update of the section, as the relay reports it once stored. */
function clientUpdate(plans: PlanDocuments, doc: Y.Doc, change: () => void) {
  const before = Y.encodeStateVector(doc);
  change();
  const update = Y.encodeStateAsUpdate(doc, before);
  return {
    planId: PLAN,
    touchedRoots: new Set([sectionFragmentName('s1')]),
    update,
    clocks: () => new Map([[doc.clientID, [[0, Y.getState(doc.store, doc.clientID)]]]]) as never,
    participantId: 'sokha',
    plans,
  };
}

/** The note of a process whose decisions came to `made` and `withdrawn`. */
const decisionsNote = (made: [string, 'accept' | 'reject'][], withdrawn: string[] = []) =>
  JSON.stringify({
    made: made.map(([id, action]) => [id, action, encodeWhatDecisionSaw({ action })]),
    withdrawn,
  });

describe('SuggestionRepair, scaled out', () => {
  it("takes in another process's decisions from its note, and repairs what it missed before", async () => {
    const { doc, text, pending } = planWithSuggestion('sug-across');
    const { plans, told } = onePlan(doc);
    const { log, accept } = acceptedLog();
    const repair = new SuggestionRepair({ decisions: log, logger: quiet });
    // The repair reads the log with the first update (nothing decided yet)...
    repair.onClientUpdate(clientUpdate(plans, doc, () => text.insert(0, '> ')));
    await repair.idle();
    // ...then another process accepts the first suggestion: its change (the mark taken off)
    // reaches this document. It has also logged the second, still under way there.
    accept('sug-other');
    doc.transact(() => text.format(8, 23, { [SUGGESTION_FORMAT.insertion]: null }));
    expect(pending()).toEqual(['sug-other']);
    // A client here, not having seen it, puts the mark back on part of the text.
    repair.onClientUpdate(
      clientUpdate(plans, doc, () => text.format(8, 7, insertion('sug-across'))),
    );
    await repair.idle();
    expect(pending()).toEqual(['sug-across', 'sug-other']);
    // The deciding process's note: what it decided, and the whole plan looked over. The
    // decision still under way there is not taken for made.
    repair.onOtherProcessNote({
      planId: PLAN,
      note: decisionsNote([['sug-across', 'accept']]),
      plans,
    });
    await new Promise((resolve) => setImmediate(resolve));
    await repair.idle();
    expect(pending()).toEqual(['sug-other']);
    const plain = (text.toDelta() as { insert: string }[]).map((run) => run.insert).join('');
    expect(plain).toBe('> Lead. Protect every civilian. Train the police.');
    expect(told).toEqual([]);
  });

  it('tells the other processes what its own decisions came to, withdrawn ones too', async () => {
    const { doc } = planWithSuggestion('sug-here');
    const { plans, told } = onePlan(doc);
    const repair = new SuggestionRepair({ decisions: acceptedLog().log, logger: quiet });
    repair.beginDecisions(PLAN, ['sug-here', 'sug-other']);
    // One made, one withdrawn (it was gone when the change came).
    await repair.endDecisions(
      plans,
      PLAN,
      ['sug-here', 'sug-other'],
      [entryFor('sug-here', 'reject')],
      new Map([['sug-here', { action: 'reject' }]]),
    );
    await repair.endDecisions(plans, PLAN, [], [], new Map());
    expect(told).toEqual([
      `suggestion-repair: ${decisionsNote([['sug-here', 'reject']], ['sug-other'])}`,
    ]);
  });

  it('reads the log again after a note it cannot read, and only then', async () => {
    const { doc, text, pending } = planWithSuggestion('sug-across');
    const { plans } = onePlan(doc);
    const { log, accept } = acceptedLog();
    const repair = new SuggestionRepair({ decisions: log, logger: quiet });
    repair.onClientUpdate(clientUpdate(plans, doc, () => text.insert(0, '> ')));
    await repair.idle();
    accept('sug-across');
    repair.onOtherProcessNote({ planId: PLAN, note: 'from a newer version', plans });
    await repair.idle();
    expect(pending()).toEqual(['sug-across', 'sug-other']);
    // The next update in that paragraph is repaired with the log as it is now.
    repair.onClientUpdate(clientUpdate(plans, doc, () => text.insert(2, '>')));
    await repair.idle();
    expect(pending()).toEqual(['sug-other']);
  });
});

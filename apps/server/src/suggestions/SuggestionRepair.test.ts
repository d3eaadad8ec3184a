/**
 * The repair in a process that did not make a decision (scaled out): the decided ids it
 * keeps are stale until the deciding process's note, which makes it read the log again
 * and look over the whole plan for what its own clients left of those decisions meanwhile.
 * The plans are a Y.Doc held here, the log a list: the repair's own code does the rest.
 */
import { SUGGESTION_FORMAT } from '@plenary/editor';
import { initPlan, sectionFragmentName } from '@plenary/model';
import type { PlanDocuments } from '@plenary/relay';
import type { DecisionLog, StoredDecision } from '@plenary/storage';
import { listFragmentSuggestions } from '@plenary/suggestions';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
  const accept = (suggestionId: string) =>
    entries.push({
      id: `entry-${suggestionId}`,
      planId: PLAN,
      sectionId: 's1',
      suggestionId,
      action: 'accept',
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
  return { log, accept };
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

/** A plan of one section holding "Lead. Protect every civilian.", the second sentence `id`'s. */
function planWithSuggestion(id: string) {
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

describe('SuggestionRepair, scaled out', () => {
  it("reads the log again on another process's note, and repairs what it missed before", async () => {
    const { doc, text, pending } = planWithSuggestion('sug-across');
    const { plans, told } = onePlan(doc);
    const { log, accept } = acceptedLog();
    const repair = new SuggestionRepair({ decisions: log, logger: quiet });
    // The repair reads the log with the first update (nothing decided yet)...
    repair.onClientUpdate(clientUpdate(plans, doc, () => text.insert(0, '> ')));
    await repair.idle();
    // ...then another process accepts the suggestion: its change (the mark taken off)
    // reaches this document, and its entry the log.
    accept('sug-across');
    doc.transact(() => text.format(8, 23, { [SUGGESTION_FORMAT.insertion]: null }));
    expect(pending()).toEqual([]);
    // A client here, not having seen it, puts the mark back on part of the text.
    repair.onClientUpdate(
      clientUpdate(plans, doc, () => text.format(8, 7, insertion('sug-across'))),
    );
    await repair.idle();
    expect(pending()).toEqual(['sug-across']);
    // The deciding process's note: the log is read again and the whole plan looked over.
    repair.onOtherProcessNote({ planId: PLAN, note: 'decisions-changed', plans });
    await repair.idle();
    expect(pending()).toEqual([]);
    expect(text.toString()).toContain('Protect every civilian.');
    expect(told).toEqual([]);
  });

  it('tells the other processes once its own decisions are done, withdrawn ones too', async () => {
    const { doc } = planWithSuggestion('sug-here');
    const { plans, told } = onePlan(doc);
    const repair = new SuggestionRepair({ decisions: acceptedLog().log, logger: quiet });
    repair.beginDecisions(PLAN, ['sug-here']);
    await repair.endDecisions(plans, PLAN, ['sug-here'], [], new Map());
    await repair.endDecisions(plans, PLAN, [], [], new Map());
    expect(told).toEqual(['suggestion-repair: decisions-changed']);
  });

  it('leaves notes it does not know alone', async () => {
    const { doc, text, pending } = planWithSuggestion('sug-across');
    const { plans } = onePlan(doc);
    const { log, accept } = acceptedLog();
    const repair = new SuggestionRepair({ decisions: log, logger: quiet });
    repair.onClientUpdate(clientUpdate(plans, doc, () => text.insert(0, '> ')));
    await repair.idle();
    accept('sug-across');
    repair.onOtherProcessNote({ planId: PLAN, note: 'something else', plans });
    await repair.idle();
    expect(pending()).toEqual(['sug-across']);
  });
});

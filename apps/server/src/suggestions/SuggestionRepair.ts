import {
  addClocks,
  readPlan,
  sectionFragmentName,
  sectionIdOfRoot,
  type UpdateClocks,
} from '@plenary/model';
import type {
  ClientUpdateEvent,
  OtherProcessNoteEvent,
  PlanDocuments,
  RelayExtension,
  RelayLogger,
  WithPlans,
} from '@plenary/relay';
import type { DecisionAction, DecisionLog, StoredDecision } from '@plenary/storage';
import type { DecidedSuggestion } from '@plenary/suggestions';
import { textsToRepair } from '@plenary/suggestions/repairScope';
import * as Y from 'yjs';
import { loadEditor } from '../editorModule.ts';
import { decidedFromLog, encodeWhatDecisionSaw } from './decisionSaw.ts';

/** The repair's name, to which the other processes' notes are addressed. */
const SUGGESTION_REPAIR = 'suggestion-repair';

/**
 * What a process's decisions on a plan came to, as it tells the others (as JSON): the
 * decided ids of the others then change as its own did, never by an entry logged for a
 * decision still under way.
 */
interface DecisionsNote {
  /** Made: the suggestion, the action and what the decision saw (`encodeWhatDecisionSaw`). */
  made: [suggestionId: string, action: DecisionAction, saw: string][];
  /** Logged, then withdrawn: not made. */
  withdrawn: string[];
}

/**
 * The decisions a note says were made, and the ids it says were withdrawn; null for a note
 * this version cannot read. Malformed entries are left out.
 */
function readDecisionsNote(
  note: string,
): { made: Map<string, DecidedSuggestion>; withdrawn: string[] } | null {
  let told: Partial<DecisionsNote>;
  try {
    told = JSON.parse(note) as Partial<DecisionsNote>;
  } catch {
    return null;
  }
  if (!Array.isArray(told?.made) || !Array.isArray(told.withdrawn)) return null;
  const made = new Map<string, DecidedSuggestion>();
  for (const [id, action, saw] of told.made) {
    if (typeof id !== 'string' || (action !== 'accept' && action !== 'reject')) continue;
    made.set(id, decidedFromLog(action, typeof saw === 'string' ? saw : undefined));
  }
  return { made, withdrawn: told.withdrawn.filter((id) => typeof id === 'string') };
}

/** Where the repair reads the decisions, and says what went wrong. */
export interface SuggestionRepairOptions {
  decisions: DecisionLog;
  logger: RelayLogger;
}

/**
 * Keeps suggestion marks true. A client's change made at the same moment as a decision
 * can leave the decided suggestion's mark on some text, and text typed inside a deletion
 * as it is suggested takes the deletion's mark (see repairSuggestionMarks); after each
 * client update that touches a section, this carries the logged decisions out on such
 * leftovers and unmarks such text, as a server change every client receives. A relay
 * extension: `onClientUpdate` starts a repair, and the relay waits for those under way
 * (`beforeClose`) before it writes its plans back. Only the paragraphs the updates touched
 * and that hold suggestion marks are looked at (`textsToRepair`): rescanning the whole
 * section after each keystroke was most of the server's work under a flood of them.
 *
 * The decided ids of a plan are read from the decision log once and then kept up to date
 * by the decisions service, which also says which decisions are under way: those are logged
 * before they are made, and must not be taken for leftovers meanwhile. Scaled out, the
 * process that decides tells the others what its decisions came to once they are done
 * (`DecisionsNote`): they take them in as it did and look over the whole plan once, since
 * their own clients may have left leftovers of those decisions that they did not see as such.
 */
export class SuggestionRepair implements RelayExtension {
  readonly name = SUGGESTION_REPAIR;
  private readonly decided = new Map<string, Promise<Map<string, DecidedSuggestion>>>();
  private readonly underWay = new Map<string, Set<string>>();
  /**
   * Per plan, the sections and what the updates since its last repair wrote and deleted,
   * while one is scheduled: kept as clock ranges as each update comes (a small update is
   * decoded in microseconds), so a flood's thousands of updates are not decoded at once.
   */
  private readonly dirty = new Map<string, { sections: Set<string>; clocks: UpdateClocks }>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: SuggestionRepairOptions) {}

  onClientUpdate({ planId, touchedRoots, clocks, plans }: WithPlans<ClientUpdateEvent>): void {
    const sections = [...touchedRoots].flatMap((root) => sectionIdOfRoot(root) ?? []);
    if (sections.length > 0) this.schedule(plans, planId, sections, clocks());
  }

  /**
   * Another process decided suggestions of the plan (or withdrew decisions it had logged):
   * the decided ids kept here change as its own did, and what this process's clients typed
   * meanwhile, repaired without them, is looked over again: every section's text from the
   * first clock, as if every update so far had just come.
   */
  onOtherProcessNote({ planId, note, plans }: WithPlans<OtherProcessNoteEvent>): void {
    const told = readDecisionsNote(note);
    if (!told) {
      // Not one this version writes: the log, read again at the next repair, is the truth.
      this.decided.delete(planId);
      return;
    }
    const { made, withdrawn } = told;
    void this.settle(planId, [...made.keys(), ...withdrawn], made).then(() => {
      if (made.size === 0) return;
      const whole = plans.peek(planId, (doc) => ({
        sections: readPlan(doc).sections.map((section) => section.id),
        clocks: new Map(
          [...Y.decodeStateVector(Y.encodeStateVector(doc))].map(
            ([client, clock]): [number, Array<[number, number]>] => [client, [[0, clock]]],
          ),
        ),
      }));
      if (whole) this.schedule(plans, planId, whole.sections, whole.clocks);
    });
  }

  /** Starts a repair of the plan's `sections` where `clocks` wrote, or adds to the one waiting. */
  private schedule(
    plans: PlanDocuments,
    planId: string,
    sections: readonly string[],
    clocks: UpdateClocks,
  ): void {
    const waiting = this.dirty.get(planId);
    if (waiting) {
      for (const id of sections) waiting.sections.add(id);
      addClocks(waiting.clocks, clocks);
      return;
    }
    const written: UpdateClocks = new Map();
    addClocks(written, clocks);
    this.dirty.set(planId, { sections: new Set(sections), clocks: written });
    // Not awaited: the relay calls this from its room's queue, which the repair goes through.
    const run = this.repair(plans, planId)
      .catch((error: unknown) => {
        this.options.logger.warn({ err: error, planId }, 'could not repair decided suggestions');
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Decisions about to be logged and then made: until they are, they are no leftovers. */
  beginDecisions(planId: string, suggestionIds: readonly string[]): void {
    const underWay = this.underWay.get(planId) ?? new Set<string>();
    for (const id of suggestionIds) underWay.add(id);
    this.underWay.set(planId, underWay);
  }

  /**
   * Decisions done: the `logged` entries were made (as `records`, by suggestion id, says:
   * see `decisionRecords`), the others withdrawn from the log. What each saw is stored with
   * its entry, for the repair after a restart and in the other processes, which are told
   * (through `plans`) once it is.
   */
  async endDecisions(
    plans: Pick<PlanDocuments, 'tellOtherProcesses'>,
    planId: string,
    suggestionIds: readonly string[],
    logged: readonly StoredDecision[],
    records: ReadonlyMap<string, DecidedSuggestion>,
  ): Promise<void> {
    const carried = new Set(logged.map((entry) => entry.suggestionId));
    const saw = new Map(
      logged.flatMap((entry) => {
        const record = records.get(entry.suggestionId);
        return record ? [[entry.id, encodeWhatDecisionSaw(record)] as const] : [];
      }),
    );
    // The decision is made either way; without the record, after a restart its leftovers
    // count all text as seen, as before records were kept.
    await this.options.decisions.recordWhatDecisionsSaw(planId, saw).catch((error: unknown) => {
      this.options.logger.warn({ err: error, planId }, 'could not store what decisions saw');
    });
    const made = new Map([...records].filter(([id]) => carried.has(id)));
    await this.settle(planId, suggestionIds, made);
    const underWay = this.underWay.get(planId);
    for (const id of suggestionIds) underWay?.delete(id);
    if (suggestionIds.length === 0) return;
    const told: DecisionsNote = {
      made: [...made].map(([id, record]) => [id, record.action, encodeWhatDecisionSaw(record)]),
      withdrawn: suggestionIds.filter((id) => !made.has(id)),
    };
    plans.tellOtherProcesses(planId, SUGGESTION_REPAIR, JSON.stringify(told));
  }

  /**
   * The plan's decided ids, if read already, after decisions on `suggestionIds`: those in
   * `made` decided as it says, the others not (withdrawn from the log).
   */
  private async settle(
    planId: string,
    suggestionIds: readonly string[],
    made: ReadonlyMap<string, DecidedSuggestion>,
  ): Promise<void> {
    const known = this.decided.get(planId);
    if (!known) return;
    const decided = await known.catch(() => null);
    for (const id of suggestionIds) {
      const record = made.get(id);
      if (record) decided?.set(id, record);
      else decided?.delete(id);
    }
  }

  /** Resolves once the repairs started so far are done. */
  async idle(): Promise<void> {
    await Promise.all(this.running);
  }

  /** The relay is about to write its plans back: the repairs under way change them first. */
  beforeClose(): Promise<void> {
    return this.idle();
  }

  private decidedIn(planId: string): Promise<Map<string, DecidedSuggestion>> {
    let decided = this.decided.get(planId);
    if (!decided) {
      const { decisions } = this.options;
      decided = Promise.all([
        decisions.listDecisions(planId),
        decisions.whatDecisionsSaw(planId),
      ]).then(([entries, saw]) => {
        // Newest first: an id is decided once, but should the log hold two entries, the
        // newest is what the document shows.
        const map = new Map<string, DecidedSuggestion>();
        for (const entry of [...entries].reverse()) {
          map.set(entry.suggestionId, decidedFromLog(entry.action, saw.get(entry.id)));
        }
        return map;
      });
      decided.catch(() => this.decided.delete(planId));
      this.decided.set(planId, decided);
    }
    return decided;
  }

  private async repair(plans: PlanDocuments, planId: string): Promise<void> {
    const all = await this.decidedIn(planId);
    const { sections, clocks } = this.dirty.get(planId) ?? { sections: [], clocks: new Map() };
    this.dirty.delete(planId);
    const underWay = this.underWay.get(planId);
    // Copied only while decisions are under way: a plan's decided suggestions are read on
    // every keystroke that touches a section, and most of the time none is under way.
    const decided = underWay?.size ? new Map([...all].filter(([id]) => !underWay.has(id))) : all;
    // Most updates touch no paragraph that holds a suggestion. Found out from the live
    // document first, so the plan's queue is not taken for nothing: a queued change waits
    // until every update before it is stored, and the updates after it wait for it.
    const mayNeedRepair = plans.peek(planId, (doc) => {
      typeSections(doc, sections);
      return textsToRepair(doc, clocks, { decided }).size > 0;
    });
    if (mayNeedRepair === false) return;
    // Only now the editing packages: most rooms never hold a suggestion (see editorModule.ts).
    const { repairSuggestionMarks } = await loadEditor();
    // Also with nothing decided yet: a pending deletion may have taken text typed inside it.
    await plans.transact(planId, (doc) => {
      const fragments = typeSections(doc, sections);
      const scope = textsToRepair(doc, clocks, { decided });
      for (const fragment of fragments) {
        const texts = scope.get(fragment);
        if (!texts) continue;
        const context = {
          decided,
          // Which participant typed with which Yjs client id is known to storage, not
          // here; leftovers of a rejected insertion stay as their author's.
          authorOfClient: () => null,
        };
        repairSuggestionMarks(fragment, context, null, texts);
      }
    });
  }
}

/**
 * The sections' fragments, asked for by type first: in a document just loaded, a section no
 * one has asked for by type is a placeholder that getXmlFragment replaces, and the scope of
 * `textsToRepair`, keyed by the root each paragraph is in, would name the placeholder and
 * miss the first repair after a load.
 */
function typeSections(doc: Y.Doc, sections: Iterable<string>): Y.XmlFragment[] {
  return [...sections].map((sectionId) => doc.getXmlFragment(sectionFragmentName(sectionId)));
}

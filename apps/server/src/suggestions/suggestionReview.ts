import {
  type Actor,
  keptPlan,
  mustSuggest,
  PLAN_ROOT,
  readSuggestingPolicy,
  sectionIdOfRoot,
} from '@plenary/model';
import type { RelayExtension, RelayLogger, ReviewCheck, UpdateCheck } from '@plenary/relay';
import type { SuggestionGuard, SuggestionVerdict } from '@plenary/suggestions';
import type * as Y from 'yjs';
import { loadEditor, loadedEditor } from '../editorModule.ts';

/**
 * How long after the plan switches someone to suggesting (a phase change, a new setting)
 * their direct changes are still let through: what they typed just before their editor
 * switched is on its way, and an honest client must not be refused for it.
 */
export const SWITCH_GRACE_MS = 10_000;

/** The suggestion check as a relay extension, with what the sync route asks of it. */
export type SuggestionReview = RelayExtension &
  Required<Pick<RelayExtension, 'reviewUpdate'>> & {
    /**
     * Watches a plan from now on and says whether `actor` must suggest in it now: then
     * the editing packages must be loaded before their socket is handed over. A later
     * switch to suggesting loads them itself, within the grace that follows it.
     */
    watchFor(doc: Y.Doc, actor: Actor): boolean;
  };

/**
 * Holds those who must suggest to it (members in Review, or as `PUT /suggesting` sets):
 * each update of theirs that touches a section is let through only when it is nothing but
 * their own suggestion (`SuggestionGuard`), and refused otherwise. A relay extension whose
 * `reviewUpdate` is the whole of it. The check reads through the editing packages, which
 * a room where nobody must suggest never loads (`loadEditing`, see editorModule.ts).
 */
export function suggestionReview(
  logger: RelayLogger,
  now: () => number = Date.now,
  loadEditing: () => Promise<unknown> = loadEditor,
): SuggestionReview {
  let guard: SuggestionGuard | null = null;
  const switchedAt = new WeakMap<Y.Doc, number>();
  const load = () => {
    loadEditing().catch((error: unknown) =>
      logger.error({ err: error }, 'could not load the editing packages'),
    );
  };
  const watch = (doc: Y.Doc): number => {
    const known = switchedAt.get(doc);
    if (known !== undefined) return known;
    switchedAt.set(doc, Number.NEGATIVE_INFINITY);
    doc.getMap(PLAN_ROOT).observe((event) => {
      if (event.keysChanged.has('phase') || event.keysChanged.has('suggesting')) {
        switchedAt.set(doc, now());
        // Loaded within the grace, before anyone's changes have to be checked.
        load();
      }
    });
    return Number.NEGATIVE_INFINITY;
  };
  const mustSuggestIn = (doc: Y.Doc, actor: Actor) =>
    mustSuggest(actor, keptPlan(doc).phase, readSuggestingPolicy(doc));
  const reviewUpdate = ({ context, touchedRoots, doc }: UpdateCheck): ReviewCheck | null => {
    const sections = [...touchedRoots].filter((root) => sectionIdOfRoot(root) !== null);
    if (sections.length === 0) return null;
    const { actor, participantId, presence } = context;
    // Watched from the first update on, so a later switch to suggesting is seen.
    const switched = watch(doc);
    if (!mustSuggestIn(doc, actor)) return null;
    if (now() - switched < SWITCH_GRACE_MS) return null;
    if (participantId === null) return () => 'suggestions need a name: join the plan first';
    const author = { id: participantId, name: presence?.name ?? '', groupId: actor.groupId };
    let verdicts: SuggestionVerdict[];
    try {
      // Loaded before the socket of anyone who must suggest reaches the relay, or within
      // the grace after a switch (`watchFor`); should it not be (a switch in a document
      // reloaded since), the change is refused below rather than let through unchecked,
      // and the packages are asked for, for the next one.
      const editor = loadedEditor();
      if (!editor) {
        load();
        throw new Error('the editor module is not loaded');
      }
      guard ??= new editor.SuggestionGuard();
      const checking = guard;
      verdicts = sections.map((root) => checking.before(doc.getXmlFragment(root)));
    } catch (error) {
      logger.error({ err: error }, 'could not read a section to check a suggestion');
      return () => 'the change could not be checked';
    }
    // Judged a part of the changed blocks at a time, pausing when the room says so: a
    // change that touched a whole section is otherwise one long piece of work.
    return async (pause) => {
      try {
        for (const verdict of verdicts) {
          const problem = await verdict.inSteps(author, pause);
          if (problem) return problem;
        }
        return null;
      } catch (error) {
        // Refusing one sender (who keeps their text) beats failing the room for everyone.
        logger.error({ err: error, participantId }, 'could not check a suggestion');
        return 'the change could not be checked';
      }
    };
  };
  const watchFor = (doc: Y.Doc, actor: Actor): boolean => {
    watch(doc);
    return mustSuggestIn(doc, actor);
  };
  return { name: 'suggestion-review', reviewUpdate, watchFor };
}

/**
 * @plenary/suggestions: suggesting instead of editing, and everything that follows from a
 * suggestion. The suggesting mode and its decorations (with steps kept to whole Khmer
 * clusters), listing suggestions, deciding them in the editor or straight in Yjs, the
 * server's check that a suggester's update is only their own suggestion, and the repair of
 * marks that concurrent typing leaves half-decided (Yjs text chunks, cluster repair).
 *
 * A package of its own because none of this is needed to read or render a plan: the
 * schema, with the suggestion marks in it, stays in @plenary/editor, which this package
 * builds on. @plenary/versions reads suggestion marks but needs nothing from here at run
 * time (its tests make suggestions with these clients, `@plenary/suggestions/testing`).
 */
export type { DecisionResult } from './fragmentDecisions.ts';
export { decideSuggestions, listFragmentSuggestions } from './fragmentDecisions.ts';
export { graphemeBoundaries } from './graphemeAlignment.ts';
export { textsToRepair } from './repairScope.ts';
export type { SuggestionVerdict } from './SuggestionGuard.ts';
export { SuggestionGuard } from './SuggestionGuard.ts';
export { suggestedChangeProblem } from './suggestedChangeCheck.ts';
export type { EditingMode, SuggestingModeOptions } from './suggestingMode.ts';
export { editingModeOf, SuggestingMode } from './suggestingMode.ts';
export { addsSuggestionMarks } from './suggestionActivity.ts';
export type { SuggestionDecision } from './suggestionDecisions.ts';
export {
  decidedDoc,
  decideSuggestionsInTransform,
  matchesDecision,
} from './suggestionDecisions.ts';
export type { Suggestion, SuggestionKind } from './suggestionList.ts';
export { listSuggestions } from './suggestionList.ts';
export type {
  DecidedAction,
  DecidedSuggestion,
  RepairContext,
} from './suggestionMarkRepair.ts';
export { decisionRecords, repairSuggestionMarks } from './suggestionMarkRepair.ts';

export { UNCONFIRMED_TEXT_CLASS } from './classNames.ts';
export type { CaretUser } from './collaborationExtensions.ts';
export { collaborationExtensions } from './collaborationExtensions.ts';
export type { EncodedAnchor, Recommendation, ResolvedAnchor } from './commentAnchors.ts';
export {
  anchorQuote,
  blockId,
  checkedAnchor,
  normalizeQuote,
  resolveAnchor,
  sectionRecommendations,
} from './commentAnchors.ts';
export { contentExtensions, planSchema } from './contentExtensions.ts';
export type { DecisionResult } from './fragmentDecisions.ts';
export { decideSuggestions, listFragmentSuggestions } from './fragmentDecisions.ts';
export { createPlanDoc } from './planDoc.ts';
export { textsToRepair } from './repairScope.ts';
export { readRichText, sectionPlainText, writeRichText } from './richTextFragment.ts';
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
export type { GroupColor, SuggestionAttrs, SuggestionAuthor } from './suggestionMarks.ts';
export { Deletion, Insertion, Modification, SUGGESTION_MARK_NAMES } from './suggestionMarks.ts';
export type {
  ServerConfirmations,
  UnconfirmedRun,
  UnconfirmedTextOptions,
} from './unconfirmedText.ts';
export { UnconfirmedText, unconfirmedRuns } from './unconfirmedText.ts';
export { versionAttribution } from './versionAttribution.ts';
export type { VersionAttribution } from './versionCompare.ts';
export { compareVersions } from './versionCompare.ts';
export type { DiffBlock, DiffChange, DiffRun, SectionDiff } from './versionDiff.ts';
export { restorePlan, restoreSection, VersionRestoreError } from './versionRestore.ts';

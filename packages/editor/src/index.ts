/**
 * @plenary/editor: the plan's TipTap schema and the extensions every editor of it loads
 * (content, collaboration, presence per section, unconfirmed text), and the doc plumbing
 * around them (rich text to and from Yjs, a new plan's doc, comment anchors).
 *
 * The suggestion marks (`Insertion`, `Deletion`, `Modification`) are defined here, not in
 * @plenary/suggestions: they are part of the schema, which every reader of a plan needs,
 * and everything in @plenary/suggestions builds on the schema. What makes, lists, decides
 * and repairs suggestions is @plenary/suggestions; comparing and restoring versions is
 * @plenary/versions. Both depend on this package, never the other way round.
 */
export { TABLE_BOX_CLASS, UNCONFIRMED_TEXT_CLASS } from './classNames.ts';
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
export type { CaretPresence, EditingCommands } from './editingAfterReady.ts';
export { loadedEditingAfterReady, withEditingAfterReady } from './editingLoader.ts';
export type { EditingAfterReady } from './editingPlaces.ts';
export type { LinkAttributes } from './linkMark.ts';
export { createPlanDoc } from './planDoc.ts';
export { readRichText, sectionPlainText, writeRichText } from './richTextFragment.ts';
export type { GroupColor, SuggestionAttrs, SuggestionAuthor } from './suggestionMarks.ts';
export { Deletion, Insertion, Modification, SUGGESTION_MARK_NAMES } from './suggestionMarks.ts';
export type { TableCommands } from './tableEditing.ts';
export type {
  ServerConfirmations,
  UnconfirmedRun,
  UnconfirmedTextOptions,
} from './unconfirmedText.ts';
export { UnconfirmedText, unconfirmedRuns } from './unconfirmedText.ts';
export {
  markNameOfFormatKey,
  NODE_MARKS_ATTRIBUTE,
  SEEN_KEY,
  SUGGESTION_FORMAT,
} from './yjsKeys.ts';

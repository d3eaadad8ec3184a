export type { SupportLevel, Tally } from './consensus.ts';
export { SUPPORT_LABELS, supportLevel } from './consensus.ts';
export type { DateTimeStyle } from './dateFormats.ts';
export { dateLocale, formatMoment } from './dateFormats.ts';
export type { DiscussionTopic } from './discussion.ts';
export { discussionMark, markDiscussionChanged } from './discussion.ts';
export { isPlanId, newGroupId, newPlanId, newSectionId, randomId } from './ids.ts';
export type { ImportProblem, ImportProblemCode } from './importProblems.ts';
export { keptPlan } from './keptPlan.ts';
export { safeLinkTarget } from './linkTarget.ts';
export type {
  GroupState,
  Phase,
  PlanInit,
  PlanState,
  SectionState,
  SectionStatus,
} from './plan.ts';
export {
  addGroup,
  addSection,
  archiveGroup,
  assignSection,
  hasPlan,
  initPlan,
  moveSection,
  PLAN_ROOT,
  PlanStructureError,
  readPlan,
  removeSection,
  renameSection,
  restoreSection,
  sectionFragmentName,
  sectionIdOfRoot,
  setPhase,
  setPlanTitle,
  setSectionStatus,
  updateGroup,
} from './plan.ts';
export type {
  PresentationMode,
  PresentationState,
  TimerCommand,
  TimerState,
} from './presentation.ts';
export {
  nextTimer,
  readPresentation,
  readTimer,
  setPresentation,
  timeLeft,
  writeTimer,
} from './presentation.ts';
export type { RichTextDoc, RichTextNode } from './richText.ts';
export {
  bulletList,
  heading,
  orderedList,
  paragraph,
  richTextDoc,
  table,
  text,
} from './richText.ts';
export type { Action, Actor, RightsContext, Role } from './rights.ts';
export { can, ROLES } from './rights.ts';
export type { SuggestingPolicy, WritingRole } from './suggestingPolicy.ts';
export {
  DEFAULT_SUGGESTING_POLICY,
  mustSuggest,
  readSuggestingPolicy,
  setSuggestingPolicy,
  suggestsByDefault,
  WRITING_ROLES,
} from './suggestingPolicy.ts';
export type { CloseCodeValue } from './syncProtocol.ts';
export {
  CloseCode,
  isPermanentClose,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './syncProtocol.ts';
export { defaultGroups, GROUP_COLORS } from './templates/defaultGroups.ts';
export type { PlanTemplateId } from './templates/index.ts';
export { PLAN_TEMPLATES } from './templates/index.ts';
export type { PlanTemplate } from './templates/PlanTemplate.ts';
export { UN_RISK_FACTORS } from './templates/r2pNationalActionPlan.ts';
export type { UpdateClocks } from './updateClocks.ts';
export { addClockRange, addClocks, addUpdateClocks, updateClocksOf } from './updateClocks.ts';
export type { VersionReason, VersionSummary } from './versions.ts';

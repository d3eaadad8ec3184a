export { isPlanId, newGroupId, newPlanId, newSectionId, randomId } from './ids.ts';
export type {
  GroupState,
  Phase,
  PlanInit,
  PlanState,
  SectionState,
  SectionStatus,
} from './plan.ts';
export {
  addSection,
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
  setPlanTitle,
} from './plan.ts';
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
export { defaultGroups, GROUP_COLORS } from './templates/defaultGroups.ts';
export type { PlanTemplateId } from './templates/index.ts';
export { PLAN_TEMPLATES } from './templates/index.ts';
export type { PlanTemplate } from './templates/PlanTemplate.ts';
export { UN_RISK_FACTORS } from './templates/r2pNationalActionPlan.ts';

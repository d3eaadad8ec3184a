import { blankPlan } from './blankPlan.ts';
import type { PlanTemplate } from './PlanTemplate.ts';
import { r2pNationalActionPlan, r2pNationalActionPlanKhmer } from './r2pNationalActionPlan.ts';

/** The templates a new plan can start from, by id. */
export const PLAN_TEMPLATES = {
  'r2p-nap': r2pNationalActionPlan,
  'r2p-nap-km': r2pNationalActionPlanKhmer,
  blank: blankPlan,
} as const satisfies Record<string, PlanTemplate>;

/** The id of a plan template. */
export type PlanTemplateId = keyof typeof PLAN_TEMPLATES;

import type { PlanState, SectionState } from '@plenary/model';

/** A section as the REST API returns it. */
export interface SectionResponse extends SectionState {
  order: number;
}

/** A plan as the REST API returns it. */
export interface PlanResponse {
  id: string;
  title: string;
  url: string;
  phase: PlanState['phase'];
  sections: SectionResponse[];
  removedSections: SectionState[];
  groups: PlanState['groups'];
}

/** The browser address of a plan. */
export const planUrl = (baseUrl: string, planId: string): string => `${baseUrl}/plans/${planId}`;

/** Shapes a plan's live state for the API. */
export function planResponse(baseUrl: string, planId: string, state: PlanState): PlanResponse {
  return {
    id: planId,
    title: state.title,
    url: planUrl(baseUrl, planId),
    phase: state.phase,
    sections: state.sections.map((section, order) => ({ ...section, order })),
    removedSections: state.removedSections,
    groups: state.groups,
  };
}

/** Finds one section of a plan's state for the API, live or removed. */
export function sectionResponse(
  state: PlanState,
  sectionId: string,
): SectionResponse | SectionState | null {
  const order = state.sections.findIndex((s) => s.id === sectionId);
  const live = state.sections[order];
  if (live) return { ...live, order };
  return state.removedSections.find((s) => s.id === sectionId) ?? null;
}

import type { GroupState, Phase, PlanTemplateId, SectionState } from '@plenary/model';

/** A plan as the start page lists it. */
export interface PlanSummary {
  id: string;
  title: string;
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** A section as REST returns it: its state plus its position. */
export interface SectionResource extends SectionState {
  order: number;
}

/** A whole plan as `GET /api/plans/:id` and `POST /api/plans` return it. */
export interface PlanResource {
  id: string;
  title: string;
  url: string;
  phase: Phase;
  sections: SectionResource[];
  removedSections: SectionResource[];
  groups: GroupState[];
}

/** What `POST /api/plans` takes. */
export interface NewPlan {
  title: string;
  template: PlanTemplateId;
}

/** Server limits the client needs to respect (`GET /api/config`). */
export interface ServerConfig {
  /** The largest websocket frame the server accepts, in bytes. */
  maxUpdateBytes: number;
}

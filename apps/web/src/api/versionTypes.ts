/**
 * The versions API's shapes (`/api/plans/:id/versions…`): saved versions of a plan, and
 * the comparison of two of them section by section, as the server sends them.
 */
import type { VersionSummary } from '@plenary/model';
import type { SectionDiff } from '@plenary/versions';

export type { VersionReason, VersionSummary } from '@plenary/model';
// The server sends @plenary/versions' comparison as it is: one definition of its shape.
export type { DiffBlock, DiffChange, DiffRun, SectionDiff } from '@plenary/versions';

/** Someone a comparison names as an author of a change. */
export interface ComparedPerson {
  participantId: string;
  name: string;
  groupId: string | null;
}

/** `GET /api/plans/:id/versions/compare`: from the older state to the newer one. */
export interface Comparison {
  from: VersionSummary;
  /** Null when the newer side is the plan as it is now. */
  to: VersionSummary | null;
  sections: SectionDiff[];
  people: ComparedPerson[];
}

/** `POST /api/plans/:id/versions/:versionId/restore`: what was restored, and the version saved just before. */
export interface RestoreResult {
  restored: 'plan' | 'section';
  safetyVersion: VersionSummary;
}

/** What `to` says to compare a version with the plan as it is now. */
export const NOW = 'now';

/**
 * The versions API's shapes (`/api/plans/:id/versions…`): saved versions of a plan, and
 * the comparison of two of them section by section, as the server sends them.
 */
import type { SectionDiff } from '@plenary/editor';

// The server sends the editor's comparison as it is: one definition of its shape.
export type { DiffBlock, DiffChange, DiffRun, SectionDiff } from '@plenary/editor';

/** Why a version was saved: by name, or automatically on a phase change, after editing, or before a restore. */
export type VersionReason = 'named' | 'phase' | 'activity' | 'restore';

/** One saved version of the plan, as the history lists it. */
export interface VersionSummary {
  id: string;
  /** Given by whoever saved it; null for automatic versions. */
  name: string | null;
  reason: VersionReason;
  /** When it was saved (ISO 8601). */
  createdAt: string;
  /** Who saved it; null when the server did on its own. */
  createdBy: { participantId: string | null; name: string } | null;
}

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

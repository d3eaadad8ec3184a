/**
 * A saved version of a plan as the versions API shows it, shared by the server that
 * answers and the web app that lists and compares them.
 */

/** Why a version was saved: by name, or automatically on a phase change, after editing, or before a restore. */
export type VersionReason = 'named' | 'phase' | 'activity' | 'restore';

/** One saved version of a plan (`GET /api/plans/:planId/versions` and the rest). */
export interface VersionSummary {
  id: string;
  /** The name a person gave it; null for an automatic version, which the UI labels by reason. */
  name: string | null;
  reason: VersionReason;
  /** When it was saved (ISO 8601). */
  createdAt: string;
  /** Who saved it; null for the server's automatic versions. */
  createdBy: { participantId: string | null; name: string } | null;
}

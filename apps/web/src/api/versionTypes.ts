/**
 * The versions API's shapes (`/api/plans/:id/versions…`): saved versions of a plan, and
 * the comparison of two of them section by section, as the server sends them.
 */

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

/** What happened to a piece of text or a block between two versions. */
export type DiffChange = 'inserted' | 'deleted';

/** A stretch of text with one change and one author. */
export interface DiffRun {
  text: string;
  /** Null when the text is in both versions. */
  change: DiffChange | null;
  /** Who inserted or deleted it; null when unchanged or unknown. */
  participantId: string | null;
  marks: string[];
}

/** One text block of a section (paragraph, heading, list item's paragraph, table cell's paragraph). */
export interface DiffBlock {
  type: string;
  /** The nodes it sits in, outermost first, e.g. ['bulletList', 'listItem']. */
  path: string[];
  level?: number;
  /** Set when the whole block is new or removed. */
  change: DiffChange | null;
  participantId: string | null;
  runs: DiffRun[];
}

/** One section of the plan compared between two versions. */
export interface SectionDiff {
  sectionId: string;
  title: string;
  /** The title in the older version, when it changed. */
  previousTitle: string | null;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Every block of the section, changed or not, in order. */
  blocks: DiffBlock[];
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

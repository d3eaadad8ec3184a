/**
 * What comparing two versions of a plan answers: sections, their blocks and the runs of
 * text in them, each with its change and author. Kept apart from the comparison
 * (`versionCompare.ts`, `BlockComparison.ts`) and its tidying (`versionTidy.ts`), which
 * all speak it, so that none imports another's module for its types.
 */

/** How a run or block differs between the two versions. */
export type DiffChange = 'inserted' | 'deleted';

/** A stretch of text with one change, one author and one set of marks. */
export interface DiffRun {
  text: string;
  /** null = unchanged. */
  change: DiffChange | null;
  /** Who inserted/deleted it (null when unchanged or unknown). */
  participantId: string | null;
  /** e.g. ['bold','insertion'] - informational. */
  marks: string[];
}

/** One text block (or leaf block such as a horizontal rule) of a section, with its runs. */
export interface DiffBlock {
  /** The text block's node type: 'paragraph' | 'heading' | 'codeBlock' | ... */
  type: string;
  /** Where it sits, outermost first, e.g. ['bulletList','listItem'] or ['table','tableRow','tableCell']. */
  path: string[];
  /** Headings. */
  level?: number;
  /** A heading's level in `before`, set only when it changed. */
  previousLevel?: number;
  /** 'inserted'/'deleted' when the whole block is new/removed; null otherwise. */
  change: DiffChange | null;
  participantId: string | null;
  runs: DiffRun[];
}

/** One section of the comparison. */
export interface SectionDiff {
  sectionId: string;
  /** Title in `after` (or in `before` for a removed section). */
  title: string;
  /** Set when the title changed. */
  previousTitle: string | null;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Every block of the section, changed or not, in order. */
  blocks: DiffBlock[];
  /** Who added, removed or renamed the section, when known. */
  participantId?: string | null;
}

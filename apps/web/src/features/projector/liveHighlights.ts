import type { AuthorMark } from '../../collab/authorColors.ts';
import type { InsertedRun } from '../../collab/textAuthorship.ts';
import type { BlockHighlight } from '../sectionText/sectionElements.tsx';
import type { SectionBlock } from '../sectionText/sectionTree.ts';

/** How long new text stays marked on the projector, fading out towards the end. */
export const HIGHLIGHT_MS = 3_000;
/** How long the mark stays at full strength before it starts to fade. */
const FULL_MS = 1_000;
/** How often fading marks are redrawn; CSS transitions smooth the steps in between. */
export const FADE_STEP_MS = 250;

/**
 * How strongly text is marked `age` ms after it arrived: fully for a moment, then fading
 * to nothing. Computed here rather than by a CSS animation, so that a mark that grows
 * with more typing starts at full strength again.
 */
export function highlightStrength(age: number): number {
  if (age <= FULL_MS) return 1;
  return Math.max(0, 1 - (age - FULL_MS) / (HIGHLIGHT_MS - FULL_MS));
}

/**
 * New text marked in one block of a section, held as Yjs ids rather than positions: ids
 * stay with their characters whatever is typed around them.
 */
export interface LiveHighlight extends AuthorMark {
  /** The block of the section (a child of its fragment) the text is in. */
  block: SectionBlock;
  /** The characters, as ranges of one client's clock (`to` exclusive). */
  ranges: { client: number; from: number; to: number }[];
  /** When it was added or last grew (local clock). */
  at: number;
}

/** A run of new text, the block it landed in, and its author's colour. */
export interface ArrivedText {
  run: InsertedRun;
  block: SectionBlock;
  mark: AuthorMark;
}

/**
 * The highlights after new text arrived at `now`. Text in a block already marked in the
 * same colour joins that mark, so a phrase typed key by key is one mark that fades once
 * the typing stops. Marks that have faded are dropped.
 */
export function addHighlights(
  current: readonly LiveHighlight[],
  arrived: readonly ArrivedText[],
  now: number,
): LiveHighlight[] {
  const result = current.filter((highlight) => now - highlight.at < HIGHLIGHT_MS);
  for (const { run, block, mark } of arrived) {
    const range = { client: run.client, from: run.clock, to: run.clock + run.length };
    const index = result.findIndex((other) => other.block === block && other.color === mark.color);
    const other = result[index];
    if (other) result[index] = { ...other, ranges: [...other.ranges, range], at: now };
    else result.push({ ...mark, block, ranges: [range], at: now });
  }
  return result;
}

/** What each block shows of the highlights at `now`; blocks without any are absent. */
export function highlightsByBlock(
  highlights: readonly LiveHighlight[],
  now: number,
): Map<SectionBlock, BlockHighlight[]> {
  const byBlock = new Map<SectionBlock, BlockHighlight[]>();
  for (const highlight of highlights) {
    const strength = highlightStrength(now - highlight.at);
    if (strength <= 0) continue;
    const shown = byBlock.get(highlight.block) ?? [];
    for (const range of highlight.ranges)
      shown.push({ ...range, color: highlight.color, groupId: highlight.groupId, strength });
    byBlock.set(highlight.block, shown);
  }
  return byBlock;
}

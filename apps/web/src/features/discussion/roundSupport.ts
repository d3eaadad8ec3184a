import type { Recommendation } from '@plenary/editor';
import { normalizeQuote } from '@plenary/editor';
import type { Tally } from '@plenary/model';
import type { Round } from '../../api/discussionTypes.ts';

/** A closed round's tally for one recommendation, and the block of the text it belongs to. */
export interface SupportMark {
  /** The Yjs id ("client-clock") of the block the label goes after. */
  blockId: string;
  tally: Tally;
}

/**
 * Which block of a section each closed round's tally belongs to. A round froze each
 * recommendation under the Yjs id of its block, and a block keeps its id however its words
 * are edited, so the id is the match: the support stays with the recommendation people
 * answered, also once reworded. A block the editor re-created (its id gone) is matched by
 * its words, as frozen, among the blocks no item of that round names. The newest round
 * on a block wins. Ids not in `current` are kept too: the block may not have arrived yet,
 * and the editor shows nothing for one that never does.
 */
export function supportMarks(
  rounds: readonly Round[],
  sectionId: string,
  current: readonly Recommendation[],
): SupportMark[] {
  const closed = rounds
    .filter((round) => round.sectionId === sectionId && round.status === 'closed')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  const ids = new Set(current.map((block) => block.id));
  const marks = new Map<string, SupportMark>();
  for (const round of closed) {
    const named = new Set(round.items.map((item) => item.id));
    for (const item of round.items) {
      if (!item.tally) continue;
      const words = normalizeQuote(item.text);
      const blockId = ids.has(item.id)
        ? item.id
        : (current.find(
            (block) =>
              !named.has(block.id) && !marks.has(block.id) && normalizeQuote(block.text) === words,
          )?.id ?? item.id);
      if (!marks.has(blockId)) marks.set(blockId, { blockId, tally: item.tally });
    }
  }
  return [...marks.values()];
}

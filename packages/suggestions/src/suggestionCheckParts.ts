import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { isSuggestionMark } from './suggestionList.ts';

/**
 * About how much text one part of a suggestion check covers: judging a part of this size
 * takes a millisecond or two, so a server judging a change that touched a whole section
 * can pause between parts and serve everyone else meanwhile.
 */
export const CHECK_PART_SIZE = 4_000;

/**
 * Cuts a changed run of blocks, read before (`was`) and after (`is`) a change, into parts
 * that can be judged one at a time (`[from, to)` block indexes, the same on both sides);
 * null when it cannot be cut. It can only when the change kept the number of blocks, and
 * only between blocks sealed on both sides: no suggestion mark on a block or node inside
 * it, none on its first or last text. Rejecting a suggestion then never reaches across
 * such a cut (a split or join is marked at the blocks' edges), so the parts, judged alone,
 * read as the whole would.
 */
export function checkParts(
  was: readonly ProseMirrorNode[],
  is: readonly ProseMirrorNode[],
  partSize = CHECK_PART_SIZE,
): [number, number][] | null {
  if (was.length !== is.length || was.length < 2) return null;
  const sealed = was.map((block, i) => {
    const other = is[i];
    return other !== undefined && isSealed(block) && isSealed(other);
  });
  const parts: [number, number][] = [];
  let from = 0;
  let size = 0;
  for (let i = 0; i < was.length; i++) {
    size += Math.max(was[i]?.nodeSize ?? 0, is[i]?.nodeSize ?? 0);
    const last = i === was.length - 1;
    if (last || (size >= partSize && sealed[i] && sealed[i + 1])) {
      parts.push([from, i + 1]);
      from = i + 1;
      size = 0;
    }
  }
  return parts.length > 1 ? parts : null;
}

// No suggestion mark on the block or any node in it, nor on its first or last text.
function isSealed(block: ProseMirrorNode): boolean {
  if (block.marks.some(isSuggestionMark)) return false;
  let first: ProseMirrorNode | null = null;
  let last: ProseMirrorNode | null = null;
  let marked = false;
  block.descendants((node) => {
    if (marked) return false;
    if (node.isInline) {
      first ??= node;
      last = node;
      return false;
    }
    if (node.marks.some(isSuggestionMark)) marked = true;
    return !marked;
  });
  const edgeMarked = (node: ProseMirrorNode | null) => node?.marks.some(isSuggestionMark) ?? false;
  return !marked && !edgeMarked(first) && !edgeMarked(last);
}

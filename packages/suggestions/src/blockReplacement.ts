import { Fragment, type Node as ProseMirrorNode, Slice } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Mapping, ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform';

// The one ReplaceAroundStep shape the suggestion library tracks itself: a block's type or
// attributes changed in place (setNodeMarkup), which it records as a modification.
const isNodeMarkupChange = (step: ReplaceAroundStep): boolean =>
  step.insert === 1 &&
  step.slice.size === 2 &&
  step.gapFrom === step.from + 1 &&
  step.gapTo === step.to - 1;

/** True when a transaction wraps or lifts blocks (lists, quotes), which moves content. */
export function movesBlocks(tr: Transaction): boolean {
  return tr.steps.some((step) => step instanceof ReplaceAroundStep && !isNodeMarkupChange(step));
}

/**
 * The same change as `tr`, made as one replacement of the smallest run of sibling blocks
 * that differs (descending into a block whose type stays the same). Wrapping paragraphs
 * in a list takes several steps that the suggestion library cannot follow one by one
 * without losing track of positions; as "these blocks become those" it suggests the old
 * blocks deleted and the new ones inserted, which accepts and rejects cleanly.
 */
export function asBlockReplacement(tr: Transaction, state: EditorState): Transaction {
  let before: ProseMirrorNode = tr.before;
  let after: ProseMirrorNode = tr.doc;
  let contentStart = 0;
  for (;;) {
    let start = 0;
    while (
      start < before.childCount &&
      start < after.childCount &&
      before.child(start).eq(after.child(start))
    ) {
      start++;
    }
    let endBefore = before.childCount;
    let endAfter = after.childCount;
    while (
      endBefore > start &&
      endAfter > start &&
      before.child(endBefore - 1).eq(after.child(endAfter - 1))
    ) {
      endBefore--;
      endAfter--;
    }
    let from = contentStart;
    for (let i = 0; i < start; i++) from += before.child(i).nodeSize;
    const inner = before.maybeChild(start);
    const innerAfter = after.maybeChild(start);
    const single = endBefore === start + 1 && endAfter === start + 1;
    if (single && inner && innerAfter && inner.sameMarkup(innerAfter) && !inner.isTextblock) {
      before = inner;
      after = innerAfter;
      contentStart = from + 1;
      continue;
    }
    let to = from;
    for (let i = start; i < endBefore; i++) to += before.child(i).nodeSize;
    const blocks: ProseMirrorNode[] = [];
    for (let i = start; i < endAfter; i++) blocks.push(after.child(i));
    const replacement = state.tr.step(
      new ReplaceStep(from, to, new Slice(Fragment.from(blocks), 0, 0)),
    );
    // The replacement ends in the same document as `tr`, so its selection carries over.
    replacement.setSelection(tr.selection.map(replacement.doc, new Mapping()));
    return replacement;
  }
}

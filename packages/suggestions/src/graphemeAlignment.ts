import { Slice } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Mapping, ReplaceStep } from '@tiptap/pm/transform';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Offsets in `text` where a user-perceived character (grapheme cluster) starts or ends. */
export function graphemeBoundaries(text: string): number[] {
  const bounds = [...segmenter.segment(text)].map((s) => s.index);
  bounds.push(text.length);
  return bounds;
}

const floorTo = (bounds: number[], at: number): number => bounds.filter((b) => b <= at).pop() ?? 0;
const ceilTo = (bounds: number[], at: number): number => bounds.find((b) => b >= at) ?? at;

// Widens a changed span until both its ends are cluster boundaries in the text before and
// in the text after the change (typing a Khmer subscript joins the cluster before it).
function alignSpan(
  before: string,
  after: string,
  span: { from: number; to: number },
): { from: number; to: number } {
  const delta = after.length - before.length;
  let { from, to } = span;
  for (;;) {
    const inBefore = graphemeBoundaries(before);
    const inAfter = graphemeBoundaries(after);
    const nextFrom = Math.min(floorTo(inBefore, from), floorTo(inAfter, from));
    const nextTo = Math.max(ceilTo(inBefore, to), ceilTo(inAfter, to + delta) - delta);
    if (nextFrom === from && nextTo === to) return { from, to };
    from = nextFrom;
    to = nextTo;
  }
}

/**
 * The same typing or deletion as `tr`, widened to whole grapheme clusters, or null when
 * it already starts and ends on cluster boundaries. A suggestion boundary inside a Khmer
 * cluster (a consonant with its subscript U+17D2 and vowel signs) would render the parts
 * apart; widened, a change inside a cluster is suggested as the old cluster deleted and
 * the new one inserted.
 */
export function alignedToGraphemes(tr: Transaction, state: EditorState): Transaction | null {
  const [step] = tr.steps;
  if (tr.steps.length !== 1 || !(step instanceof ReplaceStep)) return null;
  if (step.slice.openStart !== 0 || step.slice.openEnd !== 0) return null;
  const $from = tr.before.resolve(step.from);
  const $to = tr.before.resolve(step.to);
  if (!$from.sameParent($to) || !$from.parent.isTextblock) return null;
  const start = $from.start();
  const block = $from.parent;
  // One character per position: leaves such as hard breaks count as one.
  const before = block.textBetween(0, block.content.size, undefined, '\ufffc');
  const afterBlock = tr.doc.resolve(start).parent;
  const after = afterBlock.textBetween(0, afterBlock.content.size, undefined, '\ufffc');
  const span = { from: step.from - start, to: step.to - start };
  const aligned = alignSpan(before, after, span);
  if (aligned.from === span.from && aligned.to === span.to) return null;
  const from = start + aligned.from;
  const to = start + aligned.to;
  const inserted = afterBlock.content.cut(aligned.from, aligned.to + after.length - before.length);
  const replacement = state.tr.step(new ReplaceStep(from, to, new Slice(inserted, 0, 0)));
  // The replacement ends in the same document as `tr`, so its selection carries over.
  replacement.setSelection(tr.selection.map(replacement.doc, new Mapping()));
  return replacement;
}

import { Fragment, type Mark, type Node as ProseMirrorNode } from '@tiptap/pm/model';

/**
 * Marks taken off or put on a whole document in one walk, building each changed node
 * once. A `Transform` makes one step per text node instead, and each step copies the
 * block it lands in and maps its positions through every step before it: a paragraph
 * of n separately marked runs then costs n², which a crafted update can make seconds
 * (1,200 runs in one paragraph held the server's event loop for about a second).
 *
 * Both give the document a transform would: `Fragment.fromArray` joins neighbouring text
 * nodes whose marks became equal, as the steps' replaces do, so documents built either
 * way compare equal with `eq`.
 */

/** A mark to add over `[from, to)`, positions in the document it is added to. */
export interface MarkAddition {
  from: number;
  to: number;
  mark: Mark;
}

/** The document without the marks (on text and on nodes) that `drop` picks. */
export function withoutMarksWhere(
  doc: ProseMirrorNode,
  drop: (mark: Mark) => boolean,
): ProseMirrorNode {
  const strip = (node: ProseMirrorNode): ProseMirrorNode => {
    const kept = node.marks.some(drop) ? node.marks.filter((mark) => !drop(mark)) : node.marks;
    if (node.isText) return kept === node.marks ? node : node.mark(kept);
    const content = mapChildren(node, strip);
    if (content === node.content && kept === node.marks) return node;
    return node.type.create(node.attrs, content, kept);
  };
  return strip(doc);
}

/**
 * The document with each addition's mark on the inline content in its range, where the
 * parent allows that mark (as `Transform.addMark` does); a mark that excludes others
 * replaces them. Additions must not overlap. The same document when no mark went on.
 */
export function withMarksAdded(
  doc: ProseMirrorNode,
  additions: readonly MarkAddition[],
): ProseMirrorNode {
  const sorted = additions.filter((a) => a.to > a.from).sort((a, b) => a.from - b.from);
  if (sorted.length === 0) return doc;
  let added = false;
  // The additions that reach past `pos`, from the first one that does.
  const firstReaching = (pos: number): number => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle]?.to ?? 0) <= pos) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const overlaps = (from: number, to: number): boolean => {
    const next = sorted[firstReaching(from)];
    return next !== undefined && next.from < to;
  };
  // `node` starts at `pos`; `parent` holds it.
  const mark = (node: ProseMirrorNode, pos: number, parent: ProseMirrorNode): ProseMirrorNode[] => {
    const end = pos + node.nodeSize;
    if (!overlaps(pos, end)) return [node];
    if (!node.isInline) {
      let offset = 0;
      const content = mapChildren(node, (child) => {
        const start = pos + 1 + offset;
        offset += child.nodeSize;
        return mark(child, start, node);
      });
      return [content === node.content ? node : node.copy(content)];
    }
    const pieces: ProseMirrorNode[] = [];
    let at = pos;
    for (let i = firstReaching(pos); at < end; i++) {
      const addition = sorted[i];
      const from = Math.min(Math.max(addition?.from ?? end, at), end);
      const to = Math.min(addition?.to ?? end, end);
      if (from > at) pieces.push(cut(node, at - pos, from - pos));
      if (!addition || from >= end) break;
      const piece = cut(node, from - pos, to - pos);
      const allowed =
        parent.type.allowsMarkType(addition.mark.type) && !addition.mark.isInSet(piece.marks);
      if (allowed) added = true;
      pieces.push(allowed ? piece.mark(addition.mark.addToSet(piece.marks)) : piece);
      at = to;
    }
    return pieces;
  };
  const marked = mark(doc, -1, doc)[0] ?? doc;
  return added ? marked : doc;
}

// `node`'s children mapped by `map` (one node to none, one or several); the same
// fragment when nothing changed.
function mapChildren(
  node: ProseMirrorNode,
  map: (child: ProseMirrorNode) => ProseMirrorNode | ProseMirrorNode[],
): Fragment {
  let changed = false;
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => {
    const mapped = map(child);
    if (Array.isArray(mapped)) {
      if (mapped.length !== 1 || mapped[0] !== child) changed = true;
      children.push(...mapped);
    } else {
      if (mapped !== child) changed = true;
      children.push(mapped);
    }
  });
  return changed ? Fragment.fromArray(children) : node.content;
}

// A piece of an inline node: a text node's characters `[from, to)`, or a leaf whole.
const cut = (node: ProseMirrorNode, from: number, to: number): ProseMirrorNode =>
  node.isText ? node.cut(from, to) : node;

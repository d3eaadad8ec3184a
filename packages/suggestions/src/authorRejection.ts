import {
  applyModificationsToTransform,
  applySuggestionsToTransform,
  SUGGESTION_MARKER,
} from '@handlewithcare/prosemirror-suggest-changes';
import { Fragment, type Mark, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { isSuggestionMark } from './suggestionList.ts';

/**
 * The section as it would read with every suggestion of one author rejected: their
 * inserted text and blocks gone, their deletions and block changes undone. The same
 * document as `decidedDoc(doc, { action: 'reject', authorId })` (a property test holds
 * them equal) in time that follows the section, for the server's check of every update
 * of someone who must suggest.
 *
 * The library rejects with a step per run of marked text, each copying its block and
 * mapped through the steps before it, so a paragraph of n runs costs n². Most runs are
 * local, and are taken here in one walk per block: a run of the author's inserted text
 * with the block's text on both sides is deleted exactly (a range inside a textblock that
 * leaves text on each side deletes just that range), and the author's deletion marks come
 * off with the library's markers in them. What is left reaches across blocks or changes
 * them (runs at a block's edge, which may join it to the next; marks on blocks;
 * modifications): at most two runs a block, given to the library.
 */
export function withAuthorRejected(doc: ProseMirrorNode, authorId: string): ProseMirrorNode {
  const { insertion, deletion } = doc.type.schema.marks;
  if (!insertion || !deletion) throw new Error('The schema has no suggestion marks.');
  const byAuthor = (mark: Mark): boolean =>
    isSuggestionMark(mark) && String(mark.attrs.authorId ?? '') === authorId;
  const local = withLocalRunsRejected(doc, byAuthor);
  const tr = new Transform(local);
  applySuggestionsToTransform(local, tr, deletion, insertion, byAuthor);
  applyModificationsToTransform(tr.doc, tr, -1, byAuthor);
  return tr.doc;
}

// Rejects, in each textblock without a mark of the author's on it, the author's inserted
// runs that do not touch the block's edges, and takes off the author's deletion marks
// (with the markers inside them) from text outside their inserted runs.
function withLocalRunsRejected(
  doc: ProseMirrorNode,
  byAuthor: (mark: Mark) => boolean,
): ProseMirrorNode {
  const visit = (node: ProseMirrorNode): ProseMirrorNode => {
    if (node.isTextblock) {
      return node.marks.some(byAuthor) ? node : textblockWithLocalRunsRejected(node, byAuthor);
    }
    if (node.isLeaf) return node;
    let changed = false;
    const children: ProseMirrorNode[] = [];
    node.forEach((child) => {
      const visited = visit(child);
      if (visited !== child) changed = true;
      children.push(visited);
    });
    return changed ? node.copy(Fragment.fromArray(children)) : node;
  };
  return visit(doc);
}

function textblockWithLocalRunsRejected(
  block: ProseMirrorNode,
  byAuthor: (mark: Mark) => boolean,
): ProseMirrorNode {
  const children: ProseMirrorNode[] = [];
  block.forEach((child) => {
    children.push(child);
  });
  // The library deletes a run from each child with the author's insertion on, over the
  // children after it with an insertion of the same id (whoever's); each child's run, and
  // whether it touches an edge of the block, where the library may go on into the next.
  const insertionId = children.map((child) => {
    const mark = child.marks.find((m) => m.type.name === 'insertion');
    return mark ? { id: String(mark.attrs.id), byAuthor: byAuthor(mark) } : null;
  });
  const inRun: ('local' | 'edge' | null)[] = new Array(children.length).fill(null);
  for (let i = 0; i < children.length; i++) {
    const start = insertionId[i];
    if (!start?.byAuthor) continue;
    let end = i;
    while (end + 1 < children.length && insertionId[end + 1]?.id === start.id) end += 1;
    const kind = i === 0 || end === children.length - 1 ? 'edge' : 'local';
    inRun.fill(kind, i, end + 1);
    i = end;
  }
  let changed = false;
  const kept: ProseMirrorNode[] = [];
  for (const [i, child] of children.entries()) {
    if (inRun[i] === 'edge') {
      kept.push(child);
      continue;
    }
    if (inRun[i] === 'local') {
      changed = true;
      continue;
    }
    const deletionMark = child.marks.find((m) => m.type.name === 'deletion' && byAuthor(m));
    if (!deletionMark) {
      kept.push(child);
      continue;
    }
    changed = true;
    // As the library applies a deletion mark: off comes every mark of the type (a
    // deletion excludes another), and so do the boundary markers in its text.
    const marks = child.marks.filter((m) => m.type !== deletionMark.type);
    if (!child.isText) {
      kept.push(child.mark(marks));
      continue;
    }
    const text = (child.text ?? '').split(SUGGESTION_MARKER).join('');
    if (text) kept.push(block.type.schema.text(text, marks));
  }
  return changed ? block.copy(Fragment.fromArray(kept)) : block;
}

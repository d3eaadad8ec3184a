import type { SuggestionAttrs, SuggestionAuthor } from '@plenary/editor';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';

/** One run of text and the suggestion a reader sees on it (if any). */
export interface MarkedRun {
  text: string;
  /** Struck through (a deletion, also on top of an insertion), underlined, or plain. */
  kind: 'insertion' | 'deletion' | null;
  /** The id of that suggestion. */
  id: string | null;
  /** The author of that suggestion. */
  authorId: string | null;
  /** Who suggested inserting the text, also when someone suggests deleting it again. */
  insertedBy: string | null;
  block: number;
}

const markOf = (node: ProseMirrorNode, name: string): Mark | undefined =>
  node.marks.find((m) => m.type.name === name);

/** The section's text as runs, with the suggestion each run belongs to. */
export function markedRuns(doc: ProseMirrorNode): MarkedRun[] {
  const runs: MarkedRun[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const insertion = markOf(node, 'insertion');
    const mark = markOf(node, 'deletion') ?? insertion;
    runs.push({
      text: node.text ?? '',
      kind: mark ? (mark.type.name as 'insertion' | 'deletion') : null,
      id: mark ? String(mark.attrs.id) : null,
      authorId: mark ? String(mark.attrs.authorId) : null,
      insertedBy: insertion ? String(insertion.attrs.authorId) : null,
      block: doc.resolve(pos).start(),
    });
    return false;
  });
  return runs;
}

/** A suggestion mark's attributes by `author`, to write into Yjs by hand. */
export const markBy = (author: SuggestionAuthor, id: string): SuggestionAttrs => ({
  id,
  authorId: author.id,
  authorName: author.name,
  groupId: author.groupId,
  at: 1,
});

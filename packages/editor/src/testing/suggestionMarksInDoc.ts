import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** One run of text and the suggestion mark on it (if any). */
export interface MarkedRun {
  text: string;
  kind: 'insertion' | 'deletion' | null;
  id: string | null;
  authorId: string | null;
  block: number;
}

/** The section's text as runs, with the suggestion each run belongs to. */
export function markedRuns(doc: ProseMirrorNode): MarkedRun[] {
  const runs: MarkedRun[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const mark = node.marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion');
    runs.push({
      text: node.text ?? '',
      kind: mark ? (mark.type.name as 'insertion' | 'deletion') : null,
      id: mark ? String(mark.attrs.id) : null,
      authorId: mark ? String(mark.attrs.authorId) : null,
      block: doc.resolve(pos).start(),
    });
    return false;
  });
  return runs;
}

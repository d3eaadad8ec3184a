/**
 * The one place that knows how pending suggestions look in the editor's schema: text (or a
 * whole block) carrying an `insertion` or `deletion` mark whose attributes name the author,
 * their group and the time (`SuggestionAttrs` in @plenary/editor).
 * Exporters ask this module instead of reading marks themselves, so a change of attribute
 * names in the editor is a change here alone.
 */
import { Fragment, type Mark, type Node as ProseMirrorNode } from '@tiptap/pm/model';

/** The mark names of pending suggestions. */
export const SUGGESTION_MARKS = { insertion: 'insertion', deletion: 'deletion' } as const;

/** A pending suggestion on a piece of text, as a tracked change. */
export interface TrackedChange {
  kind: 'insertion' | 'deletion';
  authorName: string;
  authorId: string | null;
  /** The author's breakout group, when the suggestion records it. */
  groupId: string | null;
  /** When it was suggested, as an ISO 8601 date-time, or null when unknown. */
  createdAt: string | null;
}

const UNKNOWN_AUTHOR = 'Unknown participant';

const stringOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

// Editors store times as epoch milliseconds or ISO strings; Word wants ISO.
function isoTime(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  return null;
}

/** The tracked change a set of marks carries, or null for settled text. */
export function trackedChangeOf(marks: readonly Mark[]): TrackedChange | null {
  for (const mark of marks) {
    const name = mark.type.name;
    if (name !== SUGGESTION_MARKS.insertion && name !== SUGGESTION_MARKS.deletion) continue;
    const attrs = mark.attrs as Record<string, unknown>;
    return {
      kind: name,
      authorName: stringOrNull(attrs.authorName) ?? UNKNOWN_AUTHOR,
      authorId: stringOrNull(attrs.authorId),
      groupId: stringOrNull(attrs.groupId),
      createdAt: isoTime(attrs.at),
    };
  }
  return null;
}

/** True for the marks that make text a pending suggestion. */
export const isSuggestionMark = (mark: Mark): boolean =>
  mark.type.name === SUGGESTION_MARKS.insertion || mark.type.name === SUGGESTION_MARKS.deletion;

/**
 * The text as it stands without pending suggestions: proposed insertions are left out and
 * text proposed for deletion stays, unmarked.
 */
export function omitSuggestions(node: ProseMirrorNode): ProseMirrorNode {
  if (node.isLeaf) return node;
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => {
    const change = trackedChangeOf(child.marks);
    if (change?.kind === 'insertion') return;
    const settled = change
      ? child.mark(child.marks.filter((mark) => !isSuggestionMark(mark)))
      : child;
    children.push(omitSuggestions(settled));
  });
  return node.copy(Fragment.fromArray(children));
}

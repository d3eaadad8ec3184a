import { Mark, mergeAttributes } from '@tiptap/core';
import { SUGGESTION_FORMAT } from './yjsKeys.ts';

/** Who makes a suggestion: kept in every suggestion mark, so authorship lives in the section. */
export interface SuggestionAuthor {
  id: string;
  name: string;
  /** The author's breakout group, or null for the plenary. */
  groupId: string | null;
}

/** The attributes every suggestion mark carries. */
export interface SuggestionAttrs {
  id: string;
  authorId: string;
  authorName: string;
  groupId: string | null;
  /** When the suggestion was made, in milliseconds since the epoch. */
  at: number;
}

/** Mark names as @handlewithcare/prosemirror-suggest-changes looks them up in the schema. */
export const SUGGESTION_MARK_NAMES = [
  SUGGESTION_FORMAT.insertion,
  SUGGESTION_FORMAT.deletion,
  SUGGESTION_FORMAT.modification,
] as const;

/** Picks the colour of a group for its suggestions; undefined leaves it to the stylesheet. */
export type GroupColor = (groupId: string | null) => string | undefined;

const suggestionAttributes = {
  id: { default: null, rendered: false },
  authorId: { default: null, rendered: false },
  authorName: { default: null, rendered: false },
  groupId: { default: null, rendered: false },
  at: { default: null, rendered: false },
};

function suggestionHTMLAttributes(
  attrs: Record<string, unknown>,
  groupColor: GroupColor | undefined,
): Record<string, string> {
  const groupId = typeof attrs.groupId === 'string' ? attrs.groupId : null;
  const color = groupColor?.(groupId);
  return {
    'data-suggestion-id': String(attrs.id ?? ''),
    'data-author-id': String(attrs.authorId ?? ''),
    'data-author-name': String(attrs.authorName ?? ''),
    ...(groupId ? { 'data-group-id': groupId } : {}),
    ...(color ? { style: `text-decoration-color: ${color}` } : {}),
  };
}

// None of the marks parses HTML: a pasted <ins> or <del> must not arrive as somebody's
// suggestion, so suggestion marks come only from the suggesting transform.
//
// Suggestions of different kinds stack: deleting someone else's suggested text puts a
// deletion on top of their insertion, and deleting a block keeps its pending heading
// change, so each can be decided on its own and accepting (or rejecting) everything
// gives the same text as the edits made directly (or none of them).

/** Suggested text or blocks, rendered as `<ins>`: withdrawn on reject, kept on accept. */
export const Insertion = Mark.create<{ groupColor: GroupColor | undefined }>({
  name: SUGGESTION_FORMAT.insertion,
  inclusive: false,
  excludes: SUGGESTION_FORMAT.insertion,
  addOptions: () => ({ groupColor: undefined }),
  addAttributes: () => suggestionAttributes,
  renderHTML({ mark, HTMLAttributes }) {
    return [
      'ins',
      mergeAttributes(
        HTMLAttributes,
        suggestionHTMLAttributes(mark.attrs, this.options.groupColor),
      ),
      0,
    ];
  },
});

/** Text or blocks suggested for removal, rendered as `<del>`: removed on accept. */
export const Deletion = Mark.create<{ groupColor: GroupColor | undefined }>({
  name: SUGGESTION_FORMAT.deletion,
  inclusive: false,
  excludes: SUGGESTION_FORMAT.deletion,
  addOptions: () => ({ groupColor: undefined }),
  addAttributes: () => suggestionAttributes,
  renderHTML({ mark, HTMLAttributes }) {
    return [
      'del',
      mergeAttributes(
        HTMLAttributes,
        suggestionHTMLAttributes(mark.attrs, this.options.groupColor),
      ),
      0,
    ];
  },
});

/**
 * A block whose type or attributes were changed by a suggestion (paragraph to heading,
 * heading level); it remembers the previous value so reject can restore it.
 */
export const Modification = Mark.create<{ groupColor: GroupColor | undefined }>({
  name: SUGGESTION_FORMAT.modification,
  inclusive: false,
  // Several may sit on one block (its type and an attribute changed, say).
  excludes: '',
  addOptions: () => ({ groupColor: undefined }),
  addAttributes: () => ({
    ...suggestionAttributes,
    type: { default: null, rendered: false },
    attrName: { default: null, rendered: false },
    previousValue: { default: null, rendered: false },
    newValue: { default: null, rendered: false },
  }),
  renderHTML({ mark, HTMLAttributes }) {
    // Only blocks carry modifications (changed text is suggested as deletion and insertion).
    return [
      'div',
      mergeAttributes(
        HTMLAttributes,
        suggestionHTMLAttributes(mark.attrs, this.options.groupColor),
        {
          'data-suggestion': 'modification',
        },
      ),
      0,
    ];
  },
});

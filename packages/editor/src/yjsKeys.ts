/**
 * The keys under which the Yjs binding (y-tiptap with patches/@tiptap__y-tiptap@3.0.9.patch)
 * keeps a plan's marks in Yjs, for code that reads or writes the Yjs document itself: the
 * server's suggestion check and repair, version compare, benchmarks and tests. Defined here
 * only; the patch spells the same strings in its `dist/` code (patches/README.md).
 */

/** The attribute of a block's Yjs element in which the binding keeps the block's marks. */
export const NODE_MARKS_ATTRIBUTE = 'nodeMarks';

/**
 * The key, inside the value of a mark the binding puts on existing text, of the clock up
 * to which its writer had seen each client's items in that text. Yjs gives a format range
 * to text typed inside it at the same moment too; this tells such text apart.
 * ProseMirror never sees it.
 */
export const SEEN_KEY = 'ySeen';

/**
 * The Yjs format key of each suggestion mark. The binding formats text with a mark under
 * the mark's name, so these are the schema's mark names as well (suggestionMarks.ts).
 */
export const SUGGESTION_FORMAT = {
  insertion: 'insertion',
  deletion: 'deletion',
  modification: 'modification',
} as const;

// y-tiptap keys a mark that may overlap another of its type (`excludes: ''`, as
// modifications do) as `<name>--<hash>`, so that both can stand on the same text.
const HASHED_FORMAT_KEY = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

/** The name of the mark a Yjs format key stands for. */
export const markNameOfFormatKey = (key: string): string => HASHED_FORMAT_KEY.exec(key)?.[1] ?? key;

/** Kinds of things an import could not carry over (the server's `ImportProblemCode`). */
export type ImportProblemCode =
  | 'image'
  | 'footnote'
  | 'comment'
  | 'tracked-changes'
  | 'text-box'
  | 'style'
  | 'deep-heading'
  | 'long-title'
  | 'no-headings'
  | 'markdown'
  | 'other';

/** Something in an imported file that the plan could not hold. */
export interface ImportProblem {
  code: ImportProblemCode;
  /** The server's English words, shown when there are none of ours for the code. */
  message: string;
  /** The section it was found in. */
  where?: string;
  count?: number;
  /** The style name or the kind of Markdown the problem is about. */
  detail?: string;
}

/** What both import calls report besides their result. */
export interface ImportReport {
  problems: ImportProblem[];
}

/**
 * What an import of a draft outline could not carry over into a plan, as the server
 * reports it and the web app words it: data with a code, so that each reader gets it in
 * their own language, and `message`, the English wording.
 */

/** What an import could not carry over, by kind. */
export type ImportProblemCode =
  /** Images and drawings: a plan holds text only. */
  | 'image'
  /** Footnotes and endnotes: their text is left out. */
  | 'footnote'
  /** Comments: left out. */
  | 'comment'
  /** Tracked changes: the text is imported as if every change were accepted. */
  | 'tracked-changes'
  /** Text boxes: their text became ordinary paragraphs. */
  | 'text-box'
  /** A paragraph or character style the plan has no equivalent for. */
  | 'style'
  /** Headings nested deeper than a section's three levels. */
  | 'deep-heading'
  /** A title longer than the plan allows, shortened. */
  | 'long-title'
  /** The document has no headings, so all of it became one section. */
  | 'no-headings'
  /** Markdown the plan cannot hold (code, raw HTML); `detail` names it. */
  | 'markdown'
  /** Anything else the Word reader skipped; `detail` says what. */
  | 'other';

/** Something in the file that the plan could not hold, said for the person who imported it. */
export interface ImportProblem {
  code: ImportProblemCode;
  /** The problem in English: the web app's fallback and what the server logs. */
  message: string;
  /** The title of the section it was found in, when known. */
  where?: string;
  /** How many times it occurred, when more than once matters. */
  count?: number;
  /** The style name or the kind of Markdown the message names. */
  detail?: string;
}
